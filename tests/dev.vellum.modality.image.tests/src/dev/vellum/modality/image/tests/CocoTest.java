package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.Asset;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.image.io.CocoExporter;
import dev.vellum.modality.image.io.CocoImporter;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Tag;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.quality.KeypointOutsideBox;
import dev.vellum.modality.image.quality.ShapeOutsideImage;
import dev.vellum.store.folder.FolderProjectStore;

/** COCO import against every file of datumaro's COCO test dataset (../shared/data/image/coco_datumaro), and export round trips. */
class CocoTest {
    private static final List<String> DATUMARO = List.of("instances_train.json", "instances_val.json", "person_keypoints_val.json");

    @TempDir
    Path tmp;

    private Path resource(String name) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(CocoTest.class);
        Enumeration<URL> urls = bundle.findEntries("resources/coco_datumaro", name, false);
        if (urls == null || !urls.hasMoreElements()) {
            throw new IOException("no resource " + name + " in " + bundle.getSymbolicName());
        }
        Path p = tmp.resolve("in").resolve(name);
        Files.createDirectories(p.getParent());
        try (InputStream in = urls.nextElement().openStream()) {
            Files.copy(in, p);
        }
        return p;
    }

    private StoredProject project(String name) throws StoreException {
        return new FolderProjectStore().create(tmp.resolve(name).toString(), name, name);
    }

    private ImportReport importFiles(StoredProject p, List<Path> files) throws IOException, StoreException {
        return new CocoImporter().importFiles(p, files, "mira", Progress.NONE);
    }

    private static List<Annotation> annotations(StoredProject p, String itemId) throws StoreException {
        return p.loadItem(itemId).set("mira").orElseThrow().annotations();
    }

    private static Shape shape(Annotation a) {
        return Shape.fromPayload(a.typeId(), a.payload());
    }

    @Test
    void trainFileGivesOneImageWithOneBox() throws Exception {
        try (StoredProject p = project("train")) {
            ImportReport r = importFiles(p, List.of(resource("instances_train.json")));
            assertEquals(List.of(), r.problems());
            assertEquals(1, r.itemsAdded());
            assertEquals(1, r.annotationsAdded());
            Item item = p.loadItem("a.jpg");
            assertEquals("a.jpg", item.assets().get(0).uri());
            assertEquals(10, item.assets().get(0).metadata().get("width"));
            assertEquals(5, item.assets().get(0).metadata().get("height"));
            List<Annotation> anns = annotations(p, "a.jpg");
            assertEquals(1, anns.size());
            assertEquals("image.bbox", anns.get(0).typeId());
            assertEquals("b", anns.get(0).label());
            assertEquals(new BoundingBox(2, 2, 3, 1), shape(anns.get(0)));
            assertEquals("mira", anns.get(0).author());
            assertEquals(List.of("a", "b", "c"), p.project().schema("image").orElseThrow().classes().stream().map(LabelClass::name).toList());
        }
    }

    @Test
    void valFileGivesPolygonsMasksAttributesAndCrowds() throws Exception {
        try (StoredProject p = project("val")) {
            ImportReport r = importFiles(p, List.of(resource("instances_val.json")));
            assertEquals(List.of(), r.problems());
            assertEquals(1, r.itemsAdded());
            assertEquals(4, r.annotationsAdded());
            List<Annotation> anns = annotations(p, "b.jpg");
            assertEquals(List.of("image.bbox", "image.polygon", "image.bbox", "image.mask"), anns.stream().map(Annotation::typeId).toList());
            assertEquals(List.of("a", "a", "b", "b"), anns.stream().map(Annotation::label).toList());
            assertEquals(new BoundingBox(0, 0, 1, 2), shape(anns.get(0)));
            assertEquals(new Polygon(List.of(0.0, 0.0, 1.0, 0.0, 1.0, 2.0, 0.0, 2.0)), shape(anns.get(1)));
            assertEquals(1, anns.get(1).attributes().get("x"));
            assertEquals("hello", anns.get(1).attributes().get("y"));
            assertEquals(anns.get(0).attributes().get("group"), anns.get(1).attributes().get("group"));
            assertEquals(new BoundingBox(0, 0, 1, 9), shape(anns.get(2)));
            assertEquals(new Mask(10, 5, new int[] {0, 20, 30}), shape(anns.get(3)));
            assertEquals(true, anns.get(3).attributes().get("iscrowd"));
            assertEquals(null, anns.get(1).attributes().get("iscrowd"));
            assertEquals(2.0, shape(anns.get(1)).area());
            assertEquals(20.0, shape(anns.get(3)).area());
        }
    }

    @Test
    void allDatumaroFilesTogetherMergeTheKeypointsIntoTheSameImage() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String f : DATUMARO) {
            files.add(resource(f));
        }
        try (StoredProject p = project("all")) {
            ImportReport r = importFiles(p, files);
            assertEquals(List.of(), r.problems());
            assertEquals(2, r.itemsAdded());
            assertEquals(11, r.annotationsAdded(), "1 box; 2 boxes, polygon, mask; 2 boxes, polygon, mask, 2 keypoint sets");
            assertEquals(2, p.project().itemCount());
            List<Annotation> b = annotations(p, "b.jpg");
            assertEquals(10, b.size());
            List<Annotation> kps = b.stream().filter(a -> a.typeId().equals("image.keypoints")).toList();
            assertEquals(2, kps.size());
            Keypoints k1 = (Keypoints) shape(kps.get(0));
            assertEquals(List.of(1.0, 2.0, 2.0, 3.0, 4.0, 2.0, 2.0, 3.0, 2.0), k1.points());
            assertEquals("a", k1.template());
            assertEquals(new BoundingBox(0, 0, 1, 2), shape(b.stream().filter(a -> a.id().equals(k1.box())).findFirst().orElseThrow()));
            assertEquals(List.of(2.0, 4.0, 2.0, 4.0, 4.0, 2.0, 4.0, 2.0, 2.0), ((Keypoints) shape(kps.get(1))).points());
            Map<?, ?> templates = (Map<?, ?>) p.project().extensions().get("image.keypointTemplates");
            assertEquals(List.of("a", "b"), List.copyOf(templates.keySet()));
            assertEquals(List.of(List.of(0, 1), List.of(1, 2)), ((Map<?, ?>) templates.get("a")).get("skeleton"));
            // (3,4) and (2,3) lie outside the first object's box [0,0,1,2]; all three of the second's outside [0,0,1,9].
            List<Finding> findings = new ArrayList<>();
            new KeypointOutsideBox().check(new ValidationRule.ValidationContext(p.project(), p, Map.of()), p.loadItem("b.jpg"), findings::add);
            assertEquals(5, findings.size());
            ImageModality modality = new ImageModality();
            for (String id : List.of("a.jpg", "b.jpg")) {
                for (Annotation a : annotations(p, id)) {
                    assertEquals(List.of(), modality.validate(a, p.project().schema("image").orElseThrow(), 0), a.id());
                }
                List<Finding> outside = new ArrayList<>();
                new ShapeOutsideImage().check(new ValidationRule.ValidationContext(p.project(), p, Map.of()), p.loadItem(id), outside::add);
                assertEquals(List.of(), outside, "every shape of " + id + " lies in its image");
            }
            // Importing the same file again adds nothing and says so.
            ImportReport again = importFiles(p, List.of(files.get(0)));
            assertEquals(0, again.annotationsAdded());
            assertEquals(1, again.problems().size());
            assertTrue(again.problems().get(0).message().contains("already has annotation 'instances_train.1.box'"), again.problems().toString());
        }
    }

    @Test
    void whatCannotBeMappedIsReportedPerFile() throws Exception {
        Path f = tmp.resolve("odd.json");
        Files.writeString(f, """
                {"categories": [{"id": 1, "name": "car", "supercategory": "vehicle"}],
                 "images": [{"id": 1, "file_name": "x/one.png", "width": 4, "height": 3}, {"id": 2}],
                 "annotations": [
                   {"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 2, 2], "score": 0.9,
                    "segmentation": {"size": [10, 5], "counts": "0d0n0"}},
                   {"id": 2, "image_id": 1, "category_id": 7, "bbox": [0, 0, 1, 1]},
                   {"id": 3, "image_id": 9, "category_id": 1, "bbox": [0, 0, 1, 1]},
                   {"id": 4, "image_id": 1, "category_id": 1, "segmentation": [[0, 0, 1, 1]]},
                   {"id": 5, "image_id": 1, "category_id": 1, "bbox": [1, 1, 1, 1], "segmentation": {"size": [3, 4], "counts": [1, 2, 3]}}
                 ]}
                """);
        try (StoredProject p = project("odd")) {
            ImportReport r = importFiles(p, List.of(f));
            List<String> messages = r.problems().stream().map(ImportReport.Problem::message).toList();
            assertEquals(List.of("1 categories have a supercategory, which Vellum's label schema does not keep",
                    "an image without a numeric id or a file_name was skipped: {id=2}",
                    "annotation 3 refers to image_id 9, which is not in images; skipped",
                    "annotation 2 on x/one.png: category_id 7 is not in categories; skipped",
                    "annotation 4 on x/one.png: image.polygon: 'points' needs at least 3 points, found 2; that polygon was skipped",
                    "annotation 4 on x/one.png: no bbox, segmentation or keypoints that could be read; nothing imported",
                    "annotation 5 on x/one.png: segmentation: the runs cover 6 pixels but the mask is 3 x 4 = 12; the mask was skipped",
                    "annotation field 'score' has no place in Vellum and was not kept (1 annotations)"), messages);
            assertTrue(r.problems().stream().allMatch(pr -> pr.file().equals(f.toString())));
            assertEquals(1, r.itemsAdded());
            assertEquals(3, r.annotationsAdded(), "box and compressed-RLE mask of 1, box of 5");
            List<Annotation> anns = annotations(p, "x_one.png");
            assertEquals(new Mask(10, 5, new int[] {0, 20, 30}), shape(anns.get(1)), "the compressed string decoded");
            assertInstanceOf(BoundingBox.class, shape(anns.get(2)));
        }
    }

    @Test
    void exportThenImportGivesTheSameAnnotations() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String f : DATUMARO) {
            files.add(resource(f));
        }
        Path out = tmp.resolve("export").resolve("out.json");
        Map<String, List<String>> before;
        try (StoredProject a = project("a")) {
            importFiles(a, files);
            assertEquals(2, new CocoExporter().export(a, new FormatExporter.Options(null, false), out, Progress.NONE));
            before = comparable(a);
        }
        String json = Files.readString(out);
        assertTrue(json.contains("\"counts\":[0,20,30]"), "crowd masks are written as COCO's uncompressed counts");
        assertTrue(json.contains("\"skeleton\":[[0,1],[1,2]]"), json);
        try (StoredProject b = project("b")) {
            ImportReport r = importFiles(b, List.of(out));
            assertEquals(List.of(), r.problems());
            assertEquals(2, r.itemsAdded());
            assertEquals(11, r.annotationsAdded());
            assertEquals(before, comparable(b));
            assertEquals(List.of("a", "b", "c"), b.project().schema("image").orElseThrow().classes().stream().map(LabelClass::name).toList());
            assertEquals(((Map<?, ?>) b.project().extensions().get("image.keypointTemplates")).keySet().size(), 2);
            // And once more: the second export is byte for byte the first.
            Path out2 = tmp.resolve("export").resolve("out2.json");
            new CocoExporter().export(b, new FormatExporter.Options("mira", false), out2, Progress.NONE);
            assertEquals(json, Files.readString(out2));
        }
    }

    @Test
    void acceptsCocoJsonFilesOnly() throws Exception {
        CocoImporter importer = new CocoImporter();
        assertEquals(80, importer.accepts(resource("instances_val.json")));
        Path other = Files.writeString(tmp.resolve("other.json"), "{\"name\": \"x\"}");
        assertEquals(10, importer.accepts(other));
        assertEquals(0, importer.accepts(Files.writeString(tmp.resolve("labels.txt"), "a")));
        assertEquals(0, importer.accepts(tmp.resolve("missing.json")));
    }

    @Test
    void exportHonoursAcceptedOnly() throws Exception {
        try (StoredProject a = project("acc")) {
            importFiles(a, List.of(resource("instances_train.json")));
            Path out = tmp.resolve("acc.json");
            assertEquals(0, new CocoExporter().export(a, new FormatExporter.Options(null, true), out, Progress.NONE));
            assertTrue(Files.readString(out).contains("\"images\":[]"));
        }
    }

    @Test
    void exportReportsEveryLossPerItem() throws Exception {
        Path out = tmp.resolve("losses.json");
        List<String> originals = new ArrayList<>();
        ExportReport report;
        try (StoredProject a = project("lossy")) {
            AnnotationSet set = AnnotationSet.start("mira", 0);
            List<Annotation> anns = List.of(
                    annotation("b1", "image.bbox", "car", Map.of("group", "g1"), new BoundingBox(1, 1, 10, 10).toPayload()),
                    annotation("p1", "image.polygon", "car", Map.of("group", "g1"), new Polygon(List.of(1.0, 1.0, 11.0, 1.0, 6.0, 11.0),
                            List.of(List.of(5.0, 3.0, 7.0, 3.0, 6.0, 5.0))).toPayload()),
                    annotation("r", "image.rbox", "car", Map.of(), new RotatedBox(20, 10, 10, 4, 30).toPayload()),
                    annotation("l", "image.polyline", "lane", Map.of(), new Polyline(List.of(0.0, 0.0, 4.0, 4.0)).toPayload()),
                    annotation("t", "image.tag", "day", Map.of(), new Tag().toPayload()),
                    annotation("u", "image.bbox", "", Map.of(), new BoundingBox(2, 2, 3, 3).toPayload()),
                    annotation("b2", "image.bbox", "person", Map.of("group", "g2"), new BoundingBox(0, 0, 20, 20).toPayload()),
                    annotation("k", "image.keypoints", "person", Map.of("group", "g2"),
                            new Keypoints(List.of(1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 1.0), "other", "b2").toPayload()),
                    annotation("b3", "image.bbox", "person", Map.of("group", "g2"), new BoundingBox(1, 1, 5, 5).toPayload()),
                    annotation("m", "image.mask", "car", Map.of("group", "g3"), new Mask(4, 5, new int[] {2, 6, 12}).toPayload()),
                    annotation("p3", "image.polygon", "car", Map.of("group", "g3"), new Polygon(List.of(0.0, 0.0, 3.0, 0.0, 3.0, 3.0)).toPayload()),
                    annotation("m2", "image.mask", "car", Map.of("group", "g3"), new Mask(4, 5, new int[] {0, 20}).toPayload()),
                    annotation("bad", "image.bbox", "car", Map.of(), Map.of("x", 1)),
                    annotation("b4", "image.bbox", "car", Map.of("group", "g4", "color", "red"), new BoundingBox(3, 3, 4, 4).toPayload()),
                    annotation("p4", "image.polygon", "car", Map.of("group", "g4", "color", "blue"),
                            new Polygon(List.of(3.0, 3.0, 7.0, 3.0, 7.0, 7.0)).toPayload()));
            anns.forEach(x -> set.insert(-1, x));
            a.saveItem(new Item("a", "", List.of(new Asset("media/a.png", "image", "", Map.of("width", 40, "height", 20))), Map.of(), null,
                    List.of(set)));
            AnnotationSet clean = AnnotationSet.start("mira", 0);
            clean.insert(-1, annotation("ok", "image.bbox", "car", Map.of(), new BoundingBox(1, 2, 3, 4).toPayload()));
            a.saveItem(new Item("clean", "", List.of(new Asset("media/clean.png", "image", "", Map.of())), Map.of(), null, List.of(clean)));
            a.project().setExtensions(Map.of("image.keypointTemplates", Map.of(
                    "person", Map.of("keypoints", List.of("a", "b", "c"), "skeleton", List.of()),
                    "ghost", Map.of("keypoints", List.of("x"), "skeleton", List.of()))));
            a.saveProject();
            for (String id : a.project().itemIds()) {
                for (Annotation x : a.loadItem(id).set("mira").orElseThrow().annotations()) {
                    originals.add(id + "|" + x.id() + "|" + fingerprint(x));
                }
            }
            report = new CocoExporter().exportWithReport(a, new FormatExporter.Options(null, false), out, Progress.NONE);
        }
        assertEquals(2, report.itemsWritten());
        List<String> messages = report.problems().stream().map(pr -> pr.item() + ": " + pr.message()).toList();
        String badPayload;
        try {
            Shape.fromPayload("image.bbox", Map.of("x", 1));
            throw new AssertionError("the payload should be unreadable");
        } catch (dev.vellum.modality.image.model.PayloadException e) {
            badPayload = e.getMessage();
        }
        assertEquals(List.of("a: COCO polygons have no holes: only the outer ring of 'p1' was written",
                "a: COCO has no rotated boxes: 'r' was written as a 4-point polygon",
                "a: COCO cannot hold image.polyline annotations: 'l' was not written",
                "a: COCO cannot hold image.tag annotations: 't' was not written",
                "a: annotation 'u' has no label, which COCO needs as its category; not written",
                "a: COCO ties keypoints to their category's template: 'k' follows the template 'other', written as if it followed that of 'person'",
                "a: COCO holds one box per object: the extra box 'b3' of its group was not written",
                "a: COCO holds one mask per object: the extra mask 'm2' of its group was not written",
                "a: a COCO segmentation is polygons or a mask, not both: the polygon 'p3' of a group with a mask was not written",
                "a: annotation 'bad' cannot be written (" + badPayload + ")",
                "a: COCO keeps one set of attributes per object: those of 'p4' differ from those of 'b4' in its group and were not written",
                "clean: the image size is not in the asset's metadata; COCO needs it, written as width and height 0",
                "image.keypointTemplates: COCO keeps keypoint names and skeletons per category: the template 'ghost', which no category of "
                        + "this export has, was not written"), messages);

        // Whatever did not come back as it was must have been reported for its item, naming it.
        try (StoredProject b = project("lossy-back")) {
            importFiles(b, List.of(out));
            Map<String, List<String>> back = new LinkedHashMap<>();
            for (String id : b.project().itemIds()) {
                Item item = b.loadItem(id);
                String original = item.assets().get(0).uri().equals("media/a.png") ? "a" : "clean";
                for (Annotation x : item.set("mira").orElseThrow().annotations()) {
                    back.computeIfAbsent(original, k -> new ArrayList<>()).add(fingerprint(x));
                }
            }
            int unchanged = 0;
            for (String o : originals) {
                String[] parts = o.split("\\|", 3);
                if (back.getOrDefault(parts[0], List.of()).contains(parts[2])) {
                    unchanged++;
                    continue;
                }
                assertTrue(report.problems().stream().anyMatch(pr -> pr.item().equals(parts[0]) && pr.message().contains("'" + parts[1] + "'")),
                        "annotation " + parts[1] + " of " + parts[0] + " did not come back as it was, and no problem says so: " + parts[2]);
            }
            assertEquals(5, unchanged, "b1, b2, m, b4 (with its attributes) of a and ok of clean come back as they were");
        }
    }

    private static Annotation annotation(String id, String type, String label, Map<String, Object> attributes, Map<String, Object> payload) {
        return new Annotation(id, type, label, attributes, 1, payload, dev.vellum.core.model.Provenance.HUMAN, "mira", java.time.Instant.now(),
                null);
    }

    /** Type, label, payload (a keypoint's box as a placeholder: ids change) and attributes other than the group. */
    private static String fingerprint(Annotation a) {
        Map<String, Object> attrs = new java.util.TreeMap<>(a.attributes());
        attrs.remove("group");
        Map<String, Object> payload;
        try {
            payload = new LinkedHashMap<>(shape(a).toPayload());
        } catch (dev.vellum.modality.image.model.PayloadException e) {
            payload = new LinkedHashMap<>(a.payload());
        }
        payload.computeIfPresent("box", (k, v) -> "<box>");
        return a.typeId() + " " + a.label() + " " + Fixtures.round(payload) + " " + attrs;
    }

    /** Per item, each annotation as type, label, shape (keypoints' box as the box shape) and attributes other than the group. */
    private static Map<String, List<String>> comparable(StoredProject p) throws StoreException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String id : p.project().itemIds()) {
            AnnotationSet set = p.loadItem(id).set("mira").orElseThrow();
            List<String> rows = new ArrayList<>();
            for (Annotation a : set.annotations()) {
                Shape s = shape(a);
                String extra = "";
                if (s instanceof Keypoints k) {
                    extra = " box=" + shape(set.annotation(k.box()).orElseThrow());
                    s = new Keypoints(k.points(), k.template(), "");
                }
                Map<String, Object> attrs = new LinkedHashMap<>(a.attributes());
                attrs.remove("group");
                rows.add(a.typeId() + " " + a.label() + " " + s + extra + " " + attrs);
            }
            out.put(id, rows);
        }
        return out;
    }
}
