package dev.vellum.modality.image.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AttributeDef;
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
 * Writes one "CVAT for images 1.1" XML file: the image label schema as the task's labels (boolean
 * attributes as checkbox, choices as select, numbers, text), and per item an {@code <image>}
 * (subset = the item's dataset) with its boxes (rotated ones with {@code rotation}), polygons,
 * polylines, points, masks (cropped to their bounds in CVAT's row runs) and tags; {@code occluded},
 * {@code z_order} and {@code group} (as numbered {@code group_id}s) go to CVAT's own fields, other
 * attributes to {@code <attribute>}s (an {@code occluded} the label declares goes to both). Choice
 * attributes start with CVAT's {@code __undefined__} as their default, checkboxes with false.
 * Reported: the sets of other annotators (one set per image), polygon holes (outer ring written),
 * keypoint visibility and unlabelled keypoints, attribute values that are structures or that have
 * no declared type and are not text, occluded or z_order values CVAT's fields cannot hold, and
 * multi-choice and required attributes in the schema.
 */
@Component(service = FormatExporter.class)
public final class CvatExporter implements FormatExporter {
    @Override
    public String id() {
        return CvatFormat.ID;
    }

    @Override
    public String displayName() {
        return "CVAT for images 1.1 XML";
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
        List<ItemSummary> items = ImageFormats.imageItems(project);
        LabelSchema schema = project.project().schema(ImageModality.ID).orElse(new LabelSchema(ImageModality.ID, List.of()));
        int[] written = {0};
        progress.begin("Exporting CVAT", items.size());
        ExportFiles.writeAtomically(out, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            w.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<annotations>\n  <version>1.1</version>\n  <meta>\n    <task>\n");
            w.write("      <name>" + XmlNode.escape(project.project().name()) + "</name>\n      <size>" + items.size()
                    + "</size>\n      <mode>annotation</mode>\n      <labels>\n");
            writeLabels(w, project, losses);
            w.write("      </labels>\n    </task>\n    <dumped>" + Instant.now() + "</dumped>\n  </meta>\n");
            int imageId = 0;
            for (ItemSummary s : items) {
                if (progress.isCanceled()) {
                    throw new IOException("export to " + out + " cancelled; nothing written");
                }
                progress.worked(1);
                Item item;
                try {
                    item = project.loadItem(s.id());
                } catch (StoreException e) {
                    throw new IOException("item '" + s.id() + "' cannot be read: " + e.getMessage(), e);
                }
                List<AnnotationSet> sets = ImageFormats.oneSet(item, options, "CVAT for images", losses);
                if (sets.isEmpty()) {
                    continue;
                }
                writeImage(w, imageId++, item, ImageFormats.size(project, item), sets.get(0), schema, losses);
                written[0]++;
            }
            w.write("</annotations>\n");
            w.flush();
        });
        return losses.build(written[0]);
    }

    private static void writeLabels(Writer w, StoredProject project, ExportReport.Builder losses) throws IOException {
        LabelSchema schema = project.project().schema(ImageModality.ID).orElse(new LabelSchema(ImageModality.ID, List.of()));
        for (String name : ImageFormats.labels(project)) {
            LabelClass c = schema.labelClass(name).orElse(new LabelClass(name, null, null, List.of()));
            w.write("        <label>\n          <name>" + XmlNode.escape(name) + "</name>\n          <color>" + c.color()
                    + "</color>\n          <type>any</type>\n          <attributes>\n");
            for (AttributeDef d : c.attributes()) {
                String input;
                String values;
                switch (d.type()) {
                    case BOOLEAN -> {
                        input = "checkbox";
                        values = "false\ntrue";
                    }
                    case CHOICE -> {
                        // CVAT's "no value" comes first and is the default, so a new or unset shape stays unset as in Vellum.
                        input = "select";
                        values = CvatImporter.UNDEFINED + (d.allowedValues().isEmpty() ? "" : "\n" + String.join("\n", d.allowedValues()));
                    }
                    case MULTI_CHOICE -> {
                        input = "text";
                        values = "";
                        losses.add("label schema", "CVAT has no multi-choice attributes: '" + name + "." + d.name() + "' was written as text");
                    }
                    case NUMBER -> {
                        input = "number";
                        values = "";
                    }
                    default -> {
                        input = "text";
                        values = "";
                    }
                }
                String dflt = switch (d.type()) {
                    case BOOLEAN -> "false";
                    case CHOICE -> CvatImporter.UNDEFINED;
                    default -> "";
                };
                if (d.required()) {
                    losses.add("label schema", "CVAT attributes cannot be required: '" + name + "." + d.name() + "' was written as optional");
                }
                w.write("            <attribute>\n              <name>" + XmlNode.escape(d.name()) + "</name>\n              <mutable>False</mutable>\n"
                        + "              <input_type>" + input + "</input_type>\n              <default_value>" + XmlNode.escape(dflt)
                        + "</default_value>\n              <values>" + XmlNode.escape(values) + "</values>\n            </attribute>\n");
            }
            w.write("          </attributes>\n        </label>\n");
        }
    }

    private static void writeImage(Writer w, int id, Item item, int[] size, AnnotationSet set, LabelSchema schema, ExportReport.Builder losses)
            throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("  <image id=\"").append(id).append("\" name=\"").append(XmlNode.escape(item.assets().get(0).uri())).append('"');
        if (!item.dataset().isEmpty()) {
            b.append(" subset=\"").append(XmlNode.escape(item.dataset())).append('"');
        }
        if (size != null) {
            b.append(" width=\"").append(size[0]).append("\" height=\"").append(size[1]).append('"');
        } else {
            losses.add(item.id(), "the image size is unknown; width and height were not written");
        }
        b.append(">\n");
        Map<String, Integer> groups = new HashMap<>();
        for (Annotation a : set.annotations()) {
            Shape s = ImageFormats.shape(a);
            if (s == null) {
                losses.add(item.id(), "annotation '" + a.id() + "' has a payload that cannot be read; not written");
                continue;
            }
            Map<String, Object> attrs = new LinkedHashMap<>(a.attributes());
            StringBuilder common = new StringBuilder(" label=\"" + XmlNode.escape(a.label()) + "\"");
            Map<String, AttributeDef> declared = new HashMap<>();
            schema.labelClass(a.label()).ifPresent(c -> c.attributes().forEach(d -> declared.put(d.name(), d)));
            Object g = attrs.remove(CocoFormat.GROUP);
            boolean occluded = false;
            Object z = null;
            if (!(s instanceof Tag)) {
                // CVAT's own occluded flag and z_order; a label that declares "occluded" also gets it as an
                // <attribute>, so an explicit false reads back as false rather than unset.
                occluded = Boolean.TRUE.equals(attrs.get("occluded"));
                if (!declared.containsKey("occluded") && attrs.containsKey("occluded")) {
                    Object o = attrs.remove("occluded");
                    if (!Boolean.TRUE.equals(o)) {
                        losses.each(item.id(), "CVAT's occluded flag is 0 or 1: occluded = " + o + " reads back as unset", a.id());
                    }
                }
                z = attrs.remove("z_order");
                if (z != null && !(z instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() != 0)) {
                    losses.each(item.id(), "CVAT's z_order is a non-zero whole number or unset: z_order = " + z + " reads back as unset", a.id());
                }
            }
            String tag;
            StringBuilder geo = new StringBuilder();
            switch (s) {
                case BoundingBox box -> {
                    tag = "box";
                    geo.append(" xtl=\"").append(ImageFormats.num(box.x())).append("\" ytl=\"").append(ImageFormats.num(box.y()))
                            .append("\" xbr=\"").append(ImageFormats.num(box.x() + box.width())).append("\" ybr=\"")
                            .append(ImageFormats.num(box.y() + box.height())).append('"');
                }
                case RotatedBox r -> {
                    tag = "box";
                    geo.append(" xtl=\"").append(ImageFormats.num(r.cx() - r.width() / 2)).append("\" ytl=\"")
                            .append(ImageFormats.num(r.cy() - r.height() / 2)).append("\" xbr=\"").append(ImageFormats.num(r.cx() + r.width() / 2))
                            .append("\" ybr=\"").append(ImageFormats.num(r.cy() + r.height() / 2)).append("\" rotation=\"")
                            .append(ImageFormats.num(r.angle())).append('"');
                }
                case Polygon p -> {
                    tag = "polygon";
                    geo.append(" points=\"").append(points(p.points(), 2)).append('"');
                    if (!p.holes().isEmpty()) {
                        losses.add(item.id(), "CVAT polygons have no holes: only the outer ring of '" + a.id() + "' was written");
                    }
                }
                case Polyline p -> {
                    tag = "polyline";
                    geo.append(" points=\"").append(points(p.points(), 2)).append('"');
                }
                case Keypoints k -> {
                    tag = "points";
                    List<Double> xy = new ArrayList<>();
                    int hidden = 0, unlabelled = 0;
                    for (int i = 0; i < k.size(); i++) {
                        if (k.visibility(i) == 0) {
                            unlabelled++;
                            continue;
                        }
                        hidden += k.visibility(i) == 1 ? 1 : 0;
                        xy.add(k.points().get(3 * i));
                        xy.add(k.points().get(3 * i + 1));
                    }
                    if (unlabelled > 0) {
                        losses.add(item.id(), "CVAT points cannot mark a point unlabelled: " + unlabelled + " such points of '" + a.id()
                                + "' were left out, which shifts the template order");
                    }
                    if (hidden > 0) {
                        losses.add(item.id(), "CVAT points have no per-point visibility: " + hidden + " hidden points of '" + a.id()
                                + "' were written as visible");
                    }
                    if (!k.template().isEmpty() || !k.box().isEmpty()) {
                        losses.add(item.id(), "CVAT points name no template and no box: those links of '" + a.id() + "' were not written");
                    }
                    if (xy.isEmpty()) {
                        continue;
                    }
                    geo.append(" points=\"").append(points(xy, 2)).append('"');
                }
                case Mask m -> {
                    tag = "mask";
                    int[][] c = CvatFormat.toCvat(m);
                    StringBuilder rle = new StringBuilder();
                    for (int i = 0; i < c[0].length; i++) {
                        rle.append(i == 0 ? "" : ", ").append(c[0][i]);
                    }
                    geo.append(" rle=\"").append(rle).append("\" left=\"").append(c[1][0]).append("\" top=\"").append(c[1][1])
                            .append("\" width=\"").append(c[1][2]).append("\" height=\"").append(c[1][3]).append('"');
                    if (size != null && (m.width() != size[0] || m.height() != size[1])) {
                        losses.add(item.id(), "mask '" + a.id() + "' is " + m.width() + " x " + m.height() + ", not the image's size; written as it is");
                    }
                }
                case Tag t -> tag = "tag";
            }
            b.append("    <").append(tag).append(common);
            if (!tag.equals("tag")) {
                b.append(" source=\"manual\" occluded=\"").append(occluded ? 1 : 0).append('"').append(geo).append(" z_order=\"")
                        .append(z instanceof Number n ? n.longValue() : 0).append('"');
            }
            if (g != null) {
                int gid = groups.computeIfAbsent(String.valueOf(g), k -> groups.size() + 1);
                b.append(" group_id=\"").append(gid).append('"');
            }
            if (attrs.isEmpty()) {
                b.append("/>\n");
                continue;
            }
            b.append(">\n");
            for (Map.Entry<String, Object> e : attrs.entrySet()) {
                if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                    losses.add(item.id(), "attribute '" + e.getKey() + "' of '" + a.id() + "' holds a structure, which CVAT cannot; written as text");
                } else if (!(e.getValue() instanceof String) && !declared.containsKey(e.getKey())) {
                    losses.each(item.id(), "attribute '" + e.getKey() + "' is not in the label schema, so CVAT declares no type for it and its value "
                            + e.getValue() + " reads back as text", a.id());
                }
                b.append("      <attribute name=\"").append(XmlNode.escape(e.getKey())).append("\">").append(XmlNode.escape(String.valueOf(e.getValue())))
                        .append("</attribute>\n");
            }
            b.append("    </").append(tag).append(">\n");
        }
        b.append("  </image>\n");
        w.write(b.toString());
    }

    private static String points(List<Double> xy, int stride) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < xy.size(); i += stride) {
            b.append(i == 0 ? "" : ";").append(ImageFormats.num(xy.get(i))).append(',').append(ImageFormats.num(xy.get(i + 1)));
        }
        return b.toString();
    }
}
