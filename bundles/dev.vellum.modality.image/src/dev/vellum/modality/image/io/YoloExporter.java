package dev.vellum.modality.image.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.spi.ExportFiles;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;

/**
 * Writes a YOLO dataset folder in the Ultralytics layout: {@code classes.txt} and {@code data.yaml}
 * (class names, index = line), {@code labels/<image path>.txt} per image with a line per box
 * ({@code class cx cy w h}) or polygon ({@code class x1 y1 ...}), normalized by the image size, and
 * {@code train.txt} listing the images (their local file when the project can find it, else the
 * asset's uri). An image path under an {@code images} folder keeps its place under {@code labels}.
 * YOLO cannot hold polygon holes (the outer ring is written), rotated boxes (written as 4-point
 * polygons), polylines, keypoints, masks or tags (not written), attributes or groups: each is
 * reported per item, as are images whose size is unknown and the sets of other annotators (one set
 * per image).
 */
@Component(service = FormatExporter.class)
public final class YoloExporter implements FormatExporter {
    @Override
    public String id() {
        return YoloFormat.ID;
    }

    @Override
    public String displayName() {
        return "YOLO detection and segmentation labels (Ultralytics layout)";
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
        if (Files.isRegularFile(out)) {
            throw new IOException(out + ": is a file; YOLO export writes a folder");
        }
        List<String> labels = ImageFormats.labels(project);
        Map<String, Integer> index = new HashMap<>();
        for (String l : labels) {
            index.put(l, index.size());
        }
        ExportReport.Builder losses = new ExportReport.Builder();
        List<ItemSummary> items = ImageFormats.imageItems(project);
        List<String> images = new ArrayList<>();
        int written = 0;
        progress.begin("Exporting YOLO", items.size());
        for (ItemSummary s : items) {
            if (progress.isCanceled()) {
                throw new IOException("export to " + out + " cancelled; the folder holds part of it");
            }
            progress.worked(1);
            Item item = project.loadItem(s.id());
            List<AnnotationSet> sets = ImageFormats.oneSet(item, options, "YOLO", losses);
            if (sets.isEmpty()) {
                continue;
            }
            int[] size = ImageFormats.size(project, item);
            if (size == null) {
                losses.add(item.id(), "the image size is unknown (no width/height and no readable image file); no label file written for its "
                        + sets.get(0).annotations().size() + " annotations");
                continue;
            }
            StringBuilder b = new StringBuilder();
            for (Annotation a : sets.get(0).annotations()) {
                line(a, size, index, b, losses, item.id());
            }
            String uri = item.assets().get(0).uri();
            ExportFiles.writeText(out.resolve(labelPath(uri)), b.toString());
            Path local = ImageFormats.file(project, item.assets().get(0));
            images.add(local != null && Files.isRegularFile(local) ? local.toAbsolutePath().toString() : uri);
            written++;
        }
        StringBuilder names = new StringBuilder();
        StringBuilder yaml = new StringBuilder("# Written by Vellum\npath: .\ntrain: train.txt\nval: train.txt\nnc: " + labels.size() + "\nnames:\n");
        for (int i = 0; i < labels.size(); i++) {
            names.append(labels.get(i)).append('\n');
            yaml.append("  ").append(i).append(": ").append(yamlString(labels.get(i))).append('\n');
        }
        ExportFiles.writeText(out.resolve("classes.txt"), names.toString());
        ExportFiles.writeText(out.resolve("data.yaml"), yaml.toString());
        ExportFiles.writeText(out.resolve("train.txt"), images.isEmpty() ? "" : String.join("\n", images) + "\n");
        return losses.build(written);
    }

    /** Where an image's label file goes: an {@code images} folder becomes {@code labels}, else under {@code labels/}. */
    static String labelPath(String uri) {
        String rel = ImageFormats.withoutExtension(ImageFormats.safeRelative(uri)) + ".txt";
        if (rel.startsWith("images/")) {
            return "labels/" + rel.substring(7);
        }
        int i = rel.lastIndexOf("/images/");
        return i >= 0 ? rel.substring(0, i) + "/labels/" + rel.substring(i + 8) : "labels/" + rel;
    }

    private static String yamlString(String s) {
        return s.matches("[A-Za-z0-9_.-]+") ? s : "'" + s.replace("'", "''") + "'";
    }

    private static void line(Annotation a, int[] size, Map<String, Integer> index, StringBuilder b, ExportReport.Builder losses, String item) {
        Shape s = ImageFormats.shape(a);
        if (s == null) {
            losses.add(item, "annotation '" + a.id() + "' has a payload that cannot be read; not written");
            return;
        }
        Integer c = index.get(a.label());
        if (c != null && (s instanceof BoundingBox || s instanceof Polygon || s instanceof RotatedBox)) {
            Map<String, Object> attrs = new java.util.LinkedHashMap<>(a.attributes());
            if (attrs.remove(CocoFormat.GROUP) != null) {
                losses.each(item, "YOLO lines cannot be joined into objects: the group of these annotations was not written", a.id());
            }
            if (!attrs.isEmpty()) {
                losses.each(item, "YOLO lines carry no attributes: the attributes of these annotations were not written", a.id());
            }
        }
        List<Double> poly = null;
        switch (s) {
            case BoundingBox box -> {
                if (c == null) {
                    break;
                }
                b.append(c).append(' ').append(ImageFormats.num((box.x() + box.width() / 2) / size[0])).append(' ')
                        .append(ImageFormats.num((box.y() + box.height() / 2) / size[1])).append(' ')
                        .append(ImageFormats.num(box.width() / size[0])).append(' ').append(ImageFormats.num(box.height() / size[1]))
                        .append('\n');
                return;
            }
            case Polygon p -> {
                poly = p.points();
                if (!p.holes().isEmpty() && c != null) {
                    losses.add(item, "YOLO polygons have no holes: only the outer ring of '" + a.id() + "' was written");
                }
            }
            case RotatedBox r -> {
                poly = r.corners();
                if (c != null) {
                    losses.add(item, "YOLO has no rotated boxes: '" + a.id() + "' was written as a 4-point polygon");
                }
            }
            default -> {
                losses.add(item, "YOLO cannot hold " + a.typeId() + " annotations: '" + a.id() + "' was not written");
                return;
            }
        }
        if (c == null) {
            losses.add(item, "annotation '" + a.id() + "' has no label, which YOLO needs; not written");
            return;
        }
        b.append(c);
        for (int i = 0; i + 1 < poly.size(); i += 2) {
            b.append(' ').append(ImageFormats.num(poly.get(i) / size[0])).append(' ').append(ImageFormats.num(poly.get(i + 1) / size[1]));
        }
        b.append('\n');
    }
}
