package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.io.LabelStudioExporter;
import dev.vellum.modality.image.io.LabelStudioImporter;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.model.Tag;

/** Label Studio import against every image export of label-studio-converter and label-studio-sdk, malformed input, and round trips. */
class LabelStudioTest {
    @TempDir
    Path tmp;

    private static ImportReport importFiles(StoredProject p, List<Path> files) throws Exception {
        return new LabelStudioImporter().importFiles(p, files, "mira", Progress.NONE);
    }

    private static void near(double expected, double actual) {
        assertTrue(Math.abs(expected - actual) < 1e-6, "expected " + expected + ", found " + actual);
    }

    @Test
    void twoAnnotatorsOfOneTaskBecomeTwoSets() throws Exception {
        Path f = Fixtures.copy("labelstudio", tmp).resolve("test_export_yolo_data.json");
        try (StoredProject p = Fixtures.project(tmp, "two")) {
            ImportReport r = importFiles(p, List.of(f));
            assertEquals(List.of(), r.problems());
            assertEquals(2, r.itemsAdded());
            assertEquals(6, r.annotationsAdded());
            Item one = p.loadItem("image1");
            assertEquals("/image1", one.assets().get(0).uri());
            assertEquals(2800, one.assets().get(0).metadata().get("width"));
            assertEquals(List.of("labelstudio-user-2", "labelstudio-user-1"), one.sets().stream().map(AnnotationSet::annotator).toList());
            List<Annotation> anns = Fixtures.annotations(p, "image1", "labelstudio-user-2");
            assertEquals(List.of("parasites", "white"), anns.stream().map(Annotation::label).toList());
            assertEquals("ls.1.C7oHaRDVVC", anns.get(0).id());
            assertEquals(Provenance.IMPORTED, anns.get(0).provenance());
            BoundingBox b = (BoundingBox) Fixtures.shape(anns.get(0));
            near(1040.4371584699454, b.x());
            near(1978.870673952641, b.y());
            near(117.304189435337, b.width());
            near(132.6047358834244, b.height());
            assertEquals(1L, ((Number) one.metadata().get("labelstudio.task")).longValue());
        }
    }

    @Test
    void rotatedRectanglesBecomeRotatedBoxesAboutTheirCentre() throws Exception {
        Path f = Fixtures.copy("labelstudio", tmp).resolve("test_export_yolo_data_obb.json");
        try (StoredProject p = Fixtures.project(tmp, "obb")) {
            ImportReport r = importFiles(p, List.of(f));
            assertEquals(List.of(), r.problems());
            assertEquals(3, r.itemsAdded());
            assertEquals(25, r.annotationsAdded());
            List<Annotation> anns = Fixtures.annotations(p, "image2", "labelstudio-user-1");
            RotatedBox rb = (RotatedBox) Fixtures.shape(anns.get(0));
            near(203.24791371384683, rb.cx());
            near(384.4963340097264, rb.cy());
            near(319.73589130826514, rb.width());
            near(187.67041374603104, rb.height());
            near(345.1381651311527, rb.angle());
            assertEquals("Butterfly", anns.get(0).label());
        }
    }

    @Test
    void polygonsKeypointsAndTheirParentBoxes() throws Exception {
        Path ls = Fixtures.copy("labelstudio", tmp);
        Path sdk = Fixtures.copy("labelstudio_sdk", tmp);
        try (StoredProject p = Fixtures.project(tmp, "poly")) {
            ImportReport r = importFiles(p, List.of(ls.resolve("test_export_yolo_data_polygons.json"), sdk.resolve("test_export_coco_data.json"),
                    sdk.resolve("test_export_yolo_data_keypoints.json")));
            assertEquals(List.of(new ImportReport.Problem(sdk.resolve("test_export_yolo_data_keypoints.json").toString(),
                    "relations between regions have no place in Vellum and were not imported (5 times)")), r.problems());
            Polygon airplane = (Polygon) Fixtures.shape(Fixtures.annotations(p, "image2", "labelstudio-user-1").get(0));
            assertEquals(74, airplane.points().size());
            near(384.0, airplane.points().get(0));
            near(83.32231404958677, airplane.points().get(1));
            // No completed_by: the importing annotator.
            List<Annotation> coco = Fixtures.annotations(p, "test_image1.jpg", "mira");
            assertEquals(List.of("image.bbox rectangle_label", "image.polygon polygon_label", "image.keypoints keypoint_label1",
                    "image.keypoints keypoint_label2"), coco.stream().map(a -> a.typeId() + " " + a.label()).toList());
            Keypoints k = (Keypoints) Fixtures.shape(coco.get(2));
            near(112.97640653357533, k.points().get(0));
            near(101.67375886524825, k.points().get(1));
            assertEquals(2.0, k.points().get(2));
            List<Annotation> person = Fixtures.annotations(p, "image1.jpg", "sergei@heartex.test");
            assertEquals(List.of("nose", "left_eye", "right_eye", "person"), person.stream().map(Annotation::label).toList());
            assertTrue(person.stream().allMatch(a -> "ls.hplPm0Szvc".equals(a.attributes().get("group"))), "keypoints joined to their parent box");
            near(139.2, ((Keypoints) Fixtures.shape(person.get(0))).points().get(0));
            near(83.91489361702128, ((BoundingBox) Fixtures.shape(person.get(3))).x());
        }
    }

    @Test
    void predictionsAndNonImageTasksAreReported() throws Exception {
        Path ls = Fixtures.copy("labelstudio", tmp);
        Path sdk = Fixtures.copy("labelstudio_sdk", tmp);
        try (StoredProject p = Fixtures.project(tmp, "csv")) {
            Path csv = ls.resolve("test_export_csv_csv_test.json");
            ImportReport r = importFiles(p, List.of(csv));
            assertEquals(List.of(new ImportReport.Problem(csv.toString(), "predictions (model pre-labels) are not imported (2 times)")), r.problems());
            assertEquals(2, r.itemsAdded());
            List<Annotation> anns = Fixtures.annotations(p, "00155094b7acc33b.jpg", "hakan@heartex.com");
            assertEquals(2, anns.size());
            near(713.7024, ((BoundingBox) Fixtures.shape(anns.get(0))).x());
            assertEquals("https://data.heartex.net/open-images/train_0/mini/00155094b7acc33b.jpg", p.loadItem("00155094b7acc33b.jpg").assets().get(0).uri());
            Path chat = sdk.resolve("test_export_json_min_chat_data.json");
            ImportReport c = importFiles(p, List.of(chat));
            assertEquals(0, c.itemsAdded());
            assertEquals(List.of(new ImportReport.Problem(chat.toString(), "task 226650350 has no image in its data (keys [scenario_prompt, input_chat]); skipped")),
                    c.problems());
        }
    }

    @Test
    void unmappableResultsAreReported() throws Exception {
        Path f = Files.writeString(tmp.resolve("odd.json"), """
                [{"id": 5, "data": {"image": "s3://bucket/a.png?x=1"}, "drafts": [{"result": []}],
                  "annotations": [
                    {"id": 9, "was_cancelled": true, "result": []},
                    {"id": 10, "completed_by": 3, "result": [
                      {"id": "r1", "type": "rectanglelabels", "from_name": "label", "to_name": "image", "original_width": 100, "original_height": 50,
                       "value": {"x": 10, "y": 10, "width": 20, "height": 20, "rotation": 0, "rectanglelabels": ["car", "bus"]}},
                      {"id": "r1", "type": "choices", "from_name": "colour", "to_name": "image", "value": {"choices": ["red"]}},
                      {"id": "r1", "type": "textarea", "from_name": "note", "to_name": "image", "value": {"text": ["dented"]}},
                      {"id": "r2", "type": "brushlabels", "value": {"format": "rle", "rle": [1, 2, 3], "brushlabels": ["car"]}},
                      {"id": "r3", "type": "choices", "from_name": "weather", "to_name": "image", "value": {"choices": ["rain", "fog"]}},
                      {"id": "r4", "type": "polygonlabels", "value": {"points": [[0, 0], [10, 0], [10, 10]], "closed": false, "polygonlabels": ["lane"]},
                       "original_width": 100, "original_height": 50},
                      {"id": "r5", "type": "rectanglelabels", "value": {"x": 1, "y": 1, "width": 1, "height": 1, "rectanglelabels": ["car"]}},
                      {"id": "r6", "type": "labels", "value": {"start": 0, "end": 3, "labels": ["PER"]}}
                    ]}]}]
                """);
        try (StoredProject p = Fixtures.project(tmp, "odd")) {
            ImportReport r = importFiles(p, List.of(f));
            assertEquals(List.of("task 5: annotation 9 was cancelled (skipped) in Label Studio; not imported",
                    "task 5, annotation 10, result r1: 2 labels [car, bus]; only the first is kept",
                    "task 5, annotation 10, result r5: no original_width/original_height to turn percent into pixels; skipped",
                    "brush masks (Label Studio's own RLE) are not imported; export them as COCO or PNG masks instead (1 times)",
                    "drafts are not imported (1 times)",
                    "results of type 'labels' have no place in an image annotation and were not imported (1 times)"),
                    r.problems().stream().map(ImportReport.Problem::message).toList());
            List<Annotation> anns = Fixtures.annotations(p, "a.png", "labelstudio-user-3");
            assertEquals(List.of("image.bbox car", "image.tag rain", "image.tag fog", "image.polyline lane"),
                    anns.stream().map(a -> a.typeId() + " " + a.label()).toList());
            assertEquals(Map.of("colour", "red", "note", "dented"), anns.get(0).attributes());
            assertEquals(new BoundingBox(10, 5, 20, 10), Fixtures.shape(anns.get(0)));
            assertEquals(new Polyline(List.of(0.0, 0.0, 10.0, 0.0, 10.0, 5.0)), Fixtures.shape(anns.get(3)));
        }
    }

    @Test
    void aCocoFileOrBrokenJsonFailsNamingTheFile() throws Exception {
        Path coco = Fixtures.copy("labelstudio_sdk", tmp).resolve("test_import_coco_coco_import_input.json");
        Path broken = Files.writeString(tmp.resolve("broken.json"), "[{\"data\": {\"image\": \"a.png\"},\n \"annotations\": [}]");
        try (StoredProject p = Fixtures.project(tmp, "bad")) {
            IOException e = assertThrows(IOException.class, () -> importFiles(p, List.of(coco)));
            assertEquals(coco + ": not a Label Studio JSON export: expected a list of tasks, found an object with [categories, images, annotations]",
                    e.getMessage());
            IOException e2 = assertThrows(IOException.class, () -> importFiles(p, List.of(broken)));
            assertTrue(e2.getMessage().startsWith(broken + ": not valid JSON at line 2"), e2.getMessage());
            assertEquals(0, new LabelStudioImporter().accepts(coco));
        }
    }

    @Test
    void exportThenImportGivesTheSameShapesPerAnnotator() throws Exception {
        Path ls = Fixtures.copy("labelstudio", tmp);
        Path sdk = Fixtures.copy("labelstudio_sdk", tmp);
        Path out = tmp.resolve("out/tasks.json");
        Map<String, List<String>> before;
        try (StoredProject a = Fixtures.project(tmp, "a")) {
            importFiles(a, List.of(ls.resolve("test_export_yolo_data.json"), sdk.resolve("test_export_coco_data.json"),
                    sdk.resolve("test_export_yolo_data_keypoints.json")));
            ImportReport extra = importFiles(a, List.of(ls.resolve("test_export_yolo_data_obb.json")));
            assertEquals(List.of(), extra.problems());
            ExportReport r = new LabelStudioExporter().exportWithReport(a, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(List.of(), r.problems());
            assertEquals(5, r.itemsWritten());
            before = Fixtures.comparable(a);
        }
        try (StoredProject b = Fixtures.project(tmp, "b")) {
            ImportReport r = importFiles(b, List.of(out));
            assertEquals(List.of(), r.problems());
            assertEquals(before, Fixtures.comparable(b));
        }
    }

    @Test
    void exportReportsWhatLabelStudioCannotHold() throws Exception {
        Path out = tmp.resolve("ls.json");
        try (StoredProject a = Fixtures.project(tmp, "shapes")) {
            AnnotationSet set = AnnotationSet.start("mira", 0);
            set.insert(-1, Annotation.create("m", "image.mask", "sky", new Mask(2, 2, new int[] {0, 4}).toPayload(), "mira"));
            set.insert(-1, Annotation.create("p", "image.polygon", "road",
                    new Polygon(List.of(0.0, 0.0, 4.0, 0.0, 2.0, 2.0), List.of(List.of(1.0, 0.5, 2.0, 0.5, 1.5, 1.0))).toPayload(), "mira"));
            set.insert(-1, Annotation.create("k", "image.keypoints", "face", new Keypoints(List.of(1.0, 1.0, 2.0, 2.0, 2.0, 1.0, 0.0, 0.0, 0.0), "", "")
                    .toPayload(), "mira"));
            set.insert(-1, Annotation.create("t", "image.tag", "day", new Tag().toPayload(), "mira"));
            a.saveItem(new Item("a", "", List.of(new Asset("a.png", "image", "", Map.of("width", 4, "height", 2))), Map.of(), null, List.of(set)));
            a.saveItem(new Item("b", "", List.of(new Asset("b.png", "image", "", Map.of())), Map.of(), null, List.of(AnnotationSet.start("mira", 0))));
            ExportReport r = new LabelStudioExporter().exportWithReport(a, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(List.of(new ExportReport.Problem("a", "masks are not written to Label Studio (its brush RLE is not supported): 'm' left out"),
                    new ExportReport.Problem("a", "Label Studio polygons have no holes: only the outer ring of 'p' was written"),
                    new ExportReport.Problem("a", "Label Studio keypoints are single points: 'k' was split into 2 points"),
                    new ExportReport.Problem("a", "Label Studio keypoints have no visibility: hidden point 1 of 'k' was written as visible"),
                    new ExportReport.Problem("b", "the image size is unknown, so percent coordinates cannot be written; the task has no results")),
                    r.problems());
            assertEquals(2, r.itemsWritten());
        }
        try (StoredProject b = Fixtures.project(tmp, "back")) {
            importFiles(b, List.of(out));
            List<Shape> shapes = Fixtures.annotations(b, "a.png", "mira").stream().map(Fixtures::shape).toList();
            assertEquals(List.of(new Polygon(List.of(0.0, 0.0, 4.0, 0.0, 2.0, 2.0)), new Keypoints(List.of(1.0, 1.0, 2.0), "", ""),
                    new Keypoints(List.of(2.0, 2.0, 2.0), "", ""), new Tag()), shapes);
        }
    }
}
