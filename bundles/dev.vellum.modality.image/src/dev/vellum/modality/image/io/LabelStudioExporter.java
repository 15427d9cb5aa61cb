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
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
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
 * {@code parentID} = the box), tags {@code choices}; coordinates in percent of the image size.
 * Reported per item: masks (Label Studio's brush RLE is not written), polygon holes, polylines,
 * hidden keypoints, split keypoints, attributes (results carry none), and images of unknown size.
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
        ImageFormats.Losses losses = new ImageFormats.Losses();
        Map<?, ?> templates = project.project().extensions().get(CocoFormat.TEMPLATES) instanceof Map<?, ?> m ? m : Map.of();
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
                    for (Annotation a : set.annotations()) {
                        results(a, set, size, templates, results, losses, item.id());
                    }
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
        ImageFormats.writeAtomically(out, os -> JSON.writeValue(new NonClosing(os), tasks));
        return losses.report(tasks.size());
    }

    private static void results(Annotation a, AnnotationSet set, int[] size, Map<?, ?> templates, List<Object> out, ImageFormats.Losses losses,
            String item) {
        Shape s = ImageFormats.shape(a);
        if (s == null) {
            losses.add(item, "annotation '" + a.id() + "' has a payload that cannot be read; not written");
            return;
        }
        Map<String, Object> attrs = new LinkedHashMap<>(a.attributes());
        attrs.remove(CocoFormat.GROUP);
        if (!attrs.isEmpty()) {
            losses.add(item, "Label Studio results carry no attributes: " + attrs.keySet() + " of '" + a.id() + "' were not written");
        }
        double w = size[0], h = size[1];
        String rid = ImageFormats.idPart(a.id(), "r");
        switch (s) {
            case BoundingBox b -> out.add(result(rid, "rectanglelabels", "label", rect(b.x(), b.y(), b.width(), b.height(), 0, w, h), a.label(), size));
            case RotatedBox r -> {
                double rad = Math.toRadians(r.angle()), c = Math.cos(rad), sn = Math.sin(rad);
                double x = r.cx() - r.width() / 2 * c + r.height() / 2 * sn, y = r.cy() - r.width() / 2 * sn - r.height() / 2 * c;
                double rot = ((r.angle() % 360) + 360) % 360;
                out.add(result(rid, "rectanglelabels", "label", rect(x, y, r.width(), r.height(), rot, w, h), a.label(), size));
            }
            case Polygon p -> {
                if (!p.holes().isEmpty()) {
                    losses.add(item, "Label Studio polygons have no holes: only the outer ring of '" + a.id() + "' was written");
                }
                out.add(result(rid, "polygonlabels", "polygon", points(p.points(), w, h, true), a.label(), size));
            }
            case Polyline p -> {
                losses.add(item, "Label Studio has no polylines: '" + a.id() + "' was written as an open polygon (closed: false)");
                out.add(result(rid, "polygonlabels", "polygon", points(p.points(), w, h, false), a.label(), size));
            }
            case Keypoints k -> {
                List<?> names = templates.get(k.template()) instanceof Map<?, ?> t && t.get("keypoints") instanceof List<?> l ? l : List.of();
                int labelled = k.labelledCount();
                if (labelled > 1) {
                    losses.add(item, "Label Studio keypoints are single points: '" + a.id() + "' was split into " + labelled + " points");
                }
                String parent = k.box().isEmpty() || set.annotation(k.box()).isEmpty() ? null : ImageFormats.idPart(k.box(), "r");
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
                    Map<String, Object> r = result(labelled > 1 ? rid + "_" + i : rid, "keypointlabels", "keypoint", v, name, size);
                    if (parent != null) {
                        r.put("parentID", parent);
                    }
                    out.add(r);
                }
            }
            case Mask m -> losses.add(item, "masks are not written to Label Studio (its brush RLE is not supported): '" + a.id() + "' left out");
            case Tag t -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("choices", List.of(a.label()));
                Map<String, Object> r = result(rid, "choices", "choice", v, null, size);
                out.add(r);
            }
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
