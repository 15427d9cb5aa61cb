package dev.vellum.modality.image.io;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.codec.CocoRle;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Mask;

/**
 * Reads Pascal VOC: per image an {@code Annotations/*.xml} file (LabelImg writes the same) whose
 * objects become {@code image.bbox} annotations ({@code x = xmin}, {@code width = xmax - xmin}),
 * with {@code pose}, {@code truncated}, {@code difficult}, {@code occluded}, {@code actions} and
 * Datumaro's {@code attributes} as attributes; an object's {@code <part>}s become boxes of their own
 * marked {@code part}, joined to it by {@code group}. Segmentation PNGs of a VOC folder
 * ({@code SegmentationObject/<name>.png}, {@code SegmentationClass/<name>.png}, palette or RGB,
 * classes from {@code labelmap.txt} or VOC's 21) become {@code image.mask} annotations: one per
 * instance, joined to the instance's object, labelled by the class PNG; without an object PNG one
 * per class. Import a VOC folder (the one holding {@code Annotations}) or single XML files.
 */
@Component(service = FormatImporter.class)
public final class VocImporter implements FormatImporter {
    private static final Set<String> OBJECT_FIELDS = Set.of("name", "bndbox", "pose", "truncated", "difficult", "occluded", "attributes",
            "actions", "part");
    private static final Set<String> FILE_FIELDS = Set.of("folder", "filename", "path", "source", "size", "segmented", "owner", "object");

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
    public int accepts(Path file) {
        if (Files.isDirectory(file)) {
            return Files.isDirectory(file.resolve("Annotations")) || Files.isDirectory(file.resolve("SegmentationClass")) ? 80 : 0;
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml") || !Files.isRegularFile(file)) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
            return head.contains("<annotation>") || head.contains("<annotation ") ? 80 : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress)
            throws IOException, StoreException {
        ImageFormats.Sink sink = new ImageFormats.Sink(project);
        progress.begin("Importing Pascal VOC", files.size());
        for (Path f : files) {
            if (progress.isCanceled()) {
                break;
            }
            if (Files.isDirectory(f)) {
                Path ann = f.resolve("Annotations");
                List<Path> xmls = Files.isDirectory(ann) ? list(ann, ".xml") : List.of();
                Set<String> stems = new LinkedHashSet<>();
                for (Path x : xmls) {
                    importXml(sink, f, x, annotator);
                    stems.add(ImageFormats.stem(x.getFileName().toString()));
                }
                // Segmentation without an annotation file: the masks alone.
                Set<String> pngOnly = new java.util.TreeSet<>();
                for (String folder : List.of("SegmentationObject", "SegmentationClass")) {
                    if (Files.isDirectory(f.resolve(folder))) {
                        for (Path p : list(f.resolve(folder), ".png")) {
                            String s = ImageFormats.stem(p.getFileName().toString());
                            if (!stems.contains(s)) {
                                pngOnly.add(s);
                            }
                        }
                    }
                }
                for (String s : pngOnly) {
                    importMasksOnly(sink, f, s, annotator);
                }
                if (xmls.isEmpty() && pngOnly.isEmpty()) {
                    sink.problem(f, "no Annotations/*.xml and no segmentation PNGs found: not a VOC folder");
                }
            } else {
                Path parent = f.toAbsolutePath().getParent();
                Path root = parent.getFileName() != null && parent.getFileName().toString().equals("Annotations") ? parent.getParent() : parent;
                importXml(sink, root, f, annotator);
            }
            progress.worked(1);
        }
        sink.saveSchema();
        return sink.report();
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix)).sorted().toList();
        }
    }

    private static XmlNode parse(Path file) throws IOException {
        XMLInputFactory f = ImageFormats.safeXml();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT) {
                        return XmlNode.read(r);
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException(XmlNode.error(file, e), e);
        }
        throw new IOException(file + ": holds no XML element");
    }

    private static void importXml(ImageFormats.Sink sink, Path root, Path xml, String annotator) throws IOException, StoreException {
        XmlNode doc = parse(xml);
        if (!doc.name().equals("annotation")) {
            throw new IOException(xml + ": not a Pascal VOC annotation (the root element is <" + doc.name() + ">, not <annotation>)");
        }
        String filename = doc.text("filename");
        String stem = ImageFormats.stem(xml.getFileName().toString());
        if (filename == null || filename.isBlank()) {
            sink.problem(xml, "no <filename>; the image is taken to be " + stem + ".jpg");
            filename = stem + ".jpg";
        }
        int[] size = null;
        XmlNode sz = doc.child("size");
        if (sz != null) {
            Double w = ImageFormats.parseNumber(sz.text("width")), h = ImageFormats.parseNumber(sz.text("height"));
            if (w != null && h != null && w > 0 && h > 0) {
                size = new int[] {w.intValue(), h.intValue()};
            }
        }
        if (size == null) {
            size = ImageFormats.imageSize(root.resolve("JPEGImages").resolve(filename));
        }
        for (XmlNode c : doc.children()) {
            if (!FILE_FIELDS.contains(c.name())) {
                sink.problem(xml, "<" + c.name() + "> (line " + c.line() + ") has no place in Vellum and was not kept");
            }
        }
        List<Annotation> anns = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> objectLabels = new ArrayList<>();
        int i = 0;
        for (XmlNode o : doc.all("object")) {
            i++;
            String base = "voc." + i;
            String where = "object " + i + " (line " + o.line() + ")";
            String label = o.text("name");
            groups.add(base);
            objectLabels.add(label);
            if (label == null || label.isBlank()) {
                sink.problem(xml, where + " has no <name>; skipped");
                continue;
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put(CocoFormat.GROUP, base);
            String pose = o.text("pose");
            if (pose != null && !pose.isBlank() && !pose.equals("Unspecified")) {
                attrs.put("pose", pose);
            }
            for (String flag : List.of("truncated", "difficult", "occluded")) {
                String v = o.text(flag);
                if ("1".equals(v) || "true".equalsIgnoreCase(v)) {
                    attrs.put(flag, true);
                } else if (v != null && !v.equals("0") && !v.equalsIgnoreCase("false")) {
                    sink.problem(xml, where + ": <" + flag + "> is '" + v + "', not 0 or 1; not kept");
                }
            }
            XmlNode actions = o.child("actions");
            if (actions != null) {
                Map<String, Object> a = new LinkedHashMap<>();
                for (XmlNode act : actions.children()) {
                    a.put(act.name(), "1".equals(act.text()) || "true".equalsIgnoreCase(act.text()));
                }
                attrs.put("actions", a);
            }
            XmlNode extra = o.child("attributes");
            if (extra != null) {
                for (XmlNode at : extra.all("attribute")) {
                    String n = at.text("name");
                    if (n == null || n.isBlank() || n.equals(CocoFormat.GROUP) || n.equals(VocFormat.PART)) {
                        sink.problem(xml, where + ": an attribute without a usable name (line " + at.line() + ") was not kept");
                        continue;
                    }
                    attrs.put(n, value(at.text("value")));
                }
            }
            for (XmlNode c : o.children()) {
                if (!OBJECT_FIELDS.contains(c.name())) {
                    sink.problem(xml, where + ": <" + c.name() + "> has no place in Vellum and was not kept");
                }
            }
            BoundingBox box = box(o.child("bndbox"), xml, where, sink);
            if (box != null) {
                anns.add(ImageFormats.annotation(base + ".box", BoundingBox.TYPE, label, attrs, box, annotator));
            }
            int k = 0;
            for (XmlNode part : o.all("part")) {
                k++;
                String partLabel = part.text("name");
                BoundingBox pb = box(part.child("bndbox"), xml, where + " part " + k, sink);
                if (partLabel == null || partLabel.isBlank()) {
                    sink.problem(xml, where + " part " + k + " has no <name>; skipped");
                } else if (pb != null) {
                    anns.add(ImageFormats.annotation(base + ".part" + k, BoundingBox.TYPE, partLabel,
                            Map.of(CocoFormat.GROUP, base, VocFormat.PART, true), pb, annotator));
                }
            }
        }
        anns.addAll(masks(sink, root, stem, xml, size, groups, objectLabels, annotator));
        sink.add(xml, ImageFormats.idPart(filename, stem), filename, "", size, Map.of(), annotator, anns);
    }

    private static void importMasksOnly(ImageFormats.Sink sink, Path root, String stem, String annotator) throws IOException, StoreException {
        Path png = Files.isRegularFile(root.resolve("SegmentationObject").resolve(stem + ".png")) ? root.resolve("SegmentationObject").resolve(stem + ".png")
                : root.resolve("SegmentationClass").resolve(stem + ".png");
        int[] size = ImageFormats.imageSize(png);
        List<Annotation> anns = masks(sink, root, stem, png, size, List.of(), List.of(), annotator);
        String filename = stem + ".jpg";
        for (String ext : ImageFormats.IMAGE_EXTENSIONS) {
            if (Files.isRegularFile(root.resolve("JPEGImages").resolve(stem + "." + ext))) {
                filename = stem + "." + ext;
                break;
            }
        }
        sink.add(png, ImageFormats.idPart(filename, stem), filename, "", size, Map.of(), annotator, anns);
    }

    /** A typed attribute value: booleans and numbers as such, the rest as text. */
    static Object value(String s) {
        if (s == null) {
            return "";
        }
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        Double d = ImageFormats.parseNumber(s);
        if (d != null && s.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return d == Math.rint(d) && !s.contains(".") && Math.abs(d) < 1e15 ? (Object) (long) (double) d : d;
        }
        return s;
    }

    private static BoundingBox box(XmlNode b, Path xml, String where, ImageFormats.Sink sink) {
        if (b == null) {
            sink.problem(xml, where + " has no <bndbox>; no box imported");
            return null;
        }
        Double x0 = ImageFormats.parseNumber(b.text("xmin")), y0 = ImageFormats.parseNumber(b.text("ymin"));
        Double x1 = ImageFormats.parseNumber(b.text("xmax")), y1 = ImageFormats.parseNumber(b.text("ymax"));
        if (x0 == null || y0 == null || x1 == null || y1 == null) {
            sink.problem(xml, where + ": <bndbox> (line " + b.line() + ") needs numeric xmin, ymin, xmax and ymax; no box imported");
            return null;
        }
        if (x1 < x0 || y1 < y0) {
            sink.problem(xml, where + ": <bndbox> has xmax < xmin or ymax < ymin; no box imported");
            return null;
        }
        return new BoundingBox(x0, y0, x1 - x0, y1 - y0);
    }

    /** The masks of one image's segmentation PNGs. */
    private static List<Annotation> masks(ImageFormats.Sink sink, Path root, String stem, Path file, int[] size, List<String> groups,
            List<String> objectLabels, String annotator) throws IOException {
        Path objPng = root.resolve("SegmentationObject").resolve(stem + ".png");
        Path clsPng = root.resolve("SegmentationClass").resolve(stem + ".png");
        if (!Files.isRegularFile(objPng) && !Files.isRegularFile(clsPng)) {
            return List.of();
        }
        VocFormat.LabelMap map = Files.isRegularFile(root.resolve("labelmap.txt")) ? VocFormat.LabelMap.read(root.resolve("labelmap.txt"))
                : VocFormat.LabelMap.standard();
        int[][] cls = Files.isRegularFile(clsPng) ? indices(clsPng, map, sink) : null;
        int[][] obj = Files.isRegularFile(objPng) ? indices(objPng, null, sink) : null;
        int[][] any = obj != null ? obj : cls;
        if (any == null) {
            return List.of();
        }
        int h = any.length, w = any[0].length;
        if (size != null && (size[0] != w || size[1] != h) || cls != null && obj != null && (cls.length != h || cls[0].length != w)) {
            sink.problem(file, "the segmentation PNGs (" + w + " x " + h + ") do not match the image size"
                    + (size == null ? "" : " (" + size[0] + " x " + size[1] + ")") + "; the masks were not imported");
            return List.of();
        }
        int[][] owner = obj != null ? obj : cls;
        Map<Integer, boolean[]> pixels = new TreeMap<>();
        Map<Integer, Map<Integer, Integer>> classVotes = new TreeMap<>();
        int voids = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = owner[y][x];
                if (v == VocFormat.VOID) {
                    voids++;
                    continue;
                }
                if (v <= 0) {
                    continue;
                }
                pixels.computeIfAbsent(v, k -> new boolean[w * h])[x * h + y] = true;
                if (obj != null && cls != null) {
                    classVotes.computeIfAbsent(v, k -> new TreeMap<>()).merge(cls[y][x], 1, Integer::sum);
                }
            }
        }
        if (voids > 0) {
            sink.problem(file, voids + " void (border, index 255) pixels of the segmentation are not kept");
        }
        List<Annotation> out = new ArrayList<>();
        for (Map.Entry<Integer, boolean[]> e : pixels.entrySet()) {
            int k = e.getKey();
            String label;
            Map<String, Object> attrs = new LinkedHashMap<>();
            String id;
            if (obj != null) {
                id = "voc." + k + ".mask";
                String objectLabel = k <= objectLabels.size() ? objectLabels.get(k - 1) : null;
                if (k <= groups.size()) {
                    attrs.put(CocoFormat.GROUP, groups.get(k - 1));
                }
                if (cls != null) {
                    int c = classVotes.getOrDefault(k, Map.of()).entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                            .orElse(0);
                    label = c > 0 && c < map.names().size() ? map.names().get(c) : objectLabel;
                    if (label != null && objectLabel != null && !label.equals(objectLabel)) {
                        sink.problem(file, "instance " + k + " is '" + label + "' in SegmentationClass but object " + k + " is '" + objectLabel
                                + "'; the mask keeps '" + label + "'");
                    }
                } else {
                    label = objectLabel;
                }
                if (label == null) {
                    sink.problem(file, "instance " + k + " has neither an object nor a class; its mask was not imported");
                    continue;
                }
            } else {
                if (k >= map.names().size()) {
                    sink.problem(file, "class index " + k + " is not in the labelmap (" + map.names().size() + " classes); its mask was not imported");
                    continue;
                }
                label = map.names().get(k);
                id = "voc.class" + k + ".mask";
            }
            Mask m = new Mask(h, w, CocoRle.fromMask(e.getValue()));
            out.add(ImageFormats.annotation(id, Mask.TYPE, label, attrs, m, annotator));
        }
        return out;
    }

    /**
     * The palette indices of a segmentation PNG, [y][x]: read directly from a palette PNG, or mapped
     * from RGB through the labelmap's colours (class PNGs) or VOC's palette (object PNGs).
     */
    private static int[][] indices(Path png, VocFormat.LabelMap map, ImageFormats.Sink sink) throws IOException {
        BufferedImage im;
        try {
            im = ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new IOException(png + ": cannot be read as an image: " + e.getMessage(), e);
        }
        if (im == null) {
            throw new IOException(png + ": not an image ImageIO can read");
        }
        int w = im.getWidth(), h = im.getHeight();
        int[][] out = new int[h][w];
        Raster r = im.getRaster();
        boolean palette = im.getColorModel() instanceof IndexColorModel && r.getNumBands() == 1;
        Map<Integer, Integer> unknown = new TreeMap<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (palette) {
                    out[y][x] = r.getSample(x, y, 0);
                } else {
                    int rgb = im.getRGB(x, y) & 0xffffff;
                    int i = map != null ? map.indexOf(rgb) : -1;
                    if (i < 0) {
                        i = VocFormat.index(rgb);
                    }
                    if (i < 0) {
                        unknown.merge(rgb, 1, Integer::sum);
                    }
                    out[y][x] = i;
                }
            }
        }
        for (Map.Entry<Integer, Integer> e : unknown.entrySet()) {
            sink.problem(png, String.format("%d pixels have the colour #%06x, which is no class of the palette; taken as background", e.getValue(),
                    e.getKey()));
        }
        return out;
    }
}
