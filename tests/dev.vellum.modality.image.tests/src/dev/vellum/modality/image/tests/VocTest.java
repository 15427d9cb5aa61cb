package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.io.VocExporter;
import dev.vellum.modality.image.io.VocImporter;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;

/** Pascal VOC import against datumaro's VOC dataset and a LabelImg file, malformed input, and export round trips. */
class VocTest {
    @TempDir
    Path tmp;

    private static ImportReport importFiles(StoredProject p, List<Path> files) throws Exception {
        return new VocImporter().importFiles(p, files, "mira", Progress.NONE);
    }

    @Test
    void datumaroFolderGivesBoxesPartsActionsAndTheInstanceMask() throws Exception {
        Path root = Fixtures.copy("voc_datumaro", tmp);
        try (StoredProject p = Fixtures.project(tmp, "voc")) {
            ImportReport r = importFiles(p, List.of(root));
            Path xml = root.resolve("Annotations/2007_000001.xml");
            assertEquals(List.of(new ImportReport.Problem(xml.toString(),
                    "instance 1 is 'bicycle' in SegmentationClass but object 1 is 'cat'; the mask keeps 'bicycle'")), r.problems());
            assertEquals(1, r.itemsAdded(), "2007_000002 has an image but no annotation or segmentation");
            assertEquals(4, r.annotationsAdded());
            Item item = p.loadItem("2007_000001.jpg");
            assertEquals(20, item.assets().get(0).metadata().get("width"));
            assertEquals(10, item.assets().get(0).metadata().get("height"));
            List<Annotation> anns = Fixtures.annotations(p, "2007_000001.jpg", "mira");
            assertEquals(List.of("image.bbox cat", "image.bbox person", "image.bbox head", "image.mask bicycle"),
                    anns.stream().map(a -> a.typeId() + " " + a.label()).toList());
            assertEquals(new BoundingBox(1, 2, 2, 2), Fixtures.shape(anns.get(0)));
            assertEquals(Map.of("group", "voc.1", "truncated", true), anns.get(0).attributes());
            assertEquals(new BoundingBox(4, 5, 2, 2), Fixtures.shape(anns.get(1)));
            Map<?, ?> actions = (Map<?, ?>) anns.get(1).attributes().get("actions");
            assertEquals(11, actions.size());
            assertEquals(true, actions.get("phoning"));
            assertEquals(false, actions.get("jumping"));
            assertEquals(new BoundingBox(5.5, 6, 2, 2), Fixtures.shape(anns.get(2)));
            assertEquals(Map.of("group", "voc.2", "part", true), anns.get(2).attributes());
            Mask m = (Mask) Fixtures.shape(anns.get(3));
            assertEquals(new Mask(10, 20, new int[] {0, 200}), m, "the RGB PNG's instance 1 covers the whole 20 x 10 image");
            assertEquals("voc.1", anns.get(3).attributes().get("group"));
        }
    }

    @Test
    void labelImgFileGivesTenBoxes() throws Exception {
        Path root = Fixtures.copy("voc_labelimg", tmp);
        try (StoredProject p = Fixtures.project(tmp, "li")) {
            ImportReport r = importFiles(p, List.of(root.resolve("C1_P01_N1_S2_1.xml")));
            assertEquals(List.of(), r.problems());
            assertEquals(10, r.annotationsAdded());
            Item item = p.loadItem("C1_P01_N1_S2_1.JPG");
            assertEquals(1363, item.assets().get(0).metadata().get("width"));
            assertEquals(2188, item.assets().get(0).metadata().get("height"));
            List<Annotation> anns = Fixtures.annotations(p, "C1_P01_N1_S2_1.JPG", "mira");
            assertTrue(anns.stream().allMatch(a -> a.label().equals("pack") && a.typeId().equals("image.bbox")));
            assertEquals(new BoundingBox(13, 875, 262, 374), Fixtures.shape(anns.get(0)));
            assertEquals(new BoundingBox(1041, 1564, 211, 355), Fixtures.shape(anns.get(9)));
        }
    }

    @Test
    void malformedXmlAndExternalEntitiesFailNamingTheFile() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.xml"), "<annotation>\n  <object><name>cat</name>\n</annotation>\n");
        Path xxe = Files.writeString(tmp.resolve("xxe.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE annotation [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <annotation><filename>&secret;</filename></annotation>
                """);
        Path other = Files.writeString(tmp.resolve("other.xml"), "<annotations><version>1.1</version></annotations>");
        try (StoredProject p = Fixtures.project(tmp, "bad")) {
            IOException e = assertThrows(IOException.class, () -> importFiles(p, List.of(broken)));
            assertTrue(e.getMessage().startsWith(broken + ": not well-formed XML at line 3"), e.getMessage());
            IOException e2 = assertThrows(IOException.class, () -> importFiles(p, List.of(xxe)));
            assertTrue(e2.getMessage().startsWith(xxe + ": not well-formed XML"), e2.getMessage());
            IOException e3 = assertThrows(IOException.class, () -> importFiles(p, List.of(other)));
            assertEquals(other + ": not a Pascal VOC annotation (the root element is <annotations>, not <annotation>)", e3.getMessage());
            assertEquals(0, p.project().itemCount());
        }
        Path bad = Files.writeString(tmp.resolve("odd.xml"), """
                <annotation><filename>x.png</filename><size><width>10</width><height>10</height></size>
                  <object><name>a</name><bndbox><xmin>5</xmin><ymin>1</ymin><xmax>2</xmax><ymax>3</ymax></bndbox></object>
                  <object><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>3</ymax></bndbox></object>
                  <object><name>b</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>3</ymax></bndbox><point><x>1</x></point></object>
                  <weather>rain</weather>
                </annotation>
                """);
        try (StoredProject p = Fixtures.project(tmp, "odd")) {
            ImportReport r = importFiles(p, List.of(bad));
            assertEquals(List.of("<weather> (line 5) has no place in Vellum and was not kept",
                    "object 1 (line 2): <bndbox> has xmax < xmin or ymax < ymin; no box imported", "object 2 (line 3) has no <name>; skipped",
                    "object 3 (line 4): <point> has no place in Vellum and was not kept"),
                    r.problems().stream().map(ImportReport.Problem::message).toList());
            assertTrue(r.problems().stream().allMatch(pr -> pr.file().equals(bad.toString())));
            assertEquals(1, r.annotationsAdded());
        }
    }

    @Test
    void exportThenImportGivesTheSameBoxesPartsAttributesAndMasks() throws Exception {
        Path root = Fixtures.copy("voc_datumaro", tmp);
        Path out = tmp.resolve("out");
        Map<String, List<String>> before;
        try (StoredProject a = Fixtures.project(tmp, "a")) {
            importFiles(a, List.of(root));
            ExportReport r = new VocExporter().exportWithReport(a, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(1, r.itemsWritten());
            assertEquals(List.of(), r.problems());
            before = Fixtures.comparable(a);
        }
        String xml = Files.readString(out.resolve("Annotations/2007_000001.xml"));
        assertTrue(xml.contains("<part>\n      <name>head</name>"), xml);
        assertTrue(xml.contains("<truncated>1</truncated>"), xml);
        assertTrue(Files.isRegularFile(out.resolve("SegmentationObject/2007_000001.png")));
        assertEquals("2007_000001\n", Files.readString(out.resolve("ImageSets/Segmentation/default.txt")));
        try (StoredProject b = Fixtures.project(tmp, "b")) {
            ImportReport r = importFiles(b, List.of(out));
            assertEquals(1, r.problems().size(), "the same class/object mismatch as the source: " + r.problems());
            assertEquals(before, Fixtures.comparable(b));
        }
    }

    @Test
    void exportReportsWhatVocCannotHold() throws Exception {
        Path out = tmp.resolve("out");
        try (StoredProject a = Fixtures.project(tmp, "shapes")) {
            AnnotationSet set = AnnotationSet.start("mira", 0);
            Map<String, Object> g1 = Map.of("group", "1");
            set.insert(-1, new Annotation("b", "image.bbox", "car", g1, 1, new BoundingBox(1, 1, 4, 4).toPayload(), dev.vellum.core.model.Provenance.HUMAN,
                    "mira", java.time.Instant.now(), null));
            set.insert(-1, new Annotation("r", "image.rbox", "car", g1, 1, new RotatedBox(3, 3, 4, 2, 30).toPayload(),
                    dev.vellum.core.model.Provenance.HUMAN, "mira", java.time.Instant.now(), null));
            set.insert(-1, Annotation.create("p", "image.polygon", "road", new Polygon(List.of(0.0, 0.0, 8.0, 0.0, 4.0, 6.0)).toPayload(), "mira"));
            set.insert(-1, Annotation.create("l", "image.polyline", "lane", new Polyline(List.of(0.0, 0.0, 4.0, 4.0)).toPayload(), "mira"));
            set.insert(-1, Annotation.create("k", "image.keypoints", "face", new Keypoints(List.of(1.0, 1.0, 2.0), "", "").toPayload(), "mira"));
            Map<String, Object> size = new LinkedHashMap<>();
            size.put("width", 10);
            size.put("height", 8);
            a.saveItem(new Item("a", "", List.of(new Asset("photos/a.png", "image", "", size)), Map.of(), null, List.of(set)));
            ExportReport r = new VocExporter().exportWithReport(a, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(List.of("VOC cannot hold image.rbox annotations: 'r' was not written",
                    "VOC has no image.polygon: 'p' was written as its bounding box", "VOC cannot hold image.polyline annotations: 'l' was not written",
                    "VOC cannot hold image.keypoints annotations: 'k' was not written"),
                    r.problems().stream().map(ExportReport.Problem::message).toList());
        }
        String xml = Files.readString(out.resolve("Annotations/photos_a.xml"));
        assertTrue(xml.contains("<filename>photos/a.png</filename>"), xml);
        assertTrue(xml.contains("<name>road</name>") && xml.contains("<xmax>8</xmax>"), xml);
    }
}
