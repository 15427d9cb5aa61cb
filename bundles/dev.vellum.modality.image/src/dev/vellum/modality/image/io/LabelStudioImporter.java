package dev.vellum.modality.image.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.LabelClass;
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
 * Reads Label Studio's JSON export (a list of tasks with {@code data} and {@code annotations[].result[]}):
 * one item per task's image ({@code data.image}), one annotation set per annotator
 * ({@code completed_by}: the e-mail when given, else {@code labelstudio-user-<id>}; the importing
 * annotator when missing). Results in percent of {@code original_width/height} become pixels:
 * {@code rectanglelabels} an {@code image.bbox}, or an {@code image.rbox} when rotated (Label Studio
 * turns about the top-left corner); {@code polygonlabels} an {@code image.polygon}
 * ({@code image.polyline} when not closed); {@code keypointlabels} one-point {@code image.keypoints}
 * labelled with the point's name, joined by {@code group} to the region named by {@code parentID};
 * {@code choices} about the image one {@code image.tag} per choice; a region nested under another
 * ({@code parentID}) joins its group. Per-region results (a {@code choices}, {@code textarea},
 * {@code number} or {@code rating} sharing a region's id) become that region's attributes, named by
 * {@code from_name}. When the labeling config the exporter writes ({@code <name>.label_config.xml},
 * see {@link LabelStudioConfig}) lies next to the file, its labels with colours, hotkeys and
 * per-region controls join the label schema and type the values (multiple choice stays a list,
 * true/false choices are booleans); without it a lone choice {@code true} or {@code false} is a
 * boolean. Not imported and reported per file: brush masks, relations, cancelled annotations,
 * predictions, drafts and other result types.
 */
@Component(service = FormatImporter.class)
public final class LabelStudioImporter implements FormatImporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REGIONS = Set.of("rectanglelabels", "rectangle", "polygonlabels", "polygon", "keypointlabels", "keypoint");

    @Override
    public String id() {
        return LabelStudioFormat.ID;
    }

    @Override
    public String displayName() {
        return "Label Studio JSON export (image tasks)";
    }

    @Override
    public String modalityId() {
        return ImageModality.ID;
    }

    @Override
    public int accepts(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") || !Files.isRegularFile(file)) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8).stripLeading();
            return head.startsWith("[") && head.contains("\"data\"") && (head.contains("\"annotations\"") || head.contains("\"predictions\"")) ? 85
                    : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress)
            throws IOException, StoreException {
        ImageFormats.Sink sink = new ImageFormats.Sink(project);
        progress.begin("Importing Label Studio", files.size());
        for (Path f : files) {
            if (progress.isCanceled()) {
                break;
            }
            new FileImport(sink, f, annotator).run();
            progress.worked(1);
        }
        sink.saveSchema();
        return sink.report();
    }

    private static final class FileImport {
        final ImageFormats.Sink sink;
        final Path file;
        final String annotator;
        final Map<String, Integer> unmapped = new TreeMap<>();
        final Map<String, String> uriOfItem = new HashMap<>();
        /** The labeling config next to the file, or null. */
        LabelStudioConfig config;

        FileImport(ImageFormats.Sink sink, Path file, String annotator) {
            this.sink = sink;
            this.file = file;
            this.annotator = annotator;
        }

        void run() throws IOException, StoreException {
            Path cfg = LabelStudioConfig.fileFor(file);
            if (Files.isRegularFile(cfg)) {
                try {
                    config = LabelStudioConfig.read(cfg);
                    for (LabelClass c : config.classes()) {
                        sink.label(c.name(), c.color(), c.hotkey(), c.attributes());
                    }
                } catch (IOException e) {
                    sink.problem(cfg, e.getMessage() + "; attribute types guessed from the values instead");
                }
            }
            JsonNode root;
            try {
                root = JSON.readTree(file.toFile());
            } catch (JsonProcessingException e) {
                throw new IOException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
            }
            if (root == null || !root.isArray()) {
                List<String> keys = new ArrayList<>();
                if (root != null) {
                    root.fieldNames().forEachRemaining(keys::add);
                }
                throw new IOException(file + ": not a Label Studio JSON export: expected a list of tasks, found "
                        + (root == null ? "nothing" : root.isObject() ? "an object with " + keys : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
            }
            int t = 0;
            for (JsonNode task : root) {
                t++;
                task(task, t);
            }
            for (Map.Entry<String, Integer> e : unmapped.entrySet()) {
                sink.problem(file, e.getKey() + " (" + e.getValue() + " times)");
            }
        }

        void task(JsonNode task, int ordinal) throws StoreException {
            String taskId = task.path("id").isMissingNode() ? "#" + ordinal : task.path("id").asText();
            String where = "task " + taskId;
            String uri = image(task.path("data"));
            if (uri == null) {
                List<String> keys = new ArrayList<>();
                task.path("data").fieldNames().forEachRemaining(keys::add);
                sink.problem(file, where + " has no image in its data (keys " + keys + "); skipped");
                return;
            }
            String segment = uri.replaceFirst("[?#].*$", "");
            segment = segment.substring(segment.lastIndexOf('/') + 1);
            String itemId = ImageFormats.idPart(segment, "task-" + taskId);
            if (uriOfItem.containsKey(itemId) && !uriOfItem.get(itemId).equals(uri)) {
                itemId = ImageFormats.idPart(segment + "-" + taskId, "task-" + taskId);
            }
            uriOfItem.put(itemId, uri);
            int predictions = task.path("predictions").size();
            if (predictions > 0) {
                unmapped.merge("predictions (model pre-labels) are not imported", predictions, Integer::sum);
            }
            if (task.path("drafts").size() > 0) {
                unmapped.merge("drafts are not imported", task.path("drafts").size(), Integer::sum);
            }
            Map<String, Object> meta = Map.of(LabelStudioFormat.TASK, task.path("id").isNumber() ? (Object) task.path("id").asLong() : taskId);
            int[] size = null;
            boolean any = false;
            for (JsonNode a : task.path("annotations")) {
                String annId = a.path("id").asText("x");
                if (a.path("was_cancelled").asBoolean(false)) {
                    sink.problem(file, where + ": annotation " + annId + " was cancelled (skipped) in Label Studio; not imported");
                    continue;
                }
                String who = who(a.path("completed_by"));
                List<Annotation> anns = new ArrayList<>();
                int[] s = results(a.path("result"), where + ", annotation " + annId, "ls." + ImageFormats.idPart(annId, "x"), who, anns);
                size = size == null ? s : size;
                sink.add(file, itemId, uri, "", size, meta, who, anns);
                any = true;
            }
            if (!any) {
                sink.add(file, itemId, uri, "", null, meta, annotator, List.of());
            }
        }

        private String who(JsonNode by) {
            if (by.isObject()) {
                String email = by.path("email").asText("");
                if (!email.isBlank()) {
                    return email;
                }
                if (by.has("id")) {
                    return "labelstudio-user-" + by.path("id").asText();
                }
            } else if (by.isIntegralNumber()) {
                return "labelstudio-user-" + by.asLong();
            } else if (by.isTextual() && !by.asText().isBlank()) {
                return by.asText();
            }
            return annotator;
        }

        private static String image(JsonNode data) {
            if (data.path("image").isTextual()) {
                return data.path("image").asText();
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                JsonNode v = it.next().getValue();
                if (v.isTextual() && ImageFormats.IMAGE_EXTENSIONS.contains(ImageFormats.extension(v.asText().replaceFirst("[?#].*$", "")))) {
                    return v.asText();
                }
            }
            return null;
        }

        /** Maps one annotation's results into {@code out}; returns the image size they name, or null. */
        int[] results(JsonNode results, String where, String base, String who, List<Annotation> out) {
            int[] size = null;
            Set<String> parents = new HashSet<>();
            Map<String, JsonNode> regions = new LinkedHashMap<>();
            for (JsonNode r : results) {
                if (r.hasNonNull("parentID")) {
                    parents.add(r.path("parentID").asText());
                }
                if (REGIONS.contains(r.path("type").asText()) && r.hasNonNull("id")) {
                    regions.putIfAbsent(r.path("id").asText(), r);
                }
            }
            // Per-region results (same id as a region): attributes of that region.
            Map<String, Map<String, Object>> regionAttrs = new HashMap<>();
            int n = 0;
            for (JsonNode r : results) {
                n++;
                String type = r.path("type").asText("");
                String rid = r.path("id").asText("r" + n);
                String what = where + ", result " + rid;
                if (!REGIONS.contains(type) && regions.containsKey(rid)) {
                    JsonNode v = r.path("value");
                    String key = r.path("from_name").asText(type);
                    Object val = switch (type) {
                        case "choices" -> choice(key, list(v.path("choices")));
                        case "textarea" -> single(list(v.path("text")));
                        case "number" -> v.path("number").numberValue();
                        case "rating" -> v.path("rating").numberValue();
                        default -> null;
                    };
                    if (val == null) {
                        unmapped.merge("per-region " + type + " results have no place in Vellum and were not imported", 1, Integer::sum);
                    } else {
                        regionAttrs.computeIfAbsent(rid, k -> new LinkedHashMap<>()).put(key, val);
                    }
                }
            }
            n = 0;
            for (JsonNode r : results) {
                n++;
                String type = r.path("type").asText("");
                String rid = r.path("id").asText("r" + n);
                String what = where + ", result " + rid;
                JsonNode v = r.path("value");
                if (!REGIONS.contains(type)) {
                    if (regions.containsKey(rid)) {
                        continue;
                    }
                    switch (type) {
                        case "choices" -> {
                            List<Object> choices = list(v.path("choices"));
                            int k = 0;
                            for (Object c : choices) {
                                out.add(ImageFormats.annotation(base + "." + ImageFormats.idPart(rid, "r" + n) + "." + ++k, Tag.TYPE, String.valueOf(c),
                                        Map.of(), new Tag(), who));
                            }
                        }
                        case "relation" -> unmapped.merge("relations between regions have no place in Vellum and were not imported", 1,
                                Integer::sum);
                        case "brushlabels", "brush" -> unmapped.merge(
                                "brush masks (Label Studio's own RLE) are not imported; export them as COCO or PNG masks instead", 1, Integer::sum);
                        default -> unmapped.merge("results of type '" + type + "' have no place in an image annotation and were not imported", 1,
                                Integer::sum);
                    }
                    continue;
                }
                double w = r.path("original_width").asDouble(0), h = r.path("original_height").asDouble(0);
                if (w <= 0 || h <= 0) {
                    sink.problem(file, what + ": no original_width/original_height to turn percent into pixels; skipped");
                    continue;
                }
                size = size == null ? new int[] {(int) w, (int) h} : size;
                if (r.path("image_rotation").asDouble(0) != 0) {
                    sink.problem(file, what + ": image_rotation " + r.path("image_rotation").asText() + " is not applied; coordinates kept as given");
                }
                String labelsKey = type.endsWith("labels") ? type : null;
                List<Object> labels = labelsKey == null ? List.of() : list(v.path(labelsKey));
                if (labels.size() > 1) {
                    sink.problem(file, what + ": " + labels.size() + " labels " + labels + "; only the first is kept");
                }
                String label = labels.isEmpty() ? "" : String.valueOf(labels.get(0));
                Map<String, Object> attrs = new LinkedHashMap<>(regionAttrs.getOrDefault(rid, Map.of()));
                if (r.hasNonNull("parentID")) {
                    attrs.put(CocoFormat.GROUP, "ls." + r.path("parentID").asText());
                } else if (parents.contains(rid)) {
                    attrs.put(CocoFormat.GROUP, "ls." + rid);
                }
                if (r.path("score").isNumber()) {
                    attrs.put("score", r.path("score").asDouble());
                }
                Shape shape;
                try {
                    shape = switch (type) {
                        case "rectanglelabels", "rectangle" -> rectangle(v, w, h);
                        case "polygonlabels", "polygon" -> polygon(v, w, h);
                        default -> new Keypoints(List.of(v.path("x").asDouble() * w / 100, v.path("y").asDouble() * h / 100, 2.0), "",
                                r.hasNonNull("parentID") && isBox(regions.get(r.path("parentID").asText()))
                                        ? base + "." + ImageFormats.idPart(r.path("parentID").asText(), "r")
                                        : "");
                    };
                } catch (IllegalArgumentException e) {
                    sink.problem(file, what + ": " + e.getMessage() + "; skipped");
                    continue;
                }
                String typeId = switch (shape) {
                    case BoundingBox b -> BoundingBox.TYPE;
                    case RotatedBox b -> RotatedBox.TYPE;
                    case Polyline p -> Polyline.TYPE;
                    case Polygon p -> Polygon.TYPE;
                    default -> Keypoints.TYPE;
                };
                out.add(ImageFormats.annotation(base + "." + ImageFormats.idPart(rid, "r" + n), typeId, label, attrs, shape, who));
            }
            return size;
        }

        /** Whether a region result is an unrotated rectangle, i.e. a box keypoints may name. */
        private static boolean isBox(JsonNode region) {
            return region != null && region.path("type").asText().startsWith("rectangle") && region.path("value").path("rotation").asDouble(0) % 360 == 0;
        }

        /**
         * A per-region choice as an attribute value: a list for a multiple-choice control, a boolean
         * for a control of the values true and false (or, without a config, for those values), else
         * the one choice (several without a config stay a list).
         */
        private Object choice(String control, List<Object> chosen) {
            LabelStudioConfig.Control c = config == null ? null : config.control(control);
            if (c != null && c.type == AttributeType.MULTI_CHOICE) {
                return chosen;
            }
            Object one = single(chosen);
            if (one instanceof String s && (s.equals("true") || s.equals("false")) && (c == null || c.type == AttributeType.BOOLEAN)) {
                return Boolean.valueOf(s);
            }
            return one;
        }

        private static Object single(List<Object> values) {
            return values.size() == 1 ? values.get(0) : values;
        }

        private static List<Object> list(JsonNode a) {
            List<Object> out = new ArrayList<>();
            for (JsonNode x : a) {
                out.add(x.isTextual() ? x.asText() : x.isNumber() ? x.numberValue() : x.toString());
            }
            return out;
        }

        private static Shape rectangle(JsonNode v, double w, double h) {
            if (!v.path("x").isNumber() || !v.path("y").isNumber() || !v.path("width").isNumber() || !v.path("height").isNumber()) {
                throw new IllegalArgumentException("a rectangle needs numeric x, y, width and height");
            }
            double x = v.path("x").asDouble() * w / 100, y = v.path("y").asDouble() * h / 100;
            double bw = v.path("width").asDouble() * w / 100, bh = v.path("height").asDouble() * h / 100;
            if (bw < 0 || bh < 0) {
                throw new IllegalArgumentException("negative width or height");
            }
            double rot = v.path("rotation").asDouble(0);
            if (rot % 360 == 0) {
                return new BoundingBox(x, y, bw, bh);
            }
            // Label Studio turns the box about its top-left corner; Vellum keeps the centre.
            double rad = Math.toRadians(rot), c = Math.cos(rad), s = Math.sin(rad);
            double cx = x + bw / 2 * c - bh / 2 * s, cy = y + bw / 2 * s + bh / 2 * c;
            return new RotatedBox(cx, cy, bw, bh, rot);
        }

        private static Shape polygon(JsonNode v, double w, double h) {
            List<Double> xy = new ArrayList<>();
            for (JsonNode p : v.path("points")) {
                if (p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw new IllegalArgumentException("point " + p + " is not [x, y]");
                }
                xy.add(p.get(0).asDouble() * w / 100);
                xy.add(p.get(1).asDouble() * h / 100);
            }
            if (v.has("closed") && !v.path("closed").asBoolean(true)) {
                return Polyline.fromPayload(Map.of("points", xy));
            }
            return Polygon.fromPayload(Map.of("points", xy));
        }
    }
}
