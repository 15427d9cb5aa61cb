package dev.vellum.modality.image.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
import com.fasterxml.jackson.core.JsonToken;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Ids;
import dev.vellum.core.model.Item;
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
import dev.vellum.modality.image.model.Shape;

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
        progress.begin("Importing COCO", files.size());
        for (Path f : files) {
            if (progress.isCanceled()) {
                break;
            }
            FileImport fi = new FileImport(project, f, annotator, problems);
            fi.run();
            items += fi.itemsAdded;
            annotations += fi.annotationsAdded;
            progress.worked(1);
        }
        return new ImportReport(items, annotations, problems);
    }

    /** The import of one file. */
    private static final class FileImport {
        final StoredProject stored;
        final Path file;
        final String annotator;
        final List<ImportReport.Problem> problems;
        final String stem;
        int itemsAdded;
        int annotationsAdded;

        List<Object> categories = List.of();
        List<Object> images = List.of();
        List<Object> annotations = List.of();
        final Map<Long, String> labels = new HashMap<>();
        final Set<String> templated = new HashSet<>();
        final Map<String, Integer> unmappedFields = new TreeMap<>();

        FileImport(StoredProject stored, Path file, String annotator, List<ImportReport.Problem> problems) {
            this.stored = stored;
            this.file = file;
            this.annotator = annotator;
            this.problems = problems;
            String name = file.getFileName().toString();
            this.stem = idPart(name.endsWith(".json") ? name.substring(0, name.length() - 5) : name, "coco");
        }

        void problem(String message) {
            problems.add(new ImportReport.Problem(file.toString(), message));
        }

        void run() throws IOException, StoreException {
            read();
            mapCategories();
            Map<Long, List<Map<String, Object>>> byImage = new LinkedHashMap<>();
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
                byImage.put(id, new ArrayList<>());
            }
            for (Object o : annotations) {
                Map<String, Object> a = object(o);
                Long imageId = a == null ? null : integer(a.get("image_id"));
                if (imageId == null || !byImage.containsKey(imageId)) {
                    problem("annotation " + (a == null ? o : a.get("id")) + " refers to image_id " + (a == null ? null : a.get("image_id"))
                            + ", which is not in images; skipped");
                    continue;
                }
                byImage.get(imageId).add(a);
            }
            Set<String> usedItemIds = new HashSet<>();
            for (Map.Entry<Long, Map<String, Object>> e : imageById.entrySet()) {
                importImage(e.getKey(), e.getValue(), byImage.get(e.getKey()), usedItemIds);
            }
            for (Map.Entry<String, Integer> e : unmappedFields.entrySet()) {
                problem("annotation field '" + e.getKey() + "' has no place in Vellum and was not kept (" + e.getValue() + " annotations)");
            }
        }

        void read() throws IOException {
            try (JsonParser p = JSON.createParser(Files.newInputStream(file))) {
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
                            @SuppressWarnings("unchecked")
                            List<Object> l = TREES.readValue(p, List.class);
                            switch (name) {
                                case "categories" -> categories = l;
                                case "images" -> images = l;
                                default -> annotations = l;
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                throw new IOException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
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

        void importImage(long imageId, Map<String, Object> im, List<Map<String, Object>> anns, Set<String> usedItemIds) throws StoreException {
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
                    return;
                }
            }
            AnnotationSet set = item.set(annotator).orElse(null);
            if (set == null) {
                set = AnnotationSet.start(annotator, stored.project().currentGuidelineVersion());
                item.putSet(set);
            }
            int added = 0;
            for (Map<String, Object> a : anns) {
                for (Annotation va : map(a, fileName, size)) {
                    if (set.indexOf(va.id()) >= 0) {
                        problem("item '" + itemId + "' already has annotation '" + va.id() + "' of " + annotator + " (imported before?); skipped");
                        continue;
                    }
                    set.insert(-1, va);
                    added++;
                }
            }
            if (isNew || added > 0) {
                stored.saveItem(item);
            }
            itemsAdded += isNew ? 1 : 0;
            annotationsAdded += added;
        }

        /** The Vellum annotations of one COCO annotation; problems are reported and the rest kept. */
        List<Annotation> map(Map<String, Object> a, String fileName, double[] size) {
            Object cocoId = a.get("id");
            String where = "annotation " + cocoId + " on " + fileName;
            Long categoryId = integer(a.get("category_id"));
            String label = categoryId == null ? null : labels.get(categoryId);
            if (label == null) {
                problem(where + ": category_id " + a.get("category_id") + " is not in categories; skipped");
                return List.of();
            }
            for (String k : a.keySet()) {
                if (!KNOWN_ANNOTATION_FIELDS.contains(k)) {
                    unmappedFields.merge(k, 1, Integer::sum);
                }
            }
            String base = stem + "." + idPart(String.valueOf(cocoId), "x");
            Map<String, Object> attributes = new LinkedHashMap<>();
            if (a.get("attributes") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> attributes.put((String) k, v));
            } else if (a.get("attributes") != null) {
                problem(where + ": 'attributes' is not an object; not kept");
            }
            attributes.put(CocoFormat.GROUP, base);
            Object crowd = a.get("iscrowd");
            if (crowd instanceof Number n && n.intValue() == 1 || Boolean.TRUE.equals(crowd)) {
                attributes.put(CocoFormat.ISCROWD, true);
            }
            List<Annotation> out = new ArrayList<>();
            String boxId = "";
            if (a.get("bbox") instanceof List<?> b) {
                try {
                    if (b.size() != 4) {
                        throw new PayloadException("bbox must be [x, y, width, height], found " + b);
                    }
                    Map<String, Object> p = Map.of("x", b.get(0), "y", b.get(1), "width", b.get(2), "height", b.get(3));
                    out.add(annotation(base + ".box", BoundingBox.TYPE, label, attributes, BoundingBox.fromPayload(p)));
                    boxId = base + ".box";
                } catch (PayloadException | NullPointerException e) {
                    problem(where + ": " + (e.getMessage() == null ? "bbox has a null" : e.getMessage()) + "; the box was skipped");
                }
            } else if (a.get("bbox") != null) {
                problem(where + ": bbox is not a list; skipped");
            }
            Object seg = a.get("segmentation");
            if (seg instanceof List<?> polys) {
                for (int k = 0; k < polys.size(); k++) {
                    try {
                        if (!(polys.get(k) instanceof List<?> pts)) {
                            throw new PayloadException("segmentation polygon " + k + " is not a list of numbers");
                        }
                        Polygon poly = Polygon.fromPayload(Map.of("points", pts));
                        out.add(annotation(base + ".poly" + k, Polygon.TYPE, label, attributes, poly));
                    } catch (PayloadException e) {
                        problem(where + ": " + e.getMessage() + "; that polygon was skipped");
                    }
                }
            } else if (seg instanceof Map<?, ?> rle) {
                try {
                    Mask mask = Mask.fromRle(rle.get("size"), rle.get("counts"), "segmentation");
                    out.add(annotation(base + ".mask", Mask.TYPE, label, attributes, mask));
                } catch (PayloadException e) {
                    problem(where + ": " + e.getMessage() + "; the mask was skipped");
                }
            } else if (seg != null) {
                problem(where + ": segmentation is neither polygons nor RLE; skipped");
            }
            if (a.get("keypoints") instanceof List<?> kp) {
                try {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("points", kp);
                    p.put("template", templated.contains(label) ? label : "");
                    p.put("box", boxId);
                    out.add(annotation(base + ".keypoints", Keypoints.TYPE, label, attributes, Keypoints.fromPayload(p)));
                } catch (PayloadException e) {
                    problem(where + ": " + e.getMessage() + "; the keypoints were skipped");
                }
            }
            if (out.isEmpty()) {
                problem(where + ": no bbox, segmentation or keypoints that could be read; nothing imported");
            }
            return out;
        }

        Annotation annotation(String id, String type, String label, Map<String, Object> attributes, Shape shape) {
            Instant now = Instant.now();
            return new Annotation(id, type, label, attributes, ImageModality.PAYLOAD_VERSION, shape.toPayload(), Provenance.IMPORTED, annotator,
                    now, now);
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
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '_');
        }
        String id = b.toString().replaceFirst("^[._-]+", "");
        if (id.length() > 100) {
            id = id.substring(id.length() - 100).replaceFirst("^[._-]+", "");
        }
        return Ids.isValid(id) ? id : fallback;
    }
}
