package dev.vellum.modality.image.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.model.Tag;

/**
 * Reads "CVAT for images 1.1" XML (task, job or project exports), streaming one {@code <image>} at a
 * time. The labels of {@code <meta>} with their attributes (checkbox, radio/select, number, text)
 * and colours join the image label schema. Per image: {@code box} becomes {@code image.bbox}, or
 * {@code image.rbox} when rotated; {@code polygon}, {@code polyline}, {@code points} (keypoints, all
 * visible), {@code mask} (CVAT's row runs over a box, made into COCO RLE) and {@code tag}. The
 * shapes' {@code <attribute>}s become attributes typed by the label's definition; {@code occluded},
 * a non-zero {@code z_order} and {@code group_id} (as {@code group}) are kept as attributes; a radio or
 * select value {@code __undefined__} (CVAT's "none") leaves the attribute unset. An image with a
 * {@code subset} becomes the item {@code <subset>_<name>} in the dataset of that name. Ellipses,
 * cuboids, skeletons and tracks are reported. A {@code <default_value>} is the value CVAT gives a
 * new shape and shows for a shape stored without that attribute; CVAT's own dumps write every
 * attribute of every shape, so defaults change no imported value. Defaults that mean "unset" anyway
 * (empty, {@code __undefined__}, a checkbox's {@code false}) are dropped silently; others are
 * reported once per label and import, since Vellum's schema has no defaults.
 */
@Component(service = FormatImporter.class)
public final class CvatImporter implements FormatImporter {
    /** CVAT's value of a radio or select attribute that has none. */
    static final String UNDEFINED = "__undefined__";

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
    public int accepts(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml") || !Files.isRegularFile(file)) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
            return head.contains("<annotations>") && head.contains("<version>1.1</version>") ? 90 : head.contains("<annotations>") ? 30 : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress)
            throws IOException, StoreException {
        ImageFormats.Sink sink = new ImageFormats.Sink(project);
        Set<String> defaultsReported = new HashSet<>();
        progress.begin("Importing CVAT", files.size());
        for (Path f : files) {
            if (progress.isCanceled()) {
                break;
            }
            new FileImport(sink, f, annotator, defaultsReported).run();
            progress.worked(1);
        }
        sink.saveSchema();
        return sink.report();
    }

    private static final class FileImport {
        final ImageFormats.Sink sink;
        final Path file;
        final String annotator;
        /** Attribute definitions by label and attribute name. */
        final Map<String, Map<String, AttributeDef>> defs = new HashMap<>();
        final Map<String, Integer> unmapped = new TreeMap<>();
        /** Labels whose defaults were reported by an earlier file of the same import. */
        final Set<String> defaultsReported;

        FileImport(ImageFormats.Sink sink, Path file, String annotator, Set<String> defaultsReported) {
            this.sink = sink;
            this.file = file;
            this.annotator = annotator;
            this.defaultsReported = defaultsReported;
        }

        void run() throws IOException, StoreException {
            try (InputStream in = Files.newInputStream(file)) {
                XMLStreamReader r = ImageFormats.safeXml().createXMLStreamReader(in);
                try {
                    while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                        // skip the prolog
                    }
                    if (!r.isStartElement() || !r.getLocalName().equals("annotations")) {
                        throw new IOException(file + ": not a CVAT for images file (the root element is "
                                + (r.isStartElement() ? "<" + r.getLocalName() + ">" : "missing") + ", not <annotations>)");
                    }
                    while (r.hasNext()) {
                        int e = r.next();
                        if (e != XMLStreamConstants.START_ELEMENT) {
                            continue;
                        }
                        XmlNode n = XmlNode.read(r);
                        switch (n.name()) {
                            case "version" -> {
                                if (!n.text().equals("1.1")) {
                                    sink.problem(file, "version " + n.text() + " is not 1.1, the version this importer knows; read as 1.1");
                                }
                            }
                            case "meta" -> meta(n);
                            case "image" -> image(n);
                            case "track" -> unmapped.merge("<track> (video annotation; use a video format)", 1, Integer::sum);
                            default -> unmapped.merge("<" + n.name() + "> at the top level", 1, Integer::sum);
                        }
                    }
                } finally {
                    r.close();
                }
            } catch (XMLStreamException e) {
                throw new IOException(XmlNode.error(file, e), e);
            }
            for (Map.Entry<String, Integer> e : unmapped.entrySet()) {
                sink.problem(file, e.getKey() + " has no place in Vellum and was not imported (" + e.getValue() + " times)");
            }
        }

        void meta(XmlNode meta) {
            List<XmlNode> labels = new ArrayList<>();
            collectLabels(meta, labels);
            for (XmlNode l : labels) {
                String name = l.text("name");
                if (name == null || name.isBlank()) {
                    continue;
                }
                String type = l.text("type");
                if (type != null && type.equals("skeleton")) {
                    unmapped.merge("skeleton label '" + name + "'", 1, Integer::sum);
                }
                List<AttributeDef> attrs = new ArrayList<>();
                List<String> defaults = new ArrayList<>();
                XmlNode as = l.child("attributes");
                for (XmlNode a : as == null ? List.<XmlNode>of() : as.all("attribute")) {
                    String an = a.text("name");
                    if (an == null || an.isBlank()) {
                        continue;
                    }
                    String input = a.text("input_type") == null ? "text" : a.text("input_type");
                    String values = a.text("values") == null ? "" : a.text("values");
                    List<String> vs = List.of(values.contains("\n") ? values.split("\n") : values.trim().split("\\s+")).stream()
                            .filter(v -> !v.isBlank() && !v.equals(UNDEFINED)).toList();
                    AttributeDef d = switch (input) {
                        case "checkbox" -> new AttributeDef(an, AttributeType.BOOLEAN, List.of(), false);
                        case "radio", "select" -> new AttributeDef(an, AttributeType.CHOICE, vs, false);
                        case "number" -> new AttributeDef(an, AttributeType.NUMBER, List.of(), false);
                        default -> new AttributeDef(an, AttributeType.TEXT, List.of(), false);
                    };
                    String dflt = a.text("default_value") == null ? "" : a.text("default_value");
                    // An attribute a shape does not carry stays unset, which is what a default of false
                    // (checkbox), nothing or CVAT's __undefined__ means too; any other default is what CVAT
                    // would show for such a shape and gives new shapes, and Vellum's schema has no defaults.
                    boolean unset = dflt.isEmpty() || dflt.equals(UNDEFINED) || d.type() == AttributeType.BOOLEAN && dflt.equalsIgnoreCase("false");
                    if (!unset) {
                        defaults.add(an + " = " + dflt);
                    }
                    attrs.add(d);
                    defs.computeIfAbsent(name, k -> new HashMap<>()).put(an, d);
                }
                if (!defaults.isEmpty() && defaultsReported.add(name)) {
                    sink.problem(file, "label '" + name + "': CVAT gives its shapes the default values " + String.join(", ", defaults)
                            + "; Vellum's label schema keeps no defaults, so a shape without one of these attributes has it unset");
                }
                String color = l.text("color");
                sink.label(name, color != null && color.matches("#[0-9a-fA-F]{6}") ? color : null, attrs);
            }
        }

        private static void collectLabels(XmlNode n, List<XmlNode> out) {
            for (XmlNode c : n.children()) {
                if (c.name().equals("labels")) {
                    out.addAll(c.all("label"));
                } else {
                    collectLabels(c, out);
                }
            }
        }

        void image(XmlNode im) throws StoreException {
            String name = im.attr("name");
            String where = "image " + im.attr("id") + " (line " + im.line() + ")";
            if (name == null || name.isBlank()) {
                sink.problem(file, where + " has no name; skipped");
                return;
            }
            Double w = ImageFormats.parseNumber(im.attr("width")), h = ImageFormats.parseNumber(im.attr("height"));
            int[] size = w != null && h != null && w > 0 && h > 0 ? new int[] {w.intValue(), h.intValue()} : null;
            String subset = im.attr("subset") == null ? "" : im.attr("subset");
            String itemId = ImageFormats.idPart(subset.isEmpty() ? name : subset + "/" + name, "image-" + im.attr("id"));
            String base = "cvat." + ImageFormats.idPart(im.attr("id") == null ? "x" : im.attr("id"), "x");
            List<Annotation> anns = new ArrayList<>();
            int n = 0;
            for (XmlNode s : im.children()) {
                n++;
                String what = where + ", " + s.name() + " " + n;
                String label = s.attr("label") == null ? "" : s.attr("label");
                Map<String, Object> attrs = attributes(s, label, what);
                try {
                    Shape shape = shape(s, size, what);
                    if (shape == null) {
                        continue;
                    }
                    if (label.isEmpty()) {
                        sink.problem(file, what + " has no label; imported without one");
                    }
                    String type = switch (shape) {
                        case BoundingBox b -> BoundingBox.TYPE;
                        case RotatedBox b -> RotatedBox.TYPE;
                        case Polygon p -> Polygon.TYPE;
                        case Polyline p -> Polyline.TYPE;
                        case Keypoints k -> Keypoints.TYPE;
                        case dev.vellum.modality.image.model.Mask m -> dev.vellum.modality.image.model.Mask.TYPE;
                        case Tag t -> Tag.TYPE;
                    };
                    anns.add(ImageFormats.annotation(base + "." + n, type, label, attrs, shape, annotator));
                } catch (IllegalArgumentException e) {
                    sink.problem(file, what + ": " + e.getMessage() + "; skipped");
                }
            }
            sink.add(file, itemId, name, subset, size, Map.of(), annotator, anns);
        }

        Map<String, Object> attributes(XmlNode s, String label, String what) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            if ("1".equals(s.attr("occluded"))) {
                attrs.put("occluded", true);
            }
            Double z = ImageFormats.parseNumber(s.attr("z_order"));
            if (z != null && z != 0) {
                attrs.put("z_order", z.longValue());
            }
            String g = s.attr("group_id");
            if (g != null && !g.isBlank() && !g.equals("0")) {
                attrs.put(CocoFormat.GROUP, "cvat.g" + g);
            }
            for (XmlNode a : s.all("attribute")) {
                String an = a.attr("name");
                if (an == null || an.isBlank()) {
                    sink.problem(file, what + ": an <attribute> without a name was not kept");
                    continue;
                }
                AttributeDef d = defs.getOrDefault(label, Map.of()).get(an);
                if (UNDEFINED.equals(a.text()) && d != null && d.type() == AttributeType.CHOICE) {
                    continue;
                }
                Object v = a.text();
                if (d != null && d.type() == AttributeType.BOOLEAN) {
                    v = Boolean.parseBoolean(a.text());
                } else if (d != null && d.type() == AttributeType.NUMBER && ImageFormats.parseNumber(a.text()) != null) {
                    v = VocImporter.value(a.text());
                }
                attrs.put(an, v);
            }
            return attrs;
        }

        Shape shape(XmlNode s, int[] size, String what) {
            switch (s.name()) {
                case "box" -> {
                    double x0 = number(s, "xtl"), y0 = number(s, "ytl"), x1 = number(s, "xbr"), y1 = number(s, "ybr");
                    Double rot = ImageFormats.parseNumber(s.attr("rotation"));
                    if (x1 < x0 || y1 < y0) {
                        throw new IllegalArgumentException("xbr < xtl or ybr < ytl");
                    }
                    if (rot != null && rot % 360 != 0) {
                        return new RotatedBox((x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0, rot);
                    }
                    return new BoundingBox(x0, y0, x1 - x0, y1 - y0);
                }
                case "polygon" -> {
                    return Polygon.fromPayload(Map.of("points", points(s)));
                }
                case "polyline" -> {
                    return Polyline.fromPayload(Map.of("points", points(s)));
                }
                case "points" -> {
                    List<Double> xy = points(s);
                    List<Double> xyv = new ArrayList<>();
                    for (int i = 0; i + 1 < xy.size(); i += 2) {
                        xyv.add(xy.get(i));
                        xyv.add(xy.get(i + 1));
                        xyv.add(2.0);
                    }
                    return new Keypoints(xyv, "", "");
                }
                case "tag" -> {
                    return new Tag();
                }
                case "mask" -> {
                    if (size == null) {
                        throw new IllegalArgumentException("a mask needs the image's width and height");
                    }
                    String rle = s.attr("rle");
                    if (rle == null) {
                        throw new IllegalArgumentException("mask without rle");
                    }
                    String[] parts = rle.trim().split("\\s*,\\s*");
                    int[] runs = new int[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        Double d = ImageFormats.parseNumber(parts[i]);
                        if (d == null || d < 0 || d != Math.rint(d)) {
                            throw new IllegalArgumentException("rle item " + i + " '" + parts[i] + "' is not a whole number");
                        }
                        runs[i] = d.intValue();
                    }
                    return CvatFormat.fromCvat(runs, (int) number(s, "left"), (int) number(s, "top"), (int) number(s, "width"),
                            (int) number(s, "height"), size[0], size[1]);
                }
                default -> {
                    unmapped.merge("<" + s.name() + ">", 1, Integer::sum);
                    return null;
                }
            }
        }

        private static double number(XmlNode s, String attr) {
            Double d = ImageFormats.parseNumber(s.attr(attr));
            if (d == null) {
                throw new IllegalArgumentException("'" + attr + "' is missing or not a number: " + s.attr(attr));
            }
            return d;
        }

        private static List<Double> points(XmlNode s) {
            String p = s.attr("points");
            if (p == null || p.isBlank()) {
                throw new IllegalArgumentException("no points");
            }
            List<Double> out = new ArrayList<>();
            for (String pair : p.split(";")) {
                String[] xy = pair.split(",");
                Double x = xy.length == 2 ? ImageFormats.parseNumber(xy[0]) : null, y = xy.length == 2 ? ImageFormats.parseNumber(xy[1]) : null;
                if (x == null || y == null) {
                    throw new IllegalArgumentException("point '" + pair + "' is not x,y");
                }
                out.add(x);
                out.add(y);
            }
            return out;
        }
    }
}
