package dev.vellum.modality.image.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.PayloadException;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;

/**
 * Writes the image items as one COCO JSON file. Annotations sharing the attribute {@code group}
 * become one COCO annotation (box, polygons or mask, keypoints); categories come from the image
 * label schema (then any other label used), numbered from 1, with the keypoint templates; image
 * ids are numbered from 1 in item order. What COCO cannot hold is reported per item by
 * {@link #exportWithReport}: rotated boxes (written as 4-point polygons), polygon holes (only the
 * outer ring is written), polylines and image tags (not written), a second box, mask or keypoint set
 * in one group, polygons next to a mask, keypoints that follow another template than their
 * category's, annotations without a label, unreadable payloads and images of unknown size; and, once,
 * keypoint templates that no category carries.
 */
@Component(service = FormatExporter.class)
public final class CocoExporter implements FormatExporter {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** Items loaded and rendered together: enough for every core, few enough to bound the heap. */
    private static final int BATCH = 64;
    private static final byte[] HEAD_FIRST = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD_NEXT = ",{\"id\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * One item's COCO annotations as JSON objects without their id, one after another in
     * {@code bytes}: object k spans {@code bounds[k]} to {@code bounds[k + 1]}; and what they lost.
     */
    private record Rendered(byte[] bytes, int[] bounds, ExportReport.Builder losses) {
    }

    /** Renders the annotations of one item's set; runs in parallel with other items. */
    private static Rendered render(Item item, int imageId, AnnotationSet set, Map<String, Integer> categories) {
        ExportReport.Builder losses = new ExportReport.Builder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + set.annotations().size() * 128);
        List<Integer> bounds = new ArrayList<>();
        bounds.add(0);
        try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            for (List<Annotation> group : groups(set)) {
                if (writeAnnotation(g, imageId, group, categories, losses, item.id())) {
                    g.flush();
                    bounds.add(bytes.size());
                }
            }
        } catch (IOException e) {
            // a ByteArrayOutputStream does not fail
            throw new java.io.UncheckedIOException(e);
        }
        return new Rendered(bytes.toByteArray(), bounds.stream().mapToInt(Integer::intValue).toArray(), losses);
    }

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
    public int export(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        return exportWithReport(project, options, out, progress).itemsWritten();
    }

    @Override
    public ExportReport exportWithReport(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        ExportReport.Builder losses = new ExportReport.Builder();
        List<ItemSummary> summaries = project.project().items().stream().filter(s -> ImageModality.ID.equals(s.modalityId())).toList();
        Map<String, Integer> categories = new LinkedHashMap<>();
        project.project().schema(ImageModality.ID).ifPresent(s -> {
            for (LabelClass c : s.classes()) {
                categories.putIfAbsent(c.name(), categories.size() + 1);
            }
        });
        for (ItemSummary s : summaries) {
            for (ItemSummary.SetSummary set : s.sets()) {
                set.labels().stream().sorted().forEach(l -> categories.putIfAbsent(l, categories.size() + 1));
            }
        }
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        Path annotationsTmp = Files.createTempFile(dir, "." + out.getFileName(), ".annotations.tmp");
        int written = 0;
        progress.begin("Exporting COCO", summaries.size());
        try {
            // One pass over the items, holding one at a time: images go to memory (a few fields
            // each), annotations to a temporary file; the file is then put together in COCO's usual
            // order. Keeping every set until the images were written needed the whole project in heap.
            ByteArrayOutputStream images = new ByteArrayOutputStream();
            try (OutputStream as = new BufferedOutputStream(Files.newOutputStream(annotationsTmp), 1 << 16);
                    JsonGenerator gi = JSON.createGenerator(images, JsonEncoding.UTF8)) {
                as.write('[');
                gi.writeStartArray();
                int imageId = 0;
                int annotationId = 0;
                for (int from = 0; from < summaries.size(); from += BATCH) {
                    if (progress.isCanceled()) {
                        throw new IOException("export to " + out + " cancelled; nothing written");
                    }
                    List<ItemSummary> batch = summaries.subList(from, Math.min(summaries.size(), from + BATCH));
                    List<Item> items = project.loadItems(batch.stream().map(ItemSummary::id).toList());
                    // Items are loaded (on every core by the folder store) and their annotations
                    // rendered in parallel; ids are numbered here, in item order, so the file is the
                    // same as one written item by item.
                    Rendered[] rendered = new Rendered[items.size()];
                    int base = imageId;
                    int[] imageIds = new int[items.size()];
                    AnnotationSet[] sets = new AnnotationSet[items.size()];
                    for (int i = 0; i < items.size(); i++) {
                        List<AnnotationSet> chosen = ImageFormats.oneSet(items.get(i), options, "COCO", losses);
                        sets[i] = chosen.isEmpty() ? null : chosen.get(0);
                        imageIds[i] = sets[i] == null ? 0 : ++base;
                    }
                    IntStream.range(0, items.size()).parallel().forEach(i -> {
                        if (sets[i] != null) {
                            rendered[i] = render(items.get(i), imageIds[i], sets[i], categories);
                        }
                    });
                    for (int i = 0; i < items.size(); i++) {
                        progress.worked(1);
                        if (rendered[i] == null) {
                            continue;
                        }
                        Item item = items.get(i);
                        imageId = imageIds[i];
                        writeImage(gi, imageId, item, losses);
                        losses.addAll(rendered[i].losses());
                        Rendered r = rendered[i];
                        for (int k = 0; k + 1 < r.bounds().length; k++) {
                            as.write(annotationId == 0 ? HEAD_FIRST : HEAD_NEXT);
                            annotationId++;
                            as.write(Integer.toString(annotationId).getBytes(StandardCharsets.US_ASCII));
                            as.write(',');
                            // the rendered object without its opening brace: its fields follow the id
                            as.write(r.bytes(), r.bounds()[k] + 1, r.bounds()[k + 1] - r.bounds()[k] - 1);
                        }
                        written++;
                    }
                }
                as.write(']');
                gi.writeEndArray();
            }
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(head, JsonEncoding.UTF8)) {
                writeCategories(g, categories, project.project().extensions().get(CocoFormat.TEMPLATES), losses);
            }
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                os.write("{\"categories\":".getBytes(StandardCharsets.UTF_8));
                head.writeTo(os);
                os.write(",\"images\":".getBytes(StandardCharsets.UTF_8));
                images.writeTo(os);
                os.write(",\"annotations\":".getBytes(StandardCharsets.UTF_8));
                Files.copy(annotationsTmp, os);
                os.write('}');
            }
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(annotationsTmp);
        }
        return losses.build(written);
    }

    private static void writeCategories(JsonGenerator g, Map<String, Integer> categories, Object templates, ExportReport.Builder losses)
            throws IOException {
        Map<?, ?> t = templates instanceof Map<?, ?> m ? m : Map.of();
        for (Object name : t.keySet()) {
            if (!categories.containsKey(String.valueOf(name))) {
                losses.add(CocoFormat.TEMPLATES, "COCO keeps keypoint names and skeletons per category: the template '" + name
                        + "', which no category of this export has, was not written");
            }
        }
        g.writeStartArray();
        for (Map.Entry<String, Integer> c : categories.entrySet()) {
            g.writeStartObject();
            g.writeNumberField("id", c.getValue());
            g.writeStringField("name", c.getKey());
            g.writeStringField("supercategory", "");
            if (t.get(c.getKey()) instanceof Map<?, ?> template) {
                g.writeFieldName("keypoints");
                writeValue(g, template.get("keypoints") == null ? List.of() : template.get("keypoints"));
                g.writeFieldName("skeleton");
                writeValue(g, template.get("skeleton") == null ? List.of() : template.get("skeleton"));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeImage(JsonGenerator g, int id, Item item, ExportReport.Builder losses) throws IOException {
        Map<String, Object> md = item.assets().get(0).metadata();
        if (!(md.get("width") instanceof Number) || !(md.get("height") instanceof Number)) {
            losses.add(item.id(), "the image size is not in the asset's metadata; COCO needs it, written as width and height 0");
        }
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeFieldName("width");
        writeValue(g, md.getOrDefault("width", 0));
        g.writeFieldName("height");
        writeValue(g, md.getOrDefault("height", 0));
        g.writeStringField("file_name", item.assets().get(0).uri());
        if (item.metadata().get(CocoFormat.IMAGE_FIELDS) instanceof Map<?, ?> rest) {
            for (Map.Entry<?, ?> e : rest.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
        }
        g.writeEndObject();
    }

    /** The set's annotations joined by their {@code group} attribute (or alone), in order. */
    private static List<List<Annotation>> groups(AnnotationSet set) {
        Map<String, List<Annotation>> groups = new LinkedHashMap<>();
        for (Annotation a : set.annotations()) {
            String key = a.attributes().get(CocoFormat.GROUP) instanceof String s ? a.label() + "\u0000" + s : "\u0001" + a.id();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
        }
        return new ArrayList<>(groups.values());
    }

    /**
     * Writes one COCO annotation; false (nothing written) when the group has nothing COCO can hold.
     * Whatever of the group is left out or changed is reported.
     */
    private static boolean writeAnnotation(JsonGenerator g, int imageId, List<Annotation> group, Map<String, Integer> categories,
            ExportReport.Builder losses, String item) throws IOException {
        BoundingBox box = null;
        List<List<Double>> polygons = new ArrayList<>();
        List<String> polygonIds = new ArrayList<>();
        Mask mask = null;
        Keypoints keypoints = null;
        Annotation first = group.get(0);
        if (categories.get(first.label()) == null) {
            for (Annotation a : group) {
                losses.add(item, "annotation '" + a.id() + "' has no label, which COCO needs as its category; not written");
            }
            return false;
        }
        for (Annotation a : group) {
            Shape s;
            try {
                s = Shape.fromPayload(a.typeId(), a.payload());
            } catch (PayloadException e) {
                losses.add(item, "annotation '" + a.id() + "' cannot be written (" + e.getMessage() + ")");
                continue;
            }
            if (a != first && !a.attributes().equals(first.attributes())) {
                losses.add(item, "COCO keeps one set of attributes per object: those of '" + a.id() + "' differ from those of '" + first.id()
                        + "' in its group and were not written");
            }
            switch (s) {
                case BoundingBox b -> {
                    if (box == null) {
                        box = b;
                    } else {
                        losses.add(item, "COCO holds one box per object: the extra box '" + a.id() + "' of its group was not written");
                    }
                }
                case Polygon p -> {
                    polygons.add(p.points());
                    polygonIds.add(a.id());
                    if (!p.holes().isEmpty()) {
                        losses.add(item, "COCO polygons have no holes: only the outer ring of '" + a.id() + "' was written");
                    }
                }
                case RotatedBox r -> {
                    polygons.add(r.corners());
                    polygonIds.add(a.id());
                    losses.add(item, "COCO has no rotated boxes: '" + a.id() + "' was written as a 4-point polygon");
                }
                case Mask m -> {
                    if (mask == null) {
                        mask = m;
                    } else {
                        losses.add(item, "COCO holds one mask per object: the extra mask '" + a.id() + "' of its group was not written");
                    }
                }
                case Keypoints k -> {
                    if (keypoints == null) {
                        keypoints = k;
                        if (!k.template().isEmpty() && !k.template().equals(first.label())) {
                            losses.add(item, "COCO ties keypoints to their category's template: '" + a.id() + "' follows the template '"
                                    + k.template() + "', written as if it followed that of '" + first.label() + "'");
                        }
                    } else {
                        losses.add(item, "COCO holds one keypoint set per object: the extra keypoints '" + a.id()
                                + "' of its group were not written");
                    }
                }
                default -> losses.add(item, "COCO cannot hold " + a.typeId() + " annotations: '" + a.id() + "' was not written");
            }
        }
        if (mask != null && !polygons.isEmpty()) {
            for (String p : polygonIds) {
                losses.add(item, "a COCO segmentation is polygons or a mask, not both: the polygon '" + p + "' of a group with a mask was not written");
            }
            polygons.clear();
        }
        if (box == null && polygons.isEmpty() && mask == null && keypoints == null) {
            return false;
        }
        boolean crowd = Boolean.TRUE.equals(first.attributes().get(CocoFormat.ISCROWD));
        double area;
        if (mask != null) {
            area = mask.area();
        } else if (!polygons.isEmpty()) {
            area = polygons.stream().mapToDouble(Polygon::ringArea).sum();
        } else {
            area = box == null ? 0 : box.area();
        }
        if (box == null) {
            box = mask != null ? mask.bounds() : !polygons.isEmpty() ? Shape.boundsOf(polygons.stream().flatMap(List::stream).toList()) : keypoints.bounds();
        }
        g.writeStartObject();
        g.writeNumberField("image_id", imageId);
        g.writeNumberField("category_id", categories.get(first.label()));
        g.writeFieldName("segmentation");
        if (mask != null) {
            g.writeStartObject();
            g.writeFieldName("size");
            g.writeArray(new int[] {mask.height(), mask.width()}, 0, 2);
            if (crowd) {
                g.writeFieldName("counts");
                g.writeArray(mask.counts(), 0, mask.counts().length);
            } else {
                g.writeStringField("counts", dev.vellum.modality.image.codec.CocoRle.encode(mask.counts()));
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (List<Double> p : polygons) {
                writeNumbers(g, p);
            }
            g.writeEndArray();
        }
        g.writeNumberField("area", area);
        g.writeFieldName("bbox");
        g.writeStartArray();
        if (box != null) {
            g.writeNumber(box.x());
            g.writeNumber(box.y());
            g.writeNumber(box.width());
            g.writeNumber(box.height());
        }
        g.writeEndArray();
        g.writeNumberField("iscrowd", crowd ? 1 : 0);
        if (keypoints != null) {
            g.writeFieldName("keypoints");
            writeNumbers(g, keypoints.points());
            g.writeNumberField("num_keypoints", keypoints.labelledCount());
        }
        Map<String, Object> attributes = new LinkedHashMap<>(first.attributes());
        attributes.remove(CocoFormat.GROUP);
        attributes.remove(CocoFormat.ISCROWD);
        if (!attributes.isEmpty()) {
            g.writeFieldName("attributes");
            writeValue(g, attributes);
        }
        g.writeEndObject();
        return true;
    }

    private static void writeNumbers(JsonGenerator g, List<Double> xs) throws IOException {
        g.writeStartArray();
        for (double d : xs) {
            writeNumber(g, d);
        }
        g.writeEndArray();
    }

    private static void writeNumber(JsonGenerator g, double d) throws IOException {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            g.writeNumber((long) d);
        } else {
            g.writeNumber(d);
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case java.math.BigDecimal d -> g.writeNumber(d);
            case java.math.BigInteger i -> g.writeNumber(i);
            case Number n -> g.writeNumber(n.doubleValue());
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    writeValue(g, o);
                }
                g.writeEndArray();
            }
            default -> g.writeString(String.valueOf(v));
        }
    }
}
