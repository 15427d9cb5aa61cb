package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.io.YoloExporter;
import dev.vellum.modality.image.io.YoloImporter;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.model.Tag;

/** YOLO import against datumaro's Darknet dataset and Label Studio's Ultralytics one, and export round trips. */
class YoloTest {
    @TempDir
    Path tmp;

    private static ImportReport importFiles(StoredProject p, List<Path> files) throws Exception {
        return new YoloImporter().importFiles(p, files, "mira", Progress.NONE);
    }

    private static void assertBox(double x, double y, double w, double h, Shape s) {
        BoundingBox b = (BoundingBox) s;
        double eps = 1e-3;
        assertTrue(Math.abs(b.x() - x) < eps && Math.abs(b.y() - y) < eps && Math.abs(b.width() - w) < eps && Math.abs(b.height() - h) < eps,
                "expected " + x + "," + y + " " + w + "x" + h + ", found " + b);
    }

    @Test
    void darknetLayoutOfDatumaroGivesTwoBoxesInPixels() throws Exception {
        Path root = Fixtures.copy("yolo_datumaro", tmp);
        try (StoredProject p = Fixtures.project(tmp, "dk")) {
            ImportReport r = importFiles(p, List.of(root));
            assertEquals(List.of(), r.problems());
            assertEquals(1, r.itemsAdded());
            assertEquals(2, r.annotationsAdded());
            Item item = p.loadItem("obj_train_data_1.jpg");
            assertEquals("obj_train_data/1.jpg", item.assets().get(0).uri());
            assertEquals(15, item.assets().get(0).metadata().get("width"), "read from the JPEG header");
            assertEquals(10, item.assets().get(0).metadata().get("height"));
            List<Annotation> anns = Fixtures.annotations(p, "obj_train_data_1.jpg", "mira");
            assertEquals(List.of("label_2", "label_4"), anns.stream().map(Annotation::label).toList());
            assertBox(0, 2, 4, 2, Fixtures.shape(anns.get(0)));
            assertBox(3, 3, 2, 3, Fixtures.shape(anns.get(1)));
            assertEquals(10, p.project().schema("image").orElseThrow().classes().size(), "every name of obj.names");
            assertEquals("label_0", p.project().schema("image").orElseThrow().classes().get(0).name());
        }
    }

    @Test
    void ultralyticsLayoutOfLabelStudioFindsImagesBesideTheLabelsFolder() throws Exception {
        Path root = Fixtures.copy("yolo_labelstudio", tmp);
        try (StoredProject p = Fixtures.project(tmp, "ul")) {
            ImportReport r = importFiles(p, List.of(root));
            assertEquals(List.of(), r.problems());
            assertEquals(2, r.itemsAdded());
            assertEquals(7, r.annotationsAdded());
            assertEquals(List.of("images_img_1.jpg", "images_img_5.jpg"), p.project().itemIds().stream().sorted().toList());
            Item one = p.loadItem("images_img_1.jpg");
            assertEquals(640, one.assets().get(0).metadata().get("width"));
            assertEquals(329, one.assets().get(0).metadata().get("height"));
            List<Annotation> anns = Fixtures.annotations(p, "images_img_1.jpg", "mira");
            assertEquals(List.of("bus", "number", "closed_door", "closed_door"), anns.stream().map(Annotation::label).toList());
            // 2 0.49765625 0.46200607902735563 0.9640625 0.8693009118541033 on 640 x 329
            assertBox(10, 9, 617, 286, Fixtures.shape(anns.get(0)));
            assertEquals(List.of("closed_door", "opened_door", "bus", "number"),
                    p.project().schema("image").orElseThrow().classes().stream().map(LabelClass::name).toList());
            assertEquals(3, Fixtures.annotations(p, "images_img_5.jpg", "mira").size());
        }
    }

    @Test
    void aSingleLabelFileFindsItsClassesAboveAndItsImageInImages() throws Exception {
        Path root = Fixtures.copy("yolo_labelstudio", tmp);
        try (StoredProject p = Fixtures.project(tmp, "one")) {
            ImportReport r = importFiles(p, List.of(root.resolve("labels/img_5.txt")));
            assertEquals(List.of(), r.problems());
            assertEquals(List.of("images_img_5.jpg"), p.project().itemIds());
            assertEquals(List.of("bus", "closed_door", "bus"), Fixtures.annotations(p, "images_img_5.jpg", "mira").stream().map(Annotation::label).toList());
        }
    }

    @Test
    void aMissingImageIsReportedForItsLabelFile() throws Exception {
        Path root = Fixtures.copy("yolo_labelstudio", tmp);
        Files.delete(root.resolve("images/img_5.jpg"));
        try (StoredProject p = Fixtures.project(tmp, "missing")) {
            ImportReport r = importFiles(p, List.of(root));
            assertEquals(1, r.problems().size(), r.problems().toString());
            assertEquals(root.resolve("labels/img_5.txt").toString(), r.problems().get(0).file());
            assertTrue(r.problems().get(0).message().startsWith("no image found for this label file"), r.problems().get(0).message());
            assertTrue(r.problems().get(0).message().endsWith("its 3 objects were skipped"));
            assertEquals(1, r.itemsAdded());
        }
    }

    @Test
    void badLinesAreReportedWithFileAndLineAndTheRestIsKept() throws Exception {
        Path root = Fixtures.copy("yolo_datumaro", tmp);
        Path labels = root.resolve("obj_train_data/1.txt");
        Files.writeString(labels, "2 0.5 0.5 0.2 0.2\nx 0.1 0.1 0.1 0.1\n12 0.5 0.5 0.1 0.1\n3 0.5 0.5\n1 0.1 0.1 0.9 0.1 0.5 0.9\n");
        try (StoredProject p = Fixtures.project(tmp, "bad")) {
            ImportReport r = importFiles(p, List.of(root));
            assertEquals(List.of("line 2: 'x 0.1 0.1 0.1 0.1' is not 'class numbers...' with a whole class number; skipped",
                    "line 3: class 12 is not in obj.names (10 classes); skipped",
                    "line 4: 2 numbers after the class are neither a box (4) nor a polygon (an even count of at least 6); skipped"),
                    r.problems().stream().map(ImportReport.Problem::message).toList());
            assertTrue(r.problems().stream().allMatch(pr -> pr.file().equals(labels.toString())));
            List<Annotation> anns = Fixtures.annotations(p, "obj_train_data_1.jpg", "mira");
            assertEquals(List.of("image.bbox", "image.polygon"), anns.stream().map(Annotation::typeId).toList());
            assertEquals(new Polygon(List.of(1.5, 1.0, 13.5, 1.0, 7.5, 9.0)), Fixtures.shape(anns.get(1)));
        }
        IOException e = assertThrows(IOException.class, () -> {
            try (StoredProject p = Fixtures.project(tmp, "none")) {
                importFiles(p, List.of(tmp.resolve("nowhere")));
            }
        });
        assertTrue(e.getMessage().startsWith(tmp.resolve("nowhere") + ": "), e.getMessage());
        Path notUtf8 = root.resolve("obj_train_data/2.txt");
        Files.write(notUtf8, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        IOException e2 = assertThrows(IOException.class, () -> {
            try (StoredProject p = Fixtures.project(tmp, "binary")) {
                importFiles(p, List.of(notUtf8));
            }
        });
        assertTrue(e2.getMessage().startsWith(notUtf8 + ": not a YOLO label file"), e2.getMessage());
    }

    @Test
    void exportThenImportGivesTheSameBoxes() throws Exception {
        Path root = Fixtures.copy("yolo_labelstudio", tmp);
        Path out = tmp.resolve("out");
        Map<String, List<String>> before;
        try (StoredProject a = Fixtures.project(tmp, "a")) {
            importFiles(a, List.of(root));
            ExportReport r = new YoloExporter().exportWithReport(a, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(2, r.itemsWritten());
            assertEquals(List.of(), r.problems());
            before = Fixtures.comparable(a);
        }
        assertEquals("closed_door\nopened_door\nbus\nnumber\n", Files.readString(out.resolve("classes.txt")));
        assertTrue(Files.readString(out.resolve("labels/img_1.txt")).startsWith("2 0.4976562"));
        // The user puts the images beside the labels, as a YOLO trainer expects them.
        Files.createDirectories(out.resolve("images"));
        Files.copy(root.resolve("images/img_1.jpg"), out.resolve("images/img_1.jpg"));
        Files.copy(root.resolve("images/img_5.jpg"), out.resolve("images/img_5.jpg"));
        try (StoredProject b = Fixtures.project(tmp, "b")) {
            ImportReport r = importFiles(b, List.of(out));
            assertEquals(List.of(), r.problems());
            assertEquals(before, Fixtures.comparable(b));
        }
    }

    @Test
    void exportReportsWhatYoloCannotHoldAndWritesPolygonsNormalized() throws Exception {
        Path image = tmp.resolve("media/a.png");
        Files.createDirectories(image.getParent());
        ImageIO.write(new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        Path out = tmp.resolve("out");
        try (StoredProject a = Fixtures.project(tmp, "shapes")) {
            AnnotationSet set = AnnotationSet.start("mira", 0);
            set.insert(-1, Annotation.create("b", "image.bbox", "car", new BoundingBox(4, 2, 8, 4).toPayload(), "mira"));
            set.insert(-1, Annotation.create("p", "image.polygon", "road",
                    new Polygon(List.of(0.0, 0.0, 40.0, 0.0, 20.0, 20.0), List.of(List.of(10.0, 2.0, 20.0, 2.0, 15.0, 5.0))).toPayload(), "mira"));
            set.insert(-1, Annotation.create("r", "image.rbox", "car", new RotatedBox(20, 10, 10, 4, 90).toPayload(), "mira"));
            set.insert(-1, Annotation.create("l", "image.polyline", "lane", new Polyline(List.of(0.0, 0.0, 4.0, 4.0)).toPayload(), "mira"));
            set.insert(-1, Annotation.create("t", "image.tag", "day", new Tag().toPayload(), "mira"));
            // No width/height metadata: the exporter reads the size from the file.
            a.saveItem(new Item("a", "", List.of(new Asset(image.toString(), "image", "", Map.of())), Map.of(), null, List.of(set)));
            ExportReport r = new YoloExporter().exportWithReport(a, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(1, r.itemsWritten());
            assertEquals(List.of("YOLO polygons have no holes: only the outer ring of 'p' was written",
                    "YOLO has no rotated boxes: 'r' was written as a 4-point polygon",
                    "YOLO cannot hold image.polyline annotations: 'l' was not written", "YOLO cannot hold image.tag annotations: 't' was not written"),
                    r.problems().stream().map(ExportReport.Problem::message).toList());
            assertTrue(r.problems().stream().allMatch(pr -> pr.item().equals("a")));
        }
        String labels = Files.readString(out.resolve("labels").resolve(Path.of(image.toString().substring(1)).toString().replace(".png", ".txt")));
        String[] lines = labels.split("\n");
        assertEquals(3, lines.length);
        assertEquals("0 0.2 0.2 0.2 0.2", lines[0]);
        assertEquals("3 0 0 1 0 0.5 1", lines[1], "road is the 4th label: car, day, lane, road");
        assertEquals(image.toAbsolutePath().toString(), Files.readString(out.resolve("train.txt")).trim(), "the image list names the local file");
        try (StoredProject b = Fixtures.project(tmp, "back")) {
            ImportReport r = importFiles(b, List.of(out));
            assertEquals(List.of(), r.problems());
            List<Annotation> anns = b.loadItem(b.project().itemIds().get(0)).set("mira").orElseThrow().annotations();
            assertEquals(new BoundingBox(4, 2, 8, 4), Fixtures.shape(anns.get(0)));
            assertEquals(new Polygon(List.of(0.0, 0.0, 40.0, 0.0, 20.0, 20.0)), Fixtures.shape(anns.get(1)));
            assertEquals(List.of(22.0, 5.0, 22.0, 15.0, 18.0, 15.0, 18.0, 5.0),
                    ((Polygon) Fixtures.shape(anns.get(2))).points().stream().map(d -> (double) Math.round(d * 1e6) / 1e6).toList());
        }
    }
}
