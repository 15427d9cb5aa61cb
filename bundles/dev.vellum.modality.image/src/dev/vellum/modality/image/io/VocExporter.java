package dev.vellum.modality.image.io;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

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
import dev.vellum.modality.image.codec.CocoRle;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Shape;

/**
 * Writes a Pascal VOC folder: {@code Annotations/<name>.xml} per image (an {@code <object>} per
 * group of annotations joined by {@code group}, or per lone annotation: its box, its boxes marked
 * {@code part} as {@code <part>}s, pose/truncated/difficult/occluded/actions and the other
 * attributes in Datumaro's {@code <attributes>}), {@code SegmentationObject} and
 * {@code SegmentationClass} palette PNGs for the masks (instance = object number, class = index in
 * {@code labelmap.txt}), and {@code ImageSets/Main/default.txt}. VOC has no polygons, rotated boxes,
 * polylines, keypoints or tags: a polygon or rotated box alone in its object is written as its
 * bounding box, otherwise left out; each case is reported per item, as are overlapping masks (a
 * pixel of the PNGs has one owner), attributes of parts and masks, flag values other than booleans,
 * and the sets of other annotators (one set per image). An explicit {@code false} of truncated,
 * difficult or occluded is written as {@code 0} and again in {@code <attributes>}, since a bare
 * {@code 0} reads back as unset.
 */
@Component(service = FormatExporter.class)
public final class VocExporter implements FormatExporter {
    @Override
    public String id() {
        return VocFormat.ID;
    }

    @Override
    public String displayName() {
        return "Pascal VOC XML and segmentation PNGs";
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
            throw new IOException(out + ": is a file; VOC export writes a folder");
        }
        List<String> classes = new ArrayList<>();
        classes.add("background");
        for (String l : ImageFormats.labels(project)) {
            if (!l.equals("background")) {
                classes.add(l);
            }
        }
        ExportReport.Builder losses = new ExportReport.Builder();
        if (classes.size() > VocFormat.VOID) {
            losses.add("labelmap", "VOC PNGs hold at most 254 classes; masks of the classes after the 254th are not written");
        }
        List<ItemSummary> items = ImageFormats.imageItems(project);
        StringBuilder main = new StringBuilder();
        StringBuilder segmentation = new StringBuilder();
        java.util.Set<String> usedNames = new java.util.HashSet<>();
        int written = 0;
        progress.begin("Exporting Pascal VOC", items.size());
        for (ItemSummary s : items) {
            if (progress.isCanceled()) {
                throw new IOException("export to " + out + " cancelled; the folder holds part of it");
            }
            progress.worked(1);
            Item item = project.loadItem(s.id());
            List<AnnotationSet> sets = ImageFormats.oneSet(item, options, "Pascal VOC", losses);
            if (sets.isEmpty()) {
                continue;
            }
            String filename = ImageFormats.safeRelative(item.assets().get(0).uri());
            String name = ImageFormats.idPart(ImageFormats.withoutExtension(filename), item.id());
            if (!usedNames.add(name)) {
                name = item.id();
                usedNames.add(name);
            }
            boolean masks = writeItem(project, item, sets.get(0), filename, name, classes, out, losses);
            main.append(name).append('\n');
            if (masks) {
                segmentation.append(name).append('\n');
            }
            written++;
        }
        StringBuilder labelmap = new StringBuilder("# label:color_rgb:parts:actions\n");
        for (int i = 0; i < classes.size(); i++) {
            int c = VocFormat.color(i);
            labelmap.append(classes.get(i)).append(':').append(c >> 16 & 255).append(',').append(c >> 8 & 255).append(',').append(c & 255)
                    .append("::\n");
        }
        ExportFiles.writeText(out.resolve("labelmap.txt"), labelmap.toString());
        ExportFiles.writeText(out.resolve("ImageSets/Main/default.txt"), main.toString());
        if (!segmentation.isEmpty()) {
            ExportFiles.writeText(out.resolve("ImageSets/Segmentation/default.txt"), segmentation.toString());
        }
        return losses.build(written);
    }

    /** One VOC object: its main box and label, parts and mask. */
    private static final class VocObject {
        Annotation main;
        BoundingBox box;
        final List<Annotation> parts = new ArrayList<>();
        final List<Mask> masks = new ArrayList<>();
        final List<String> maskLabels = new ArrayList<>();
        final List<Annotation> others = new ArrayList<>();
    }

    /** Writes one item's XML (and PNGs); true when it has masks. */
    private static boolean writeItem(StoredProject project, Item item, AnnotationSet set, String filename, String name, List<String> classes,
            Path out, ExportReport.Builder losses) throws IOException {
        Map<String, VocObject> objects = new LinkedHashMap<>();
        for (Annotation a : set.annotations()) {
            Map<String, Object> own = new LinkedHashMap<>(a.attributes());
            own.remove(CocoFormat.GROUP);
            own.remove(VocFormat.PART);
            Shape shape = ImageFormats.shape(a);
            if (!own.isEmpty() && (shape instanceof Mask || shape instanceof BoundingBox && Boolean.TRUE.equals(a.attributes().get(VocFormat.PART)))) {
                losses.each(item.id(), "VOC keeps attributes only on an object's main box: the attributes of these parts and masks were not written",
                        a.id());
            }
            String key = a.attributes().get(CocoFormat.GROUP) instanceof String g ? "g" + g : "a" + a.id();
            VocObject o = objects.computeIfAbsent(key, k -> new VocObject());
            Shape s = ImageFormats.shape(a);
            if (s == null) {
                losses.add(item.id(), "annotation '" + a.id() + "' has a payload that cannot be read; not written");
            } else if (s instanceof BoundingBox b && Boolean.TRUE.equals(a.attributes().get(VocFormat.PART))) {
                o.parts.add(a);
            } else if (s instanceof BoundingBox b && o.main == null) {
                o.main = a;
                o.box = b;
            } else if (s instanceof Mask m) {
                o.masks.add(m);
                o.maskLabels.add(a.label());
            } else {
                o.others.add(a);
            }
        }
        int[] size = ImageFormats.size(project, item);
        List<VocObject> written = new ArrayList<>();
        List<VocObject> maskOnly = new ArrayList<>();
        for (VocObject o : objects.values()) {
            for (Annotation a : o.others) {
                Shape s = ImageFormats.shape(a);
                boolean boundable = s instanceof dev.vellum.modality.image.model.Polygon || s instanceof dev.vellum.modality.image.model.RotatedBox
                        || s instanceof BoundingBox;
                if (o.main == null && boundable && s.bounds() != null) {
                    o.main = a;
                    o.box = s.bounds();
                    if (!(s instanceof BoundingBox)) {
                        losses.add(item.id(), "VOC has no " + a.typeId() + ": '" + a.id() + "' was written as its bounding box");
                    }
                } else if (s instanceof BoundingBox) {
                    losses.add(item.id(), "VOC holds one box per object: the extra box '" + a.id() + "' of its group was not written");
                } else {
                    losses.add(item.id(), "VOC cannot hold " + a.typeId() + " annotations: '" + a.id() + "' was not written");
                }
            }
            if (o.main == null && !o.masks.isEmpty()) {
                // A mask without a box is no <object>: it goes only into the PNGs, numbered after the objects.
                maskOnly.add(o);
                continue;
            }
            if (o.box == null) {
                if (!o.parts.isEmpty()) {
                    losses.add(item.id(), "parts without their object's box were not written (" + o.parts.size() + ")");
                }
                continue;
            }
            if (o.masks.size() > 1) {
                losses.add(item.id(), "VOC holds one mask per object: " + (o.masks.size() - 1) + " more masks of one group were not written");
            }
            written.add(o);
        }
        List<VocObject> instances = new ArrayList<>(written);
        instances.addAll(maskOnly);
        boolean hasMasks = instances.stream().anyMatch(o -> !o.masks.isEmpty());
        if (hasMasks && instances.size() >= VocFormat.VOID) {
            losses.add(item.id(), "VOC object PNGs hold at most 254 instances; the masks of objects after the 254th were not written");
        }
        if (size == null && hasMasks) {
            Mask m = instances.stream().filter(o -> !o.masks.isEmpty()).findFirst().orElseThrow().masks.get(0);
            size = new int[] {m.width(), m.height()};
        }
        StringBuilder x = new StringBuilder("<annotation>\n");
        x.append("  <folder>VOC</folder>\n  <filename>").append(XmlNode.escape(filename)).append("</filename>\n");
        x.append("  <source>\n    <database>Vellum</database>\n  </source>\n");
        if (size != null) {
            x.append("  <size>\n    <width>").append(size[0]).append("</width>\n    <height>").append(size[1])
                    .append("</height>\n    <depth>3</depth>\n  </size>\n");
        } else {
            losses.add(item.id(), "the image size is unknown; <size> was not written");
        }
        x.append("  <segmented>").append(hasMasks ? 1 : 0).append("</segmented>\n");
        for (VocObject o : written) {
            String label = o.main.label();
            Map<String, Object> attrs = new LinkedHashMap<>(o.main.attributes());
            attrs.remove(CocoFormat.GROUP);
            x.append("  <object>\n    <name>").append(XmlNode.escape(label)).append("</name>\n");
            Object pose = attrs.remove("pose");
            x.append("    <pose>").append(XmlNode.escape(pose == null ? "Unspecified" : String.valueOf(pose))).append("</pose>\n");
            Map<String, Object> explicitFalse = new LinkedHashMap<>();
            for (String flag : List.of("truncated", "difficult", "occluded")) {
                Object v = attrs.remove(flag);
                if (Boolean.FALSE.equals(v)) {
                    // <flag>0</flag> also means "not set"; Datumaro's <attributes> keeps the explicit false apart.
                    explicitFalse.put(flag, false);
                } else if (v != null && !Boolean.TRUE.equals(v)) {
                    losses.each(item.id(), "VOC's <" + flag + "> is 0 or 1: the value " + v + " was written as "
                            + ("1".equals(String.valueOf(v)) ? "1 and reads back as true" : "0 and reads back as unset"), o.main.id());
                }
                x.append("    <").append(flag).append('>').append(Boolean.TRUE.equals(v) || "1".equals(String.valueOf(v)) ? 1 : 0).append("</")
                        .append(flag).append(">\n");
            }
            explicitFalse.putAll(attrs);
            attrs = explicitFalse;
            bndbox(x, "    ", o.box);
            for (Annotation p : o.parts) {
                x.append("    <part>\n      <name>").append(XmlNode.escape(p.label())).append("</name>\n");
                bndbox(x, "      ", (BoundingBox) ImageFormats.shape(p));
                x.append("    </part>\n");
            }
            if (attrs.remove("actions") instanceof Map<?, ?> actions) {
                x.append("    <actions>\n");
                for (Map.Entry<?, ?> e : actions.entrySet()) {
                    String k = String.valueOf(e.getKey());
                    if (!k.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                        losses.add(item.id(), "action '" + k + "' is not an XML name; not written");
                        continue;
                    }
                    x.append("      <").append(k).append('>').append(Boolean.TRUE.equals(e.getValue()) ? 1 : 0).append("</").append(k).append(">\n");
                }
                x.append("    </actions>\n");
            }
            if (!attrs.isEmpty()) {
                x.append("    <attributes>\n");
                for (Map.Entry<String, Object> e : attrs.entrySet()) {
                    if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                        losses.add(item.id(), "attribute '" + e.getKey() + "' holds a structure, which VOC's attributes cannot; written as text");
                    }
                    x.append("      <attribute>\n        <name>").append(XmlNode.escape(e.getKey())).append("</name>\n        <value>")
                            .append(XmlNode.escape(String.valueOf(e.getValue()))).append("</value>\n      </attribute>\n");
                }
                x.append("    </attributes>\n");
            }
            x.append("  </object>\n");
        }
        x.append("</annotation>\n");
        ExportFiles.writeText(out.resolve("Annotations").resolve(name + ".xml"), x.toString());
        if (hasMasks) {
            writePngs(item, instances, classes, size, out, name, losses);
        }
        return hasMasks;
    }

    private static void bndbox(StringBuilder x, String indent, BoundingBox b) {
        x.append(indent).append("<bndbox>\n");
        x.append(indent).append("  <xmin>").append(ImageFormats.num(b.x())).append("</xmin>\n");
        x.append(indent).append("  <ymin>").append(ImageFormats.num(b.y())).append("</ymin>\n");
        x.append(indent).append("  <xmax>").append(ImageFormats.num(b.x() + b.width())).append("</xmax>\n");
        x.append(indent).append("  <ymax>").append(ImageFormats.num(b.y() + b.height())).append("</ymax>\n");
        x.append(indent).append("</bndbox>\n");
    }

    private static void writePngs(Item item, List<VocObject> objects, List<String> classes, int[] size, Path out, String name,
            ExportReport.Builder losses) throws IOException {
        int w = size[0], h = size[1];
        byte[] obj = new byte[w * h];
        byte[] cls = new byte[w * h];
        int overlap = 0;
        for (int k = 0; k < objects.size() && k < VocFormat.VOID - 1; k++) {
            VocObject o = objects.get(k);
            if (o.masks.isEmpty()) {
                continue;
            }
            Mask m = o.masks.get(0);
            if (m.width() != w || m.height() != h) {
                losses.add(item.id(), "a mask of " + m.width() + " x " + m.height() + " does not match the image (" + w + " x " + h + "); not written");
                continue;
            }
            int c = classes.indexOf(o.maskLabels.get(0));
            if (c >= VocFormat.VOID || c < 0) {
                losses.add(item.id(), "a mask labelled '" + o.maskLabels.get(0) + "' has no VOC class index; not written");
                continue;
            }
            boolean[] px = CocoRle.toMask(m.counts(), h, w);
            for (int i = 0; i < px.length; i++) {
                if (px[i]) {
                    int x = i / h, y = i % h;
                    if (obj[y * w + x] != 0) {
                        overlap++;
                    }
                    obj[y * w + x] = (byte) (k + 1);
                    cls[y * w + x] = (byte) c;
                }
            }
        }
        if (overlap > 0) {
            losses.add(item.id(), overlap + " pixels belong to more than one mask; VOC PNGs give each pixel to the later object");
        }
        writePalettePng(out.resolve("SegmentationObject").resolve(name + ".png"), w, h, obj);
        writePalettePng(out.resolve("SegmentationClass").resolve(name + ".png"), w, h, cls);
    }

    /** An 8-bit palette PNG with VOC's colours, written atomically. */
    static void writePalettePng(Path file, int w, int h, byte[] indices) throws IOException {
        byte[] r = new byte[256], g = new byte[256], b = new byte[256];
        for (int i = 0; i < 256; i++) {
            int c = VocFormat.color(i);
            r[i] = (byte) (c >> 16);
            g[i] = (byte) (c >> 8);
            b[i] = (byte) c;
        }
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, r, g, b));
        WritableRaster raster = im.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = indices[y * w + x] & 0xff;
            }
            raster.setSamples(0, y, w, 1, 0, row);
        }
        ExportFiles.writeAtomically(file, os -> {
            if (!ImageIO.write(im, "png", os)) {
                throw new IOException(file + ": no PNG writer installed");
            }
        });
    }
}
