package dev.vellum.modality.image.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Ids;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.JsonTrees;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Project;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.PayloadException;
import dev.vellum.modality.image.model.Polygon;

/**
 * Reads COCO instances and keypoints JSON: one item per image (its {@code file_name} as asset, made
 * into an item id), and per COCO annotation an {@code image.bbox}, one {@code image.polygon} per
 * polygon of its segmentation or an {@code image.mask} for RLE, and {@code image.keypoints} tied to
 * the box; they share the attribute {@code group}, and {@code iscrowd: 1} becomes the attribute
 * {@code iscrowd}. Categories become the image label schema's classes, keypoint names and skeletons
 * the project's keypoint templates. An image already in the project (the same picture in an
 * instances and a keypoints file) gets the new annotations added to the annotator's set.
 * Everything that cannot be mapped is reported per file.
 */
@Component(service = FormatImporter.class)
public final class CocoImporter implements FormatImporter {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** Reads a value at the parser into maps, lists, strings, Integer/Long/BigInteger and Double. */
    private static final ObjectMapper TREES = new ObjectMapper();
    /**
     * The same, with fractions read as exact BigDecimals: the model keeps payload numbers so, and
     * converting from double (through its shortest decimal text) cost a fifth of a large import.
     */
    private static final ObjectMapper DECIMAL_TREES = new ObjectMapper(JSON).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Set<String> KNOWN_ANNOTATION_FIELDS = Set.of("id", "image_id", "category_id", "segmentation", "area", "bbox",
            "iscrowd", "attributes", "keypoints", "num_keypoints");

    @Override
    public String id() {
        return CocoFormat.ID;
    }

    @Override
    public String displayName() {
        return "COCO instances and keypoints JSON";
    }

    @Override
    public String modalityId() {
        return ImageModality.ID;
    }

    @Override
    public int accepts(Path file) {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json") || !Files.isRegularFile(file)) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            return head.contains("\"images\"") || head.contains("\"annotations\"") || head.contains("\"categories\"") ? 80 : 10;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress)
            throws IOException, StoreException {
        int items = 0;
        int annotations = 0;
        List<ImportReport.Problem> problems = new ArrayList<>();
        for (Path f : files) {
            if (progress.isCanceled()) {
                break;
            }
            FileImport fi = new FileImport(project, f, annotator, problems, progress);
            fi.run();
            items += fi.itemsAdded;
            annotations += fi.annotationsAdded;
        }
        return new ImportReport(items, annotations, problems);
    }

    /**
     * The import of one file, in two passes so that a file of millions of annotations needs little
     * heap and every core. The first pass streams the file once, keeping categories and images as
     * trees but of each annotation only its {@code image_id} and where its bytes are. The second
     * pass goes image by image (in the file's image order, in parallel batches): it reads that
     * image's annotations back from the memory-mapped file, maps them, and saves the batch's items
     * with {@link StoredProject#saveItems}. Problems are collected per image and reported in the
     * same order as one sequential pass would.
     */
    private static final class FileImport {
        /** Images mapped and saved together: enough to keep every core busy, few enough to bound the heap. */
        private static final int BATCH = 128;

        final StoredProject stored;
        final Path file;
        final String annotator;
        final List<ImportReport.Problem> problems;
        final Progress progress;
        final String stem;
        int itemsAdded;
        int annotationsAdded;

        List<Object> categories = List.of();
        List<Object> images = List.of();
        /** Per annotation, in file order: the offset of its first byte, its length and its image id. */
        long[] starts = new long[1024];
        int[] lengths = new int[1024];
        long[] imageIds = new long[1024];
        /** Whether the annotation's image_id is a whole number (else it refers to no image). */
        java.util.BitSet validImageId = new java.util.BitSet();
        int annotationCount;
        final Map<Long, String> labels = new HashMap<>();
        final Set<String> templated = new HashSet<>();
        final Map<String, Integer> unmappedFields = new TreeMap<>();
        /** Set once, when the file was read: the same instant for every imported annotation. */
        Instant now;

        FileImport(StoredProject stored, Path file, String annotator, List<ImportReport.Problem> problems, Progress progress) {
            this.stored = stored;
            this.file = file;
            this.annotator = annotator;
            this.problems = problems;
            this.progress = progress;
            String name = file.getFileName().toString();
            this.stem = idPart(name.endsWith(".json") ? name.substring(0, name.length() - 5) : name, "coco");
        }

        void problem(String message) {
            problems.add(new ImportReport.Problem(file.toString(), message));
        }

        /** One image to import: what the sequential preparation decided, then what the parallel mapping made. */
        private static final class ImageWork {
            final long imageId;
            final String fileName;
            final String itemId;
            final Item item;
            final boolean isNew;
            final double[] size;
            int[] annotations;
            final List<String> problems = new ArrayList<>();
            final Map<String, Integer> unmapped = new HashMap<>();
            int added;

            ImageWork(long imageId, String fileName, String itemId, Item item, boolean isNew, double[] size) {
                this.imageId = imageId;
                this.fileName = fileName;
                this.itemId = itemId;
                this.item = item;
                this.isNew = isNew;
                this.size = size;
            }
        }

        void run() throws IOException, StoreException {
            read();
            mapCategories();
            now = Instant.now();
            Map<Long, Map<String, Object>> imageById = new LinkedHashMap<>();
            for (Object o : images) {
                Map<String, Object> im = object(o);
                Long id = im == null ? null : integer(im.get("id"));
                if (id == null || !(im.get("file_name") instanceof String fn) || fn.isBlank()) {
                    problem("an image without a numeric id or a file_name was skipped: " + o);
                    continue;
                }
                if (imageById.put(id, im) != null) {
                    problem("image id " + id + " appears twice; the later one (" + fn + ") is used");
                }
            }
            // Group the annotations by image (a counting sort keeps file order within each image).
            Map<Long, Integer> slot = new HashMap<>(imageById.size() * 2);
            for (Long id : imageById.keySet()) {
                slot.put(id, slot.size());
            }
            int[] imageOf = new int[annotationCount];
            int[] counts = new int[slot.size() + 1];
            try (Mapped mapped = new Mapped(file)) {
                for (int i = 0; i < annotationCount; i++) {
                    Integer s = validImageId.get(i) ? slot.get(imageIds[i]) : null;
                    if (s == null) {
                        Map<String, Object> a = object(mapped.readValue(starts[i], lengths[i]));
                        problem("annotation " + (a == null ? mapped.text(starts[i], lengths[i]) : a.get("id")) + " refers to image_id "
                                + (a == null ? null : a.get("image_id")) + ", which is not in images; skipped");
                        imageOf[i] = -1;
                        continue;
                    }
                    imageOf[i] = s;
                    counts[s + 1]++;
                }
                for (int k = 1; k < counts.length; k++) {
                    counts[k] += counts[k - 1];
                }
                int[] order = new int[counts[counts.length - 1]];
                int[] next = Arrays.copyOf(counts, counts.length);
                for (int i = 0; i < annotationCount; i++) {
                    if (imageOf[i] >= 0) {
                        order[next[imageOf[i]]++] = i;
                    }
                }
                imageOf = null;
                Set<String> usedItemIds = new HashSet<>();
                List<Map.Entry<Long, Map<String, Object>>> all = new ArrayList<>(imageById.entrySet());
                progress.begin("Importing " + file.getFileName(), all.size());
                for (int from = 0; from < all.size(); from += BATCH) {
                    if (progress.isCanceled()) {
                        problem("cancelled: " + (all.size() - from) + " images were not imported");
                        break;
                    }
                    List<ImageWork> batch = new ArrayList<>();
                    for (int k = from; k < Math.min(all.size(), from + BATCH); k++) {
                        ImageWork w = prepare(all.get(k).getKey(), all.get(k).getValue(), usedItemIds);
                        if (w != null) {
                            int s = slot.get(w.imageId);
                            w.annotations = Arrays.copyOfRange(order, counts[s], counts[s + 1]);
                            batch.add(w);
                        }
                    }
                    (batch.size() > 1 ? batch.parallelStream() : batch.stream()).forEach(w -> build(w, mapped));
                    List<Item> toSave = new ArrayList<>();
                    for (ImageWork w : batch) {
                        w.problems.forEach(this::problem);
                        w.unmapped.forEach((k, v) -> unmappedFields.merge(k, v, Integer::sum));
                        if (w.isNew || w.added > 0) {
                            toSave.add(w.item);
                        }
                    }
                    stored.saveItems(toSave);
                    for (ImageWork w : batch) {
                        itemsAdded += w.isNew ? 1 : 0;
                        annotationsAdded += w.added;
                    }
                    progress.worked(Math.min(all.size(), from + BATCH) - from);
                }
            }
            for (Map.Entry<String, Integer> e : unmappedFields.entrySet()) {
                problem("annotation field '" + e.getKey() + "' has no place in Vellum and was not kept (" + e.getValue() + " annotations)");
            }
        }

        /**
         * Streams the file once: categories and images become trees (they are small), annotations
         * are only located (offset, length, image id) for the second pass.
         */
        void read() throws IOException {
            try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException(file + ": not a COCO file (it does not start with a JSON object)");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "categories", "images", "annotations" -> {
                            if (t != JsonToken.START_ARRAY) {
                                throw new IOException(file + ": '" + name + "' must be a list");
                            }
                            if (name.equals("annotations")) {
                                locateAnnotations(p);
                                continue;
                            }
                            @SuppressWarnings("unchecked")
                            List<Object> l = TREES.readValue(p, List.class);
                            if (name.equals("categories")) {
                                categories = l;
                            } else {
                                images = l;
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                throw new IOException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
            }
        }

        private static long endOfScalar(JsonParser p) throws IOException {
            p.skipChildren();
            return p.currentLocation().getByteOffset();
        }

        /** Records where each annotation is and its image_id, skipping everything else unparsed. */
        private void locateAnnotations(JsonParser p) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new JsonParseException(p, "unexpected end of input inside 'annotations'");
                }
                long start = p.currentTokenLocation().getByteOffset();
                Long imageId = null;
                if (t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        boolean isImageId = "image_id".equals(p.currentName());
                        JsonToken v = p.nextToken();
                        if (isImageId && (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT)) {
                            imageId = integer(p.getNumberValue());
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                long end = t == JsonToken.START_OBJECT ? p.currentTokenLocation().getByteOffset() + 1 : endOfScalar(p);
                if (end - start > Integer.MAX_VALUE) {
                    throw new IOException(file + ": annotation at byte " + start + " is larger than 2 GB");
                }
                if (annotationCount == starts.length) {
                    int n = starts.length * 2;
                    starts = Arrays.copyOf(starts, n);
                    lengths = Arrays.copyOf(lengths, n);
                    imageIds = Arrays.copyOf(imageIds, n);
                }
                starts[annotationCount] = start;
                lengths[annotationCount] = (int) (end - start);
                if (imageId != null) {
                    imageIds[annotationCount] = imageId;
                    validImageId.set(annotationCount);
                }
                annotationCount++;
            }
        }

        void mapCategories() throws StoreException {
            Project project = stored.project();
            LabelSchema schema = project.schema(ImageModality.ID).orElse(new LabelSchema(ImageModality.ID, List.of()));
            List<LabelClass> classes = new ArrayList<>(schema.classes());
            Map<String, Object> templates = new LinkedHashMap<>();
            if (project.extensions().get(CocoFormat.TEMPLATES) instanceof Map<?, ?> old) {
                old.forEach((k, v) -> templates.put((String) k, v));
            }
            boolean changed = false;
            int supercategories = 0;
            for (Object o : categories) {
                Map<String, Object> c = object(o);
                Long id = c == null ? null : integer(c.get("id"));
                if (id == null || !(c.get("name") instanceof String name) || name.isBlank()) {
                    problem("a category without a numeric id or a name was skipped: " + o);
                    continue;
                }
                labels.put(id, name);
                if (schema.labelClass(name).isEmpty() && classes.stream().noneMatch(k -> k.name().equals(name))) {
                    classes.add(new LabelClass(name, null, null, List.of()));
                    changed = true;
                }
                if (c.get("supercategory") instanceof String s && !s.isEmpty()) {
                    supercategories++;
                }
                if (c.containsKey("keypoints") || c.containsKey("skeleton")) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("keypoints", c.get("keypoints") instanceof List<?> l ? l : List.of());
                    t.put("skeleton", c.get("skeleton") instanceof List<?> l ? l : List.of());
                    if (!t.equals(templates.get(name))) {
                        templates.put(name, t);
                        changed = true;
                    }
                    templated.add(name);
                }
            }
            if (supercategories > 0) {
                problem(supercategories + " categories have a supercategory, which Vellum's label schema does not keep");
            }
            if (changed) {
                project.putSchema(new LabelSchema(ImageModality.ID, classes));
                Map<String, Object> ext = new LinkedHashMap<>(project.extensions());
                if (!templates.isEmpty()) {
                    ext.put(CocoFormat.TEMPLATES, templates);
                }
                project.setExtensions(ext);
                stored.saveProject();
            }
        }


        /**
         * Decides an image's item sequentially (ids must be unique in image order; an existing item
         * is loaded through the store, which is not to be read from several threads); null when the
         * image is skipped.
         */
        ImageWork prepare(long imageId, Map<String, Object> im, Set<String> usedItemIds) throws StoreException {
            String fileName = (String) im.get("file_name");
            String itemId = idPart(fileName, "image-" + imageId);
            if (!usedItemIds.add(itemId)) {
                itemId = idPart(itemId + "-" + imageId, "image-" + imageId);
                usedItemIds.add(itemId);
            }
            Map<String, Object> assetMeta = new LinkedHashMap<>();
            Map<String, Object> rest = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : im.entrySet()) {
                switch (e.getKey()) {
                    case "id", "file_name" -> {
                    }
                    case "width", "height" -> assetMeta.put(e.getKey(), e.getValue());
                    default -> rest.put(e.getKey(), e.getValue());
                }
            }
            double[] size = assetMeta.get("width") instanceof Number w && assetMeta.get("height") instanceof Number h
                    ? new double[] {w.doubleValue(), h.doubleValue()}
                    : null;
            Item item;
            boolean isNew = stored.project().item(itemId).isEmpty();
            if (isNew) {
                Map<String, Object> meta = rest.isEmpty() ? Map.of() : Map.of(CocoFormat.IMAGE_FIELDS, rest);
                item = new Item(itemId, "", List.of(new Asset(fileName, ImageModality.ID, "", assetMeta)), meta, null, null);
            } else {
                item = stored.loadItem(itemId);
                if (!item.assets().get(0).uri().equals(fileName)) {
                    problem("image " + imageId + " (" + fileName + ") maps to item '" + itemId + "', which already holds "
                            + item.assets().get(0).uri() + "; its annotations were skipped");
                    return null;
                }
            }
            if (item.set(annotator).isEmpty()) {
                item.putSet(AnnotationSet.start(annotator, stored.project().currentGuidelineVersion()));
            }
            return new ImageWork(imageId, fileName, itemId, item, isNew, size);
        }

        /** Maps one image's annotations into its item's set; runs in parallel with other images. */
        void build(ImageWork w, Mapped mapped) {
            AnnotationSet set = w.item.set(annotator).orElseThrow();
            List<?> values;
            try {
                values = mapped.readValues(w.annotations, starts, lengths);
            } catch (IOException e) {
                // the first pass read these very bytes as JSON: only a file changed meanwhile gets here
                w.problems.add("the annotations of image " + w.imageId + " could not be read again (" + e.getMessage()
                        + "); did the file change during the import?");
                return;
            }
            for (Object value : values) {
                Map<String, Object> a = object(value);
                for (Annotation va : map(a, w, w.fileName, w.size)) {
                    if (set.indexOf(va.id()) >= 0) {
                        w.problems.add("item '" + w.itemId + "' already has annotation '" + va.id() + "' of " + annotator
                                + " (imported before?); skipped");
                        continue;
                    }
                    set.insert(-1, va);
                    w.added++;
                }
            }
        }

        /** The Vellum annotations of one COCO annotation; problems are reported and the rest kept. */
        List<Annotation> map(Map<String, Object> a, ImageWork w, String fileName, double[] size) {
            Object cocoId = a.get("id");
            String where = "annotation " + cocoId + " on " + fileName;
            Long categoryId = integer(a.get("category_id"));
            String label = categoryId == null ? null : labels.get(categoryId);
            if (label == null) {
                w.problems.add(where + ": category_id " + a.get("category_id") + " is not in categories; skipped");
                return List.of();
            }
            for (String k : a.keySet()) {
                if (!KNOWN_ANNOTATION_FIELDS.contains(k)) {
                    w.unmapped.merge(k, 1, Integer::sum);
                }
            }
            String base = stem + "." + idPart(String.valueOf(cocoId), "x");
            Map<String, Object> attributes = new LinkedHashMap<>();
            if (a.get("attributes") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> attributes.put((String) k, v));
            } else if (a.get("attributes") != null) {
                w.problems.add(where + ": 'attributes' is not an object; not kept");
            }
            attributes.put(CocoFormat.GROUP, base);
            Object crowd = a.get("iscrowd");
            if (crowd instanceof Number n && n.intValue() == 1 || Boolean.TRUE.equals(crowd)) {
                attributes.put(CocoFormat.ISCROWD, true);
            }
            // One copy shared by the group's annotations: the model keeps it as it is.
            Map<String, Object> shared = JsonTrees.copy(attributes);
            List<Annotation> out = new ArrayList<>();
            String boxId = "";
            if (a.get("bbox") instanceof List<?> b) {
                try {
                    if (b.size() != 4) {
                        throw new PayloadException("bbox must be [x, y, width, height], found " + b);
                    }
                    Map<String, Object> p = new LinkedHashMap<>(8);
                    p.put("x", b.get(0));
                    p.put("y", b.get(1));
                    p.put("width", b.get(2));
                    p.put("height", b.get(3));
                    BoundingBox.fromPayload(p);
                    // The payload keeps the file's numbers as read (exact decimals): what the box
                    // would write, without a detour through double.
                    out.add(annotation(base + ".box", BoundingBox.TYPE, label, shared, p));
                    boxId = base + ".box";
                } catch (PayloadException | NullPointerException e) {
                    w.problems.add(where + ": " + (e.getMessage() == null ? "bbox has a null" : e.getMessage()) + "; the box was skipped");
                }
            } else if (a.get("bbox") != null) {
                w.problems.add(where + ": bbox is not a list; skipped");
            }
            Object seg = a.get("segmentation");
            if (seg instanceof List<?> polys) {
                for (int k = 0; k < polys.size(); k++) {
                    try {
                        if (!(polys.get(k) instanceof List<?> pts)) {
                            throw new PayloadException("segmentation polygon " + k + " is not a list of numbers");
                        }
                        Map<String, Object> p = new LinkedHashMap<>(4);
                        p.put("points", pts);
                        p.put("holes", List.of());
                        Polygon.fromPayload(p);
                        out.add(annotation(base + ".poly" + k, Polygon.TYPE, label, shared, p));
                    } catch (PayloadException e) {
                        w.problems.add(where + ": " + e.getMessage() + "; that polygon was skipped");
                    }
                }
            } else if (seg instanceof Map<?, ?> rle) {
                try {
                    Mask mask = Mask.fromRle(rle.get("size"), rle.get("counts"), "segmentation");
                    out.add(annotation(base + ".mask", Mask.TYPE, label, shared, mask.toPayload()));
                } catch (PayloadException e) {
                    w.problems.add(where + ": " + e.getMessage() + "; the mask was skipped");
                }
            } else if (seg != null) {
                w.problems.add(where + ": segmentation is neither polygons nor RLE; skipped");
            }
            if (a.get("keypoints") instanceof List<?> kp) {
                try {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("points", kp);
                    p.put("template", templated.contains(label) ? label : "");
                    p.put("box", boxId);
                    out.add(annotation(base + ".keypoints", Keypoints.TYPE, label, shared, Keypoints.fromPayload(p).toPayload()));
                } catch (PayloadException e) {
                    w.problems.add(where + ": " + e.getMessage() + "; the keypoints were skipped");
                }
            }
            if (out.isEmpty()) {
                w.problems.add(where + ": no bbox, segmentation or keypoints that could be read; nothing imported");
            }
            return out;
        }

        Annotation annotation(String id, String type, String label, Map<String, Object> attributes, Map<String, Object> payload) {
            return new Annotation(id, type, label, attributes, ImageModality.PAYLOAD_VERSION, payload, Provenance.IMPORTED, annotator, now,
                    now);
        }
    }

    /**
     * The file mapped into memory (outside the heap) for the second pass, in windows of 1 GB that
     * start every 512 MB, so that any annotation up to 512 MB lies wholly inside one window.
     * Larger ones (never seen in practice) are read with a positional read.
     */
    private static final class Mapped implements AutoCloseable {
        private static final long STEP = 512L << 20;
        private final FileChannel channel;
        private final java.nio.MappedByteBuffer[] windows;

        Mapped(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            windows = new java.nio.MappedByteBuffer[(int) (size / STEP) + 1];
            for (int k = 0; k < windows.length; k++) {
                long from = k * STEP;
                windows[k] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(size - from, 2 * STEP));
            }
        }

        byte[] bytes(long start, int length) throws IOException {
            byte[] b = new byte[length];
            copy(start, length, b, 0);
            return b;
        }

        private void copy(long start, int length, byte[] b, int offset) throws IOException {
            int k = (int) (start / STEP);
            if (start - k * STEP + length <= windows[k].capacity()) {
                windows[k].get((int) (start - k * STEP), b, offset, length);
            } else {
                ByteBuffer buf = ByteBuffer.wrap(b, offset, length);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, start + buf.position() - offset) < 0) {
                        throw new IOException("the file is shorter than when it was first read");
                    }
                }
            }
        }

        /** The JSON value at that place, as maps, lists, strings, Integer/Long/BigInteger and BigDecimal. */
        Object readValue(long start, int length) throws IOException {
            return DECIMAL_TREES.readValue(bytes(start, length), Object.class);
        }

        /**
         * The JSON values at these places (indexes into starts and lengths), read as one list: one
         * parser per image rather than per annotation.
         */
        List<?> readValues(int[] which, long[] starts, int[] lengths) throws IOException {
            long total = 2;
            for (int i : which) {
                total += lengths[i] + 1;
            }
            if (total > Integer.MAX_VALUE - 16) {
                List<Object> out = new ArrayList<>();
                for (int i : which) {
                    out.add(readValue(starts[i], lengths[i]));
                }
                return out;
            }
            byte[] all = new byte[(int) total];
            int at = 0;
            all[at++] = '[';
            for (int k = 0; k < which.length; k++) {
                int i = which[k];
                if (k > 0) {
                    all[at++] = ',';
                }
                copy(starts[i], lengths[i], all, at);
                at += lengths[i];
            }
            all[at++] = ']';
            return DECIMAL_TREES.readValue(all, 0, at, List.class);
        }

        String text(long start, int length) throws IOException {
            return new String(bytes(start, length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static Long integer(Object o) {
        if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        return null;
    }

    /** {@code s} made into a valid id: other characters become '_', and a fallback when nothing is left. */
    static String idPart(String s, String fallback) {
        return Ids.from(s, fallback);
    }
}
