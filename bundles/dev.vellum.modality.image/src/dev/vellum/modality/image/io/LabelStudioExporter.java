package dev.vellum.modality.image.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.ExportFiles;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.model.Tag;

/**
 * Writes Label Studio's JSON task list: a task per image item ({@code data.image} = the asset's
 * uri) with one annotation per annotator's set (every set unless an annotator is chosen;
 * {@code completed_by.email} = the annotator). Boxes and rotated boxes become
 * {@code rectanglelabels} (rotation about the top-left corner), polygons {@code polygonlabels},
 * polylines open {@code polygonlabels} ({@code closed: false}), keypoints one
 * {@code keypointlabels} per labelled point (named from the keypoint template when there is one,
 * {@code parentID} = the box), tags {@code choices}; coordinates in percent of the image size. A
 * shape's attributes become per-region results sharing its region id ({@code from_name} = the
 * attribute): choice, multi-choice and boolean values {@code choices}, numbers {@code number}, text
 * {@code textarea}. Annotations joined by {@code group} are nested under one of them by
 * {@code parentID} (under the box their keypoints name, when there is one). Next to the JSON goes
 * the labeling config ({@link LabelStudioConfig}: {@code tasks.label_config.xml}) declaring those
 * controls and the labels with their colours and hotkeys. Reported per item: masks (Label Studio's
 * brush RLE is not written), polygon holes, polylines, hidden keypoints, split keypoints and their
 * template, attributes and groups of image tags (which have no region), attribute values that are
 * structures or take a control's name, and images of unknown size.
 */
@Component(service = FormatExporter.class)
public final class LabelStudioExporter implements FormatExporter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String id() {
        return LabelStudioFormat.ID;
    }

    @Override
    public String displayName() {
        return "Label Studio JSON (image tasks)";
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
        Map<?, ?> templates = project.project().extensions().get(CocoFormat.TEMPLATES) instanceof Map<?, ?> m ? m : Map.of();
        LabelSchema schema = project.project().schema(ImageModality.ID).orElse(new LabelSchema(ImageModality.ID, List.of()));
        LabelStudioConfig config = new LabelStudioConfig();
        for (String name : ImageFormats.labels(project)) {
            LabelClass c = schema.labelClass(name).orElse(null);
            config.label("label", name, c == null ? null : c.color(), c == null ? null : c.hotkey());
            config.label("polygon", name, c == null ? null : c.color(), c == null ? null : c.hotkey());
            for (AttributeDef d : c == null ? List.<AttributeDef>of() : c.attributes()) {
                if (d.name().equals(CocoFormat.GROUP)) {
                    continue;
                }
                if (LabelStudioConfig.RESERVED.contains(d.name())) {
                    losses.add("label schema", "attribute '" + d.name() + "' of '" + name + "' has the name of a Label Studio region control; not declared");
                    continue;
                }
                String conflict = config.attribute(name, d);
                if (conflict != null) {
                    losses.add("label schema", conflict);
                }
            }
        }
        Writer w = new Writer(schema, templates, config, losses);
        List<ItemSummary> items = ImageFormats.imageItems(project);
        List<Object> tasks = new ArrayList<>();
        int annotationId = 0;
        progress.begin("Exporting Label Studio", items.size());
        for (ItemSummary s : items) {
            if (progress.isCanceled()) {
                throw new IOException("export to " + out + " cancelled; nothing written");
            }
            progress.worked(1);
            Item item = project.loadItem(s.id());
            List<AnnotationSet> sets = ImageFormats.sets(item, options, true);
            if (sets.isEmpty()) {
                continue;
            }
            int[] size = ImageFormats.size(project, item);
            if (size == null) {
                losses.add(item.id(), "the image size is unknown, so percent coordinates cannot be written; the task has no results");
            }
            List<Object> annotations = new ArrayList<>();
            for (AnnotationSet set : sets) {
                List<Object> results = new ArrayList<>();
                if (size != null) {
                    w.set(set, size, item.id(), results);
                }
                Map<String, Object> ann = new LinkedHashMap<>();
                ann.put("id", ++annotationId);
                ann.put("completed_by", Map.of("email", set.annotator()));
                ann.put("result", results);
                ann.put("was_cancelled", false);
                ann.put("ground_truth", false);
                ann.put("created_at", set.created().toString());
                ann.put("updated_at", set.modified().toString());
                annotations.add(ann);
            }
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("id", tasks.size() + 1);
            task.put("data", Map.of("image", item.assets().get(0).uri()));
            task.put("annotations", annotations);
            task.put("predictions", List.of());
            task.put("meta", Map.of("vellum_item", item.id()));
            tasks.add(task);
        }
        ExportFiles.writeAtomically(out, os -> JSON.writeValue(new NonClosing(os), tasks));
        ExportFiles.writeText(LabelStudioConfig.fileFor(out), config.toXml());
        return losses.build(tasks.size());
    }

    /** Writes the results of sets, declaring in the config what it uses. */
    private static final class Writer {
        final LabelSchema schema;
        final Map<?, ?> templates;
        final LabelStudioConfig config;
        final ExportReport.Builder losses;

        Writer(LabelSchema schema, Map<?, ?> templates, LabelStudioConfig config, ExportReport.Builder losses) {
            this.schema = schema;
            this.templates = templates;
            this.config = config;
            this.losses = losses;
        }

        void set(AnnotationSet set, int[] size, String item, List<Object> out) {
            Map<String, String> parents = parents(set, item);
            for (Annotation a : set.annotations()) {
                results(a, set, size, parents, out, item);
            }
        }

        /**
         * The region each grouped annotation is nested under ({@code parentID}), by annotation id:
         * per group of two or more, the box its keypoints name, else its first box, else its first
         * region. Label Studio reads nesting back as one group, so that is how a group survives.
         */
        private Map<String, String> parents(AnnotationSet set, String item) {
            Map<String, List<Annotation>> groups = new LinkedHashMap<>();
            for (Annotation a : set.annotations()) {
                Object g = a.attributes().get(CocoFormat.GROUP);
                if (g != null) {
                    groups.computeIfAbsent(String.valueOf(g), k -> new ArrayList<>()).add(a);
                }
            }
            Map<String, String> parentOf = new LinkedHashMap<>();
            for (List<Annotation> members : groups.values()) {
                if (members.size() < 2) {
                    continue;
                }
                Annotation leader = null;
                for (Annotation a : members) {
                    if (ImageFormats.shape(a) instanceof Keypoints k && !k.box().isEmpty()
                            && members.stream().anyMatch(b -> b.id().equals(k.box()) && ImageFormats.shape(b) instanceof BoundingBox)) {
                        leader = set.annotation(k.box()).orElse(null);
                        break;
                    }
                }
                for (int pass = 0; pass < 2 && leader == null; pass++) {
                    for (Annotation a : members) {
                        Shape s = ImageFormats.shape(a);
                        if (pass == 0 ? s instanceof BoundingBox : s != null && !(s instanceof Tag) && !(s instanceof Mask)) {
                            leader = a;
                            break;
                        }
                    }
                }
                for (Annotation a : members) {
                    Shape s = ImageFormats.shape(a);
                    if (s instanceof Tag) {
                        losses.each(item, "Label Studio image choices have no region to join a group: the group of tags was not written", a.id());
                    } else if (leader == null || a == leader || s instanceof Mask || s == null) {
                        continue;
                    } else if (s instanceof Keypoints k && !k.box().isEmpty() && !k.box().equals(leader.id())) {
                        losses.each(item, "Label Studio nests keypoints under the box they name, which is in another group: their group was not written", a.id());
                    } else {
                        if (s instanceof Keypoints k && k.box().isEmpty() && ImageFormats.shape(leader) instanceof BoundingBox) {
                            losses.each(item, "Label Studio reads keypoints nested under a box as that box's points: these keypoints read back naming the box of their group", a.id());
                        }
                        parentOf.put(a.id(), regionId(leader));
                    }
                }
            }
            return parentOf;
        }

        /** The id of an annotation's (first) region. */
        private static String regionId(Annotation a) {
            String rid = ImageFormats.idPart(a.id(), "r");
            if (ImageFormats.shape(a) instanceof Keypoints k && k.labelledCount() > 1) {
                for (int i = 0; i < k.size(); i++) {
                    if (k.visibility(i) != 0) {
                        return rid + "_" + i;
                    }
                }
            }
            return rid;
        }

        private void results(Annotation a, AnnotationSet set, int[] size, Map<String, String> parents, List<Object> out, String item) {
            Shape s = ImageFormats.shape(a);
            if (s == null) {
                losses.add(item, "annotation '" + a.id() + "' has a payload that cannot be read; not written");
                return;
            }
            Map<String, Object> attrs = new LinkedHashMap<>(a.attributes());
            attrs.remove(CocoFormat.GROUP);
            double w = size[0], h = size[1];
            String rid = ImageFormats.idPart(a.id(), "r");
            String parent = parents.get(a.id());
            List<String> regions = new ArrayList<>();
            switch (s) {
                case BoundingBox b -> regions.add(region(out, rid, "rectanglelabels", "label", rect(b.x(), b.y(), b.width(), b.height(), 0, w, h), a.label(), size, parent));
                case RotatedBox r -> {
                    double rad = Math.toRadians(r.angle()), c = Math.cos(rad), sn = Math.sin(rad);
                    double x = r.cx() - r.width() / 2 * c + r.height() / 2 * sn, y = r.cy() - r.width() / 2 * sn - r.height() / 2 * c;
                    double rot = ((r.angle() % 360) + 360) % 360;
                    regions.add(region(out, rid, "rectanglelabels", "label", rect(x, y, r.width(), r.height(), rot, w, h), a.label(), size, parent));
                }
                case Polygon p -> {
                    if (!p.holes().isEmpty()) {
                        losses.add(item, "Label Studio polygons have no holes: only the outer ring of '" + a.id() + "' was written");
                    }
                    regions.add(region(out, rid, "polygonlabels", "polygon", points(p.points(), w, h, true), a.label(), size, parent));
                }
                case Polyline p -> {
                    losses.add(item, "Label Studio has no polylines: '" + a.id() + "' was written as an open polygon (closed: false)");
                    regions.add(region(out, rid, "polygonlabels", "polygon", points(p.points(), w, h, false), a.label(), size, parent));
                }
                case Keypoints k -> {
                    List<?> names = templates.get(k.template()) instanceof Map<?, ?> t && t.get("keypoints") instanceof List<?> l ? l : List.of();
                    int labelled = k.labelledCount();
                    if (labelled > 1) {
                        losses.add(item, "Label Studio keypoints are single points: '" + a.id() + "' was split into " + labelled + " points");
                    } else if (!k.template().isEmpty()) {
                        losses.add(item, "Label Studio keypoints name no template: the point of '" + a.id() + "' was written labelled by its name in '"
                                + k.template() + "'");
                    }
                    String box = k.box().isEmpty() || set.annotation(k.box()).isEmpty() ? null : ImageFormats.idPart(k.box(), "r");
                    for (int i = 0; i < k.size(); i++) {
                        if (k.visibility(i) == 0) {
                            continue;
                        }
                        if (k.visibility(i) == 1) {
                            losses.add(item, "Label Studio keypoints have no visibility: hidden point " + i + " of '" + a.id() + "' was written as visible");
                        }
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("x", k.points().get(3 * i) / w * 100);
                        v.put("y", k.points().get(3 * i + 1) / h * 100);
                        v.put("width", 0.5);
                        String name = i < names.size() ? String.valueOf(names.get(i)) : a.label();
                        regions.add(region(out, labelled > 1 ? rid + "_" + i : rid, "keypointlabels", "keypoint", v, name, size, box != null ? box : parent));
                    }
                }
                case Mask m -> {
                    losses.add(item, "masks are not written to Label Studio (its brush RLE is not supported): '" + a.id() + "' left out");
                    return;
                }
                case Tag t -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("choices", List.of(a.label()));
                    out.add(result(rid, "choices", "choice", v, null, size));
                    config.label("choice", a.label(), color(a.label()), null);
                    if (!attrs.isEmpty()) {
                        losses.each(item, "Label Studio image choices have no region to carry attributes: the attributes of these tags were not written",
                                a.id());
                    }
                    return;
                }
            }
            for (Map.Entry<String, Object> e : attrs.entrySet()) {
                Map<String, Object> value = attributeValue(a, e.getKey(), e.getValue(), item);
                if (value == null) {
                    continue;
                }
                String key = value.keySet().iterator().next();
                String type = key.equals("text") ? "textarea" : key;
                for (String region : regions) {
                    out.add(result(region, type, e.getKey(), new LinkedHashMap<>(value), null, size));
                }
            }
        }

        /** A region result, its label declared in the config; returns its id. */
        private String region(List<Object> out, String id, String type, String control, Map<String, Object> value, String label, int[] size,
                String parent) {
            Map<String, Object> r = result(id, type, control, value, label, size);
            if (parent != null) {
                r.put("parentID", parent);
            }
            out.add(r);
            config.label(control, label, color(label), null);
            return id;
        }

        private String color(String label) {
            return schema.labelClass(label).map(LabelClass::color).orElse(null);
        }

        /**
         * The value of a per-region result for one attribute ({@code {"choices": [...]}},
         * {@code {"number": n}} or {@code {"text": [...]}}), declaring its control; null when it
         * cannot be written (reported).
         */
        private Map<String, Object> attributeValue(Annotation a, String name, Object value, String item) {
            if (LabelStudioConfig.RESERVED.contains(name)) {
                losses.each(item, "attribute '" + name + "' has the name of a Label Studio region control, so it was not written", a.id());
                return null;
            }
            AttributeDef declared = schema.labelClass(a.label()).flatMap(c -> c.attribute(name)).orElse(null);
            AttributeType type;
            Object v;
            if (value instanceof Boolean b) {
                type = AttributeType.BOOLEAN;
                v = List.of(b.toString());
            } else if (value instanceof Number n) {
                type = AttributeType.NUMBER;
                v = n;
            } else if (value instanceof String str) {
                type = declared != null && declared.type() == AttributeType.CHOICE ? AttributeType.CHOICE : AttributeType.TEXT;
                v = List.of(str);
            } else if (value instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) {
                type = AttributeType.MULTI_CHOICE;
                v = l;
            } else {
                losses.each(item, "attribute '" + name + "' holds " + (value == null ? "null" : "a structure")
                        + ", which no Label Studio control holds; not written", a.id());
                return null;
            }
            LabelStudioConfig.Control c = config.control(name);
            if (c == null) {
                config.attribute(a.label(), declared != null && declared.type() == type ? declared
                        : new AttributeDef(name, type, type == AttributeType.CHOICE || type == AttributeType.MULTI_CHOICE ? strings(v) : List.of(), false));
            } else if (c.type != type && !(c.type == AttributeType.CHOICE && type == AttributeType.TEXT)) {
                losses.each(item, "attribute '" + name + "' is " + type.id() + " here but its Label Studio control is " + c.type.id()
                        + ", so it reads back as " + c.type.id() + "; not written", a.id());
                return null;
            } else {
                c.labels.add(a.label());
                for (String s : c.type == AttributeType.CHOICE || c.type == AttributeType.MULTI_CHOICE ? strings(v) : List.<String>of()) {
                    if (!c.values.contains(s)) {
                        c.values.add(s);
                    }
                }
            }
            String key = switch (c == null ? type : c.type) {
                case NUMBER -> "number";
                case TEXT -> "text";
                default -> "choices";
            };
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(key, v);
            return out;
        }

        private static List<String> strings(Object v) {
            return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v));
        }
    }

    private static Map<String, Object> rect(double x, double y, double bw, double bh, double rotation, double w, double h) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("x", x / w * 100);
        v.put("y", y / h * 100);
        v.put("width", bw / w * 100);
        v.put("height", bh / h * 100);
        v.put("rotation", rotation);
        return v;
    }

    private static Map<String, Object> points(List<Double> xy, double w, double h, boolean closed) {
        List<List<Double>> pts = new ArrayList<>();
        for (int i = 0; i + 1 < xy.size(); i += 2) {
            pts.add(List.of(xy.get(i) / w * 100, xy.get(i + 1) / h * 100));
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("points", pts);
        v.put("closed", closed);
        return v;
    }

    private static Map<String, Object> result(String id, String type, String fromName, Map<String, Object> value, String label, int[] size) {
        if (label != null) {
            value.put(type, List.of(label));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("type", type);
        r.put("from_name", fromName);
        r.put("to_name", "image");
        r.put("original_width", size[0]);
        r.put("original_height", size[1]);
        r.put("image_rotation", 0);
        r.put("value", value);
        r.put("origin", "manual");
        return r;
    }

    /** Lets Jackson write without closing the stream the atomic writer still has to close. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
