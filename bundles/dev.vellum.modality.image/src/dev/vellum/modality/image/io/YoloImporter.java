package dev.vellum.modality.image.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Polygon;

/**
 * Reads YOLO label files (Darknet and Ultralytics layouts): one text file per image, a line per
 * object, {@code class cx cy w h} (detection, an {@code image.bbox}; a sixth number is kept as the
 * attribute {@code confidence}) or {@code class x1 y1 ... xn yn} (segmentation, an
 * {@code image.polygon}), all normalized to the image size; with {@code kpt_shape} in data.yaml,
 * {@code class cx cy w h} followed by the keypoints gives a box and {@code image.keypoints} joined by
 * {@code group}. Class names come from {@code classes.txt}, {@code obj.names} (or the file
 * {@code obj.data} names) or the {@code names} of {@code data.yaml}. Each image is found next to its
 * label file, in the {@code images} folder matching the {@code labels} one, or through the image
 * lists ({@code train.txt}...); its size is read from the file's header. Import a dataset folder or
 * single label files.
 */
@Component(service = FormatImporter.class)
public final class YoloImporter implements FormatImporter {
    /** Files in a YOLO folder that list images or names rather than labels. */
    static final Set<String> LIST_FILES = Set.of("classes.txt", "obj.names", "train.txt", "val.txt", "valid.txt", "test.txt");

    @Override
    public String id() {
        return YoloFormat.ID;
    }

    @Override
    public String displayName() {
        return "YOLO detection and segmentation labels (Darknet, Ultralytics)";
    }

    @Override
    public String modalityId() {
        return ImageModality.ID;
    }

    @Override
    public int accepts(Path file) {
        if (Files.isDirectory(file)) {
            return Files.isRegularFile(file.resolve("classes.txt")) || Files.isRegularFile(file.resolve("obj.names"))
                    || Files.isRegularFile(file.resolve("obj.data")) || Files.isRegularFile(file.resolve("data.yaml")) ? 70 : 5;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".txt") && Files.isRegularFile(file) ? 20 : 0;
    }

    @Override
    public ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress)
            throws IOException, StoreException {
        ImageFormats.Sink sink = new ImageFormats.Sink(project);
        progress.begin("Importing YOLO", files.size());
        for (Path f : files) {
            if (progress.isCanceled()) {
                break;
            }
            if (!Files.exists(f)) {
                throw new IOException(f + ": no such file or folder");
            }
            Path root;
            List<Path> labels;
            if (Files.isDirectory(f)) {
                root = f;
                Dataset d = Dataset.at(root, sink);
                try (Stream<Path> s = Files.walk(root)) {
                    labels = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".txt") && !d.isListFile(p))
                            .sorted().toList();
                }
                if (labels.isEmpty()) {
                    sink.problem(root, "no YOLO label files (*.txt) found");
                }
                for (Path l : labels) {
                    importLabels(sink, d, l, annotator);
                }
            } else {
                String n = f.getFileName().toString();
                root = f.toAbsolutePath().getParent();
                if (n.equals("obj.data") || n.endsWith(".yaml") || LIST_FILES.contains(n)) {
                    throw new IOException(f + ": is a YOLO " + n + ", not a label file; import its folder instead");
                }
                Dataset d = Dataset.near(root, sink);
                importLabels(sink, d, f, annotator);
            }
            progress.worked(1);
        }
        sink.saveSchema();
        return sink.report();
    }

    private static void importLabels(ImageFormats.Sink sink, Dataset d, Path labelFile, String annotator) throws IOException, StoreException {
        // Every class joins the schema in index order, used or not, so that a re-export keeps the indices.
        for (String n : d.names == null ? List.<String>of() : d.names) {
            sink.label(n, null, null);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(labelFile, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(labelFile + ": not a YOLO label file (not UTF-8 text)", e);
        }
        Path image = d.imageFor(labelFile);
        long objects = lines.stream().filter(l -> !l.isBlank()).count();
        if (image == null) {
            sink.problem(labelFile, "no image found for this label file (looked next to it, in the images folder matching labels, and in the"
                    + " image lists); its " + objects + " objects were skipped");
            return;
        }
        int[] size = ImageFormats.imageSize(image);
        if (size == null) {
            sink.problem(labelFile, "the size of " + image + " cannot be read from its header; its " + objects + " objects were skipped");
            return;
        }
        String uri = d.uri(image);
        String itemId = ImageFormats.idPart(uri, "image");
        List<Annotation> anns = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + (n + 1);
            String[] t = line.split("\\s+");
            double[] v = new double[t.length];
            boolean numeric = true;
            for (int i = 0; i < t.length; i++) {
                Double x = ImageFormats.parseNumber(t[i]);
                numeric &= x != null;
                v[i] = x == null ? Double.NaN : x;
            }
            if (!numeric || v[0] < 0 || v[0] != Math.rint(v[0])) {
                sink.problem(labelFile, where + ": '" + line + "' is not 'class numbers...' with a whole class number; skipped");
                continue;
            }
            int c = (int) v[0];
            String label;
            if (d.names == null) {
                label = Integer.toString(c);
            } else if (c < d.names.size()) {
                label = d.names.get(c);
            } else {
                sink.problem(labelFile, where + ": class " + c + " is not in " + d.namesFile.getFileName() + " (" + d.names.size()
                        + " classes); skipped");
                continue;
            }
            double w = size[0], h = size[1];
            String id = "yolo." + (n + 1);
            if (d.kptShape != null && t.length == 5 + d.kptShape[0] * d.kptShape[1]) {
                Map<String, Object> attrs = Map.of(CocoFormat.GROUP, id);
                anns.add(ImageFormats.annotation(id + ".box", BoundingBox.TYPE, label, attrs, box(v, w, h), annotator));
                List<Double> pts = new ArrayList<>();
                for (int k = 0; k < d.kptShape[0]; k++) {
                    int o = 5 + k * d.kptShape[1];
                    pts.add(v[o] * w);
                    pts.add(v[o + 1] * h);
                    pts.add(d.kptShape[1] == 3 ? Math.max(0, Math.min(2, Math.rint(v[o + 2]))) : 2.0);
                }
                anns.add(ImageFormats.annotation(id + ".keypoints", Keypoints.TYPE, label, attrs, new Keypoints(pts, "", id + ".box"),
                        annotator));
            } else if (t.length == 5 || t.length == 6) {
                Map<String, Object> attrs = t.length == 6 ? Map.of("confidence", v[5]) : Map.of();
                anns.add(ImageFormats.annotation(id, BoundingBox.TYPE, label, attrs, box(v, w, h), annotator));
            } else if (t.length >= 7 && t.length % 2 == 1) {
                List<Double> pts = new ArrayList<>();
                for (int i = 1; i < t.length; i += 2) {
                    pts.add(v[i] * w);
                    pts.add(v[i + 1] * h);
                }
                anns.add(ImageFormats.annotation(id, Polygon.TYPE, label, Map.of(), new Polygon(pts), annotator));
            } else {
                sink.problem(labelFile, where + ": " + (t.length - 1) + " numbers after the class are neither a box (4) nor a polygon"
                        + " (an even count of at least 6)" + (d.kptShape != null ? " nor a pose line" : "") + "; skipped");
            }
        }
        sink.add(labelFile, itemId, uri, "", size, Map.of(), annotator, anns);
    }

    private static BoundingBox box(double[] v, double w, double h) {
        double bw = Math.abs(v[3]) * w, bh = Math.abs(v[4]) * h;
        return new BoundingBox(v[1] * w - bw / 2, v[2] * h - bh / 2, bw, bh);
    }

    /** A YOLO dataset folder: its class names, image lists and keypoint shape. */
    private static final class Dataset {
        final Path root;
        List<String> names;
        Path namesFile;
        int[] kptShape;
        final Set<Path> listFiles = new java.util.HashSet<>();
        /** Image paths from the lists, by path relative to the root without extension, and by stem. */
        final Map<String, Path> listed = new HashMap<>();

        private Dataset(Path root) {
            this.root = root.toAbsolutePath().normalize();
        }

        /** The dataset at a folder given to import. */
        static Dataset at(Path root, ImageFormats.Sink sink) throws IOException {
            Dataset d = new Dataset(root);
            d.read(d.root, sink);
            if (d.names == null) {
                sink.problem(root, "no classes.txt, obj.names, obj.data or data.yaml names found; class numbers are used as labels");
            }
            return d;
        }

        /** The dataset around a single label file: the names in its folder or up to three folders above. */
        static Dataset near(Path dir, ImageFormats.Sink sink) throws IOException {
            Path p = dir.toAbsolutePath().normalize();
            for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
                Dataset d = new Dataset(p);
                d.read(p, sink);
                if (d.names != null) {
                    return d;
                }
            }
            Dataset d = new Dataset(dir);
            sink.problem(dir, "no classes.txt, obj.names, obj.data or data.yaml names found near it; class numbers are used as labels");
            return d;
        }

        private void read(Path dir, ImageFormats.Sink sink) throws IOException {
            Path objData = dir.resolve("obj.data");
            Map<String, String> data = new LinkedHashMap<>();
            if (Files.isRegularFile(objData)) {
                for (String line : Files.readAllLines(objData, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        data.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                    }
                }
                listFiles.add(objData);
            }
            for (String key : List.of("train", "valid", "test")) {
                if (data.containsKey(key)) {
                    Path l = local(dir, data.get(key));
                    if (l != null) {
                        listFiles.add(l);
                    }
                }
            }
            List<Path> candidates = new ArrayList<>();
            if (data.containsKey("names")) {
                Path n = local(dir, data.get("names"));
                if (n != null) {
                    candidates.add(n);
                }
            }
            candidates.add(dir.resolve("classes.txt"));
            candidates.add(dir.resolve("obj.names"));
            for (Path c : candidates) {
                if (Files.isRegularFile(c)) {
                    names = Files.readAllLines(c, StandardCharsets.UTF_8).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
                    namesFile = c;
                    listFiles.add(c);
                    break;
                }
            }
            for (String y : List.of("data.yaml", "dataset.yaml")) {
                Path yaml = dir.resolve(y);
                if (Files.isRegularFile(yaml)) {
                    readYaml(yaml, sink);
                }
            }
            for (String l : LIST_FILES) {
                Path p = dir.resolve(l);
                if (Files.isRegularFile(p)) {
                    listFiles.add(p);
                }
            }
            for (Path l : listFiles) {
                if (Files.isRegularFile(l) && !l.equals(namesFile) && !l.equals(objData)) {
                    for (String line : Files.readAllLines(l, StandardCharsets.UTF_8)) {
                        Path img = local(dir, line.trim());
                        if (!line.isBlank() && img != null) {
                            listed.putIfAbsent(ImageFormats.stem(img.getFileName().toString()), img);
                            if (img.startsWith(root)) {
                                listed.putIfAbsent(ImageFormats.withoutExtension(root.relativize(img).toString().replace('\\', '/')), img);
                            }
                        }
                    }
                }
            }
        }

        private static final Pattern NAME_LINE = Pattern.compile("^\\s+(\\d+)\\s*:\\s*(.+?)\\s*$");

        /** The simple forms of data.yaml: {@code names: [a, b]}, a block list, or a block map of index to name; kpt_shape. */
        private void readYaml(Path yaml, ImageFormats.Sink sink) throws IOException {
            List<String> lines = Files.readAllLines(yaml, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("kpt_shape:")) {
                    Matcher m = Pattern.compile("\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]").matcher(line);
                    if (m.find()) {
                        kptShape = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
                    }
                }
                if (!line.startsWith("names:") || names != null) {
                    continue;
                }
                String rest = line.substring(6).trim();
                List<String> out = new ArrayList<>();
                if (rest.startsWith("[")) {
                    for (String s : rest.replaceAll("[\\[\\]]", "").split(",")) {
                        if (!s.isBlank()) {
                            out.add(unquote(s.trim()));
                        }
                    }
                } else if (rest.isEmpty()) {
                    Map<Integer, String> byIndex = new java.util.TreeMap<>();
                    for (int j = i + 1; j < lines.size() && (lines.get(j).startsWith(" ") || lines.get(j).startsWith("\t")); j++) {
                        String l = lines.get(j);
                        Matcher m = NAME_LINE.matcher(l);
                        if (m.matches()) {
                            byIndex.put(Integer.parseInt(m.group(1)), unquote(m.group(2)));
                        } else if (l.trim().startsWith("- ")) {
                            byIndex.put(byIndex.size(), unquote(l.trim().substring(2).trim()));
                        }
                    }
                    int k = 0;
                    for (Map.Entry<Integer, String> e : byIndex.entrySet()) {
                        if (e.getKey() != k++) {
                            sink.problem(yaml, "names skip index " + (k - 1) + "; the names are not used");
                            out.clear();
                            break;
                        }
                        out.add(e.getValue());
                    }
                }
                if (out.isEmpty()) {
                    sink.problem(yaml, "'names' is not a simple list or index map; not used");
                } else {
                    names = out;
                    namesFile = yaml;
                }
            }
        }

        private static String unquote(String s) {
            return s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\"")) ? s.substring(1, s.length() - 1)
                    : s;
        }

        /** A path named in a Darknet file: relative to the folder, or with Darknet's usual {@code data/} prefix dropped. */
        private static Path local(Path dir, String value) {
            if (value.isEmpty()) {
                return null;
            }
            try {
                Path p = Path.of(value);
                if (p.isAbsolute()) {
                    return p.normalize();
                }
                Path r = dir.resolve(p).normalize();
                if (Files.exists(r) || !value.startsWith("data/")) {
                    return r;
                }
                return dir.resolve(value.substring(5)).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                return null;
            }
        }

        boolean isListFile(Path p) {
            Path a = p.toAbsolutePath().normalize();
            return listFiles.contains(a) || a.getParent().equals(root) && LIST_FILES.contains(a.getFileName().toString());
        }

        /** The image of a label file, or null. */
        Path imageFor(Path labelFile) {
            Path l = labelFile.toAbsolutePath().normalize();
            String stem = ImageFormats.stem(l.getFileName().toString());
            Path found = sibling(l.getParent(), stem);
            if (found != null) {
                return found;
            }
            // Ultralytics: .../labels/<split>/x.txt next to .../images/<split>/x.jpg
            for (int i = l.getNameCount() - 2; i >= 0; i--) {
                if (l.getName(i).toString().equals("labels")) {
                    Path swapped = l.getRoot().resolve(l.subpath(0, i)).resolve("images");
                    if (i + 1 < l.getNameCount() - 1) {
                        swapped = swapped.resolve(l.subpath(i + 1, l.getNameCount() - 1));
                    }
                    found = sibling(swapped, stem);
                    if (found != null) {
                        return found;
                    }
                }
            }
            if (l.startsWith(root)) {
                found = listed.get(ImageFormats.withoutExtension(root.relativize(l).toString().replace('\\', '/')));
                if (found != null && Files.isRegularFile(found)) {
                    return found;
                }
            }
            found = listed.get(stem);
            return found != null && Files.isRegularFile(found) ? found : null;
        }

        private static Path sibling(Path dir, String stem) {
            for (String ext : ImageFormats.IMAGE_EXTENSIONS) {
                Path p = dir.resolve(stem + "." + ext);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
            return null;
        }

        /** The asset uri of an image: relative to the dataset folder when inside it, else absolute. */
        String uri(Path image) {
            Path a = image.toAbsolutePath().normalize();
            return a.startsWith(root) ? root.relativize(a).toString().replace('\\', '/') : a.toString();
        }
    }
}
