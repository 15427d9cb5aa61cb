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
