package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.codec.CocoRle;
import dev.vellum.modality.image.io.CocoExporter;
import dev.vellum.modality.image.io.CocoImporter;
import dev.vellum.modality.image.io.CvatExporter;
import dev.vellum.modality.image.io.CvatImporter;
import dev.vellum.modality.image.io.LabelStudioExporter;
import dev.vellum.modality.image.io.LabelStudioImporter;
import dev.vellum.modality.image.io.VocExporter;
import dev.vellum.modality.image.io.VocImporter;
import dev.vellum.modality.image.io.YoloExporter;
import dev.vellum.modality.image.io.YoloImporter;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.model.Tag;

/**
 * Every image format's exporter against its own importer on a project built like the bundled sample
 * (every annotation type, two annotators, attributes of every type, groups): whatever the export did
 * not report must come back exactly (label, geometry to the format's precision, attributes, which
 * annotations share a group), so a silent loss fails here.
 */
class SampleRoundTripTest {
    private static final int W = 640, H = 400;
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    @TempDir
    Path tmp;

    // ---- the project ------------------------------------------------------------------------

    static final List<LabelClass> CLASSES = List.of(
            new LabelClass("car", "#e6194b", "1", List.of(new AttributeDef("kind", AttributeType.CHOICE, List.of("sedan", "suv", "van", "truck"), true),
                    new AttributeDef("occluded", AttributeType.BOOLEAN, List.of(), false), new AttributeDef("note", AttributeType.TEXT, List.of(), false),
                    new AttributeDef("doors", AttributeType.NUMBER, List.of(), false))),
            new LabelClass("person", "#3cb44b", "2", List.of()), new LabelClass("building", "#911eb4", "5", List.of()),
            new LabelClass("lane-marking", "#42d4f4", "6", List.of()), new LabelClass("road", "#808000", "7", List.of()),
            new LabelClass("daytime", "#bfef45", "8", List.of()));

    private static Annotation ann(String id, String type, String label, Map<String, Object> attrs, Shape shape, String who) {
        Instant t = Instant.parse("2026-11-02T09:00:00Z");
        return new Annotation(id, type, label, attrs, 1, shape.toPayload(), Provenance.HUMAN, who, t, t);
    }

    private static Mask roadMask() {
        boolean[] px = new boolean[W * H];
        for (int x = 0; x < W; x++) {
            for (int y = 340; y < H; y++) {
                px[x * H + y] = true;
            }
        }
        return new Mask(H, W, CocoRle.fromMask(px));
    }

    /** One annotator's work: every type, attributes of every kind, a box with its keypoints and a polygon with its mask as groups. */
    private static AnnotationSet set(String who, double dx, AnnotationState state) {
        AnnotationSet s = new AnnotationSet(who, state, 0, Instant.parse("2026-11-02T09:00:03Z"), Instant.parse("2026-11-02T09:00:43Z"), List.of());
        s.insert(-1, ann(who + "1", BoundingBox.TYPE, "car", Map.of("kind", "suv", "occluded", false), new BoundingBox(83 + dx, 284, 124, 58), who));
        s.insert(-1, ann(who + "2", BoundingBox.TYPE, "car", Map.of("kind", "van", "occluded", true, "note", "dented door", "doors", 3),
                new BoundingBox(319.5 + dx, 260.25, 113, 64), who));
        s.insert(-1, ann(who + "3", RotatedBox.TYPE, "car", Map.of("kind", "sedan"), new RotatedBox(250 + dx, 150, 80, 40, 30), who));
        s.insert(-1, ann(who + "4", BoundingBox.TYPE, "person", Map.of("group", "p"), new BoundingBox(581 + dx, 237, 18, 63), who));
        s.insert(-1, ann(who + "5", Keypoints.TYPE, "person", Map.of("group", "p"), new Keypoints(List.of(590 + dx, 240.0, 2.0), "", who + "4"), who));
        s.insert(-1, ann(who + "6", Polygon.TYPE, "building", Map.of(), new Polygon(List.of(10 + dx, 10.0, 200.0, 10.0, 200.0, 200.0, 10.0, 200.0),
                List.of(List.of(50.0, 50.0, 80.0, 50.0, 80.0, 80.0))), who));
        s.insert(-1, ann(who + "7", Polygon.TYPE, "road", Map.of("group", "r"), new Polygon(List.of(0.0, 340.0, 639.0, 340.0, 639.0, 399.0, 0.0, 399.0),
                List.of()), who));
        s.insert(-1, ann(who + "8", Mask.TYPE, "road", Map.of("group", "r"), roadMask(), who));
        s.insert(-1, ann(who + "9", Polyline.TYPE, "lane-marking", Map.of(), new Polyline(List.of(300.0 + dx, 399.0, 320.0, 300.0)), who));
        s.insert(-1, ann(who + "10", Tag.TYPE, "daytime", Map.of(), new Tag(), who));
        return s;
    }

    /** A project like the sample: one street image, alice's set submitted and bob's accepted. */
    private StoredProject sample(String name) throws Exception {
        StoredProject p = Fixtures.project(tmp, name);
        p.project().putSchema(new LabelSchema("image", CLASSES));
        p.saveProject();
        Path image = tmp.resolve(name).resolve("images/street-001.png");
        Files.createDirectories(image.getParent());
        ImageIO.write(new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        p.saveItem(new Item("street-001", "", List.of(new Asset("images/street-001.png", "image", "", Map.of("width", W, "height", H))), Map.of(), null,
                List.of(set("alice", 0, AnnotationState.SUBMITTED), set("bob", 2, AnnotationState.ACCEPTED))));
        return p;
    }

    // ---- the comparison ---------------------------------------------------------------------

    /** Annotation ids a report names (in quotes), per item. */
    private static Set<String> named(List<ExportReport.Problem> problems) {
        Set<String> ids = new TreeSet<>();
        for (ExportReport.Problem p : problems) {
            Matcher m = QUOTED.matcher(p.message());
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** An annotation as text: type, label, rounded shape (a keypoint's box as that box's text) and attributes but the group. */
    private static String text(Annotation a, Map<String, Annotation> byId) {
        Map<String, Object> attrs = new TreeMap<>(a.attributes());
        attrs.remove("group");
        Map<String, Object> payload = new LinkedHashMap<>(Fixtures.shape(a).toPayload());
        // Masks compare by their pixels; the text only keeps messages short.
        if (payload.get("rle") instanceof Map<?, ?> rle) {
            payload.put("rle", rle.get("size") + "#" + String.valueOf(rle.get("counts")).hashCode());
        }
        if (payload.get("box") instanceof String box && !box.isEmpty()) {
            payload.put("box", byId.containsKey(box) ? text(byId.get(box), Map.of()) : "?" + box);
        }
        return a.typeId() + " " + a.label() + " " + Fixtures.round(payload) + " " + attrs;
    }

    /** The annotations as text (sorted) and the groups of two or more as sorted lists of their texts. */
    private static List<Object> view(List<Annotation> anns, Set<String> leaveOut) {
        Map<String, Annotation> byId = new HashMap<>();
        anns.forEach(a -> byId.put(a.id(), a));
        List<String> texts = new ArrayList<>();
        Map<Object, List<String>> groups = new HashMap<>();
        for (Annotation a : anns) {
            if (leaveOut.contains(a.id())) {
                continue;
            }
            String t = text(a, byId);
            texts.add(t);
            if (a.attributes().get("group") != null) {
                groups.computeIfAbsent(a.attributes().get("group"), k -> new ArrayList<>()).add(t);
            }
        }
        texts.sort(null);
        List<String> g = new ArrayList<>();
        for (List<String> members : groups.values()) {
            if (members.size() > 1) {
                members.sort(null);
                g.add(members.toString());
            }
        }
        g.sort(null);
        return List.of(texts, g);
    }

    /**
     * Exports {@code a}, re-imports into a new project and checks that every annotation of
     * {@code exported} the report does not name came back exactly, in the same groups.
     */
    private ExportReport roundTrip(FormatExporter exporter, FormatImporter importer, Path out, Path importFrom, String exportedAnnotator,
            String importedAnnotator) throws Exception {
        List<String> lost = new ArrayList<>();
        ExportReport r = roundTrip(exporter, importer, out, importFrom, exportedAnnotator, importedAnnotator, lost);
        assertEquals(List.of(), lost, "annotations changed or lost without a report; report was " + r.problems());
        return r;
    }

    /** As above, but what changed without a report goes to {@code lost} (as text) instead of failing; groups are checked only when nothing was. */
    private ExportReport roundTrip(FormatExporter exporter, FormatImporter importer, Path out, Path importFrom, String exportedAnnotator,
            String importedAnnotator, List<String> lost) throws Exception {
        ExportReport report;
        List<Annotation> before;
        String name = tmp.relativize(out).getName(0).toString();
        try (StoredProject a = sample("a-" + name)) {
            report = exporter.exportWithReport(a, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(1, report.itemsWritten());
            before = a.loadItem("street-001").set(exportedAnnotator).orElseThrow().annotations();
        }
        if (exporter instanceof YoloExporter) {
            // A YOLO trainer finds the images beside the labels.
            Files.createDirectories(out.resolve("images"));
            Files.copy(tmp.resolve("a-" + name + "/images/street-001.png"), out.resolve("images/street-001.png"));
        }
        try (StoredProject b = Fixtures.project(tmp, "b-" + name)) {
            ImportReport r = importer.importFiles(b, List.of(importFrom), "mira", Progress.NONE);
            assertEquals(1, b.project().itemCount(), r.toString());
            Item item = b.loadItem(b.project().itemIds().get(0));
            assertTrue(item.assets().get(0).uri().endsWith("street-001.png"), item.assets().get(0).uri());
            List<Annotation> after = item.set(importedAnnotator).orElseThrow().annotations();
            Set<String> reported = named(report.problems());
            List<Object> expected = view(before, reported);
            List<Object> found = view(after, Set.of());
            @SuppressWarnings("unchecked")
            List<String> missing = new ArrayList<>((List<String>) expected.get(0));
            ((List<?>) found.get(0)).forEach(missing::remove);
            lost.addAll(missing);
            if (!missing.isEmpty()) {
                return report;
            }
            if (reported.isEmpty()) {
                assertEquals(expected, found);
            }
            List<Object> foundWithoutExtras = view(after.stream().filter(x -> ((List<?>) expected.get(0)).contains(text(x, byId(after)))).toList(),
                    Set.of());
            assertEquals(expected.get(1), foundWithoutExtras.get(1), "groups changed without a report; report was " + report.problems());
        }
        return report;
    }

    private static Map<String, Annotation> byId(List<Annotation> anns) {
        Map<String, Annotation> m = new HashMap<>();
        anns.forEach(a -> m.put(a.id(), a));
        return m;
    }

    private static List<String> messages(ExportReport r) {
        return r.problems().stream().map(p -> p.item() + ": " + p.message()).toList();
    }

    // ---- one test per format ----------------------------------------------------------------

    @Test
    void labelStudioKeepsBothAnnotatorsAttributesGroupsAndTheSchema() throws Exception {
        Path out = tmp.resolve("ls/tasks.json");
        ExportReport r = roundTrip(new LabelStudioExporter(), new LabelStudioImporter(), out, out, "alice", "alice");
        roundTrip(new LabelStudioExporter(), new LabelStudioImporter(), tmp.resolve("ls2/tasks.json"), tmp.resolve("ls2/tasks.json"), "bob", "bob");
        assertEquals(List.of("street-001: Label Studio polygons have no holes: only the outer ring of 'alice6' was written",
                "street-001: masks are not written to Label Studio (its brush RLE is not supported): 'alice8' left out",
                "street-001: Label Studio has no polylines: 'alice9' was written as an open polygon (closed: false)",
                "street-001: Label Studio polygons have no holes: only the outer ring of 'bob6' was written",
                "street-001: masks are not written to Label Studio (its brush RLE is not supported): 'bob8' left out",
                "street-001: Label Studio has no polylines: 'bob9' was written as an open polygon (closed: false)"), messages(r));
        String config = Files.readString(tmp.resolve("ls/tasks.label_config.xml"));
        assertTrue(config.contains("<Label value=\"car\" background=\"#e6194b\" hotkey=\"1\"/>"), config);
        assertTrue(config.contains("<Choices name=\"kind\" toName=\"image\" perRegion=\"true\" whenLabelValue=\"car\" required=\"true\" choice=\"single-radio\">"),
                config);
        assertTrue(config.contains("<Number name=\"doors\" toName=\"image\" perRegion=\"true\" whenLabelValue=\"car\"/>"), config);
        assertTrue(config.contains("<TextArea name=\"note\" toName=\"image\" perRegion=\"true\" whenLabelValue=\"car\" editable=\"true\" maxSubmissions=\"1\"/>"),
                config);
        String json = Files.readString(out).replaceAll("\\s+", " ");
        assertTrue(json.contains("\"id\" : \"alice2\", \"type\" : \"number\", \"from_name\" : \"doors\""), "a per-region result shares its region's id");
        assertTrue(json.contains("\"value\" : { \"choices\" : [ \"true\" ] }"), "a boolean is a choice of true or false");
        assertTrue(json.contains("\"parentID\" : \"alice4\""), "the keypoints are nested under the box of their group");
        try (StoredProject b = Fixtures.project(tmp, "schema-ls")) {
            new LabelStudioImporter().importFiles(b, List.of(out), "mira", Progress.NONE);
            assertEquals(CLASSES, b.project().schema("image").orElseThrow().classes(), "labels, colours, hotkeys and attribute definitions come back");
        }
    }

    @Test
    void cvatKeepsTheChosenSetWithItsAttributesAndGroups() throws Exception {
        Path out = tmp.resolve("cvat/annotations.xml");
        ExportReport r = roundTrip(new CvatExporter(), new CvatImporter(), out, out, "bob", "mira");
        assertEquals(List.of("label schema: CVAT attributes cannot be required: 'car.kind' was written as optional",
                "street-001: CVAT for images holds one annotation set per image: bob's (accepted) was written, not [alice]; choose an annotator to write another",
                "street-001: CVAT points name no template and no box: those links of 'bob5' were not written",
                "street-001: CVAT polygons have no holes: only the outer ring of 'bob6' was written"), messages(r));
        try (StoredProject b = Fixtures.project(tmp, "schema-cvat")) {
            ImportReport ir = new CvatImporter().importFiles(b, List.of(out), "mira", Progress.NONE);
            assertEquals(List.of(), ir.problems(), "Vellum's own CVAT file has no defaults worth a word");
            LabelClass car = b.project().schema("image").orElseThrow().labelClass("car").orElseThrow();
            assertEquals(List.of(new AttributeDef("kind", AttributeType.CHOICE, List.of("sedan", "suv", "van", "truck"), false),
                    new AttributeDef("occluded", AttributeType.BOOLEAN, List.of(), false), new AttributeDef("note", AttributeType.TEXT, List.of(), false),
                    new AttributeDef("doors", AttributeType.NUMBER, List.of(), false)), car.attributes());
            assertEquals("#e6194b", car.color());
        }
    }

    @Test
    void yoloKeepsBoxesAndPolygonsAndReportsAttributesAndGroups() throws Exception {
        Path out = tmp.resolve("yolo");
        ExportReport r = roundTrip(new YoloExporter(), new YoloImporter(), out, out, "bob", "mira");
        List<String> m = messages(r);
        assertTrue(m.contains("street-001: YOLO lines carry no attributes: the attributes of these annotations were not written: 'bob1', 'bob2', 'bob3'"),
                m.toString());
        assertTrue(m.contains("street-001: YOLO lines cannot be joined into objects: the group of these annotations was not written: 'bob4', 'bob7'"),
                m.toString());
    }

    @Test
    void vocKeepsObjectsWithTheirAttributes() throws Exception {
        Path out = tmp.resolve("voc");
        ExportReport r = roundTrip(new VocExporter(), new VocImporter(), out, out, "bob", "mira");
        assertTrue(messages(r).get(0).startsWith("street-001: Pascal VOC holds one annotation set per image: bob's"), messages(r).toString());
    }

    @Test
    void cocoKeepsObjectsWithTheirAttributes() throws Exception {
        Path out = tmp.resolve("coco/instances.json");
        ExportReport r = roundTrip(new CocoExporter(), new CocoImporter(), out, out, "bob", "mira");
        List<String> m = messages(r);
        assertTrue(m.get(0).startsWith("street-001: COCO holds one annotation set per image: bob's"), m.toString());
        assertTrue(m.containsAll(List.of("street-001: COCO has no rotated boxes: 'bob3' was written as a 4-point polygon",
                "street-001: COCO polygons have no holes: only the outer ring of 'bob6' was written",
                "street-001: COCO cannot hold image.polyline annotations: 'bob9' was not written",
                "street-001: COCO cannot hold image.tag annotations: 'bob10' was not written")), m.toString());
    }
}
