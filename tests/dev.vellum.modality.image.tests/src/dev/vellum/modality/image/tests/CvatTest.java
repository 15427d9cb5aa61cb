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
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.codec.CocoRle;
import dev.vellum.modality.image.io.CvatExporter;
import dev.vellum.modality.image.io.CvatImporter;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Tag;

/** CVAT for images import against datumaro's task and project exports, every shape kind, malformed input, and round trips. */
class CvatTest {
    @TempDir
    Path tmp;

    private static ImportReport importFiles(StoredProject p, List<Path> files) throws Exception {
        return new CvatImporter().importFiles(p, files, "mira", Progress.NONE);
    }

    @Test
    void taskExportGivesShapesAttributesAndTheLabelSchema() throws Exception {
        Path f = Fixtures.copy("cvat_datumaro", tmp).resolve("images_task_train.xml");
        try (StoredProject p = Fixtures.project(tmp, "task")) {
            ImportReport r = importFiles(p, List.of(f));
            // a1's default (false) is what an unset checkbox means anyway, so only the other three are worth a word.
            assertEquals(List.of("label 'label1': CVAT gives its shapes the default values a2 = v1, a3 = 0000, a4 = 0; Vellum's label schema keeps no defaults, so a shape without one of these attributes has it unset",
                    "image 0 (line 43), polyline 2 has no label; imported without one", "image 1 (line 52), polygon 1 has no label; imported without one"),
                    r.problems().stream().map(ImportReport.Problem::message).toList());
            assertEquals(2, r.itemsAdded());
            assertEquals(4, r.annotationsAdded());
            List<Annotation> img0 = Fixtures.annotations(p, "img0.jpg", "mira");
            assertEquals(new BoundingBox(0, 2, 4, 2), Fixtures.shape(img0.get(0)));
            assertEquals("label1", img0.get(0).label());
            assertEquals("{occluded=true, z_order=1, a1=true, a2=v3, a3=0003, a4=2.4}", img0.get(0).attributes().toString());
            assertEquals(Boolean.TRUE, img0.get(0).attributes().get("a1"), "checkbox values are booleans");
            assertEquals(2.4, ((Number) img0.get(0).attributes().get("a4")).doubleValue(), "number values are numbers");
            assertEquals(new Polyline(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0)), Fixtures.shape(img0.get(1)));
            assertEquals("", img0.get(1).label());
            List<Annotation> img1 = Fixtures.annotations(p, "img1.jpg", "mira");
            assertEquals(new Polygon(List.of(1.0, 2.0, 3.0, 4.0, 6.0, 5.0)), Fixtures.shape(img1.get(0)));
            assertEquals(new Keypoints(List.of(1.0, 2.0, 2.0, 3.0, 4.0, 2.0, 5.0, 6.0, 2.0), "", ""), Fixtures.shape(img1.get(1)));
            assertEquals("label2", img1.get(1).label());
            assertEquals(10, p.loadItem("img1.jpg").assets().get(0).metadata().get("width"));
            LabelClass l1 = p.project().schema("image").orElseThrow().labelClass("label1").orElseThrow();
            assertEquals(List.of(new AttributeDef("a1", AttributeType.BOOLEAN, List.of(), false),
                    new AttributeDef("a2", AttributeType.CHOICE, List.of("v1", "v2", "v3"), false), new AttributeDef("a3", AttributeType.TEXT, List.of(), false),
                    new AttributeDef("a4", AttributeType.NUMBER, List.of(), false)), l1.attributes());
        }
    }

    @Test
    void projectExportKeepsEachSubsetApart() throws Exception {
        Path f = Fixtures.copy("cvat_datumaro", tmp).resolve("images_project_annotations.xml");
        try (StoredProject p = Fixtures.project(tmp, "project")) {
            ImportReport r = importFiles(p, List.of(f));
            // The project file declares label1 once; its defaults are reported once, not per subset or attribute.
            assertEquals(List.of("label 'label1': CVAT gives its shapes the default values a2 = v1, a3 = 0000, a4 = 0; Vellum's label schema keeps no defaults, so a shape without one of these attributes has it unset"),
                    r.problems().stream().map(ImportReport.Problem::message).toList());
            assertEquals(6, r.itemsAdded(), "img0 and img1 in each of three subsets");
            assertEquals(12, r.annotationsAdded());
            assertEquals(List.of("Test_img0.jpg", "Test_img1.jpg", "Train_img0.jpg", "Train_img1.jpg", "Validation_img0.jpg", "Validation_img1.jpg"),
                    p.project().itemIds().stream().sorted().toList());
            Item item = p.loadItem("Validation_img1.jpg");
            assertEquals("Validation", item.dataset());
            assertEquals("img1.jpg", item.assets().get(0).uri());
            assertEquals(List.of("label1", "label2"), Fixtures.annotations(p, "Train_img0.jpg", "mira").stream().map(Annotation::label).toList());
        }
    }

    @Test
    void defaultsAreReportedOncePerLabelAndOnlyWhenTheyMeanAValue() throws Exception {
        Path dir = Fixtures.copy("cvat_datumaro", tmp);
        Path own = Files.writeString(tmp.resolve("own.xml"), """
                <annotations><version>1.1</version><meta><task><labels>
                  <label><name>car</name><attributes>
                    <attribute><name>kind</name><input_type>select</input_type><default_value>__undefined__</default_value>
                      <values>__undefined__
                sedan
                van</values></attribute>
                    <attribute><name>parked</name><input_type>checkbox</input_type><default_value>false</default_value><values>false
                true</values></attribute>
                    <attribute><name>note</name><input_type>text</input_type><default_value></default_value><values></values></attribute>
                  </attributes></label>
                </labels></task></meta>
                <image id="0" name="a.png" width="4" height="4">
                  <box label="car" occluded="0" xtl="0" ytl="0" xbr="2" ybr="2"><attribute name="kind">__undefined__</attribute><attribute name="parked">false</attribute></box>
                  <box label="car" occluded="0" xtl="1" ytl="1" xbr="2" ybr="2"><attribute name="kind">van</attribute></box>
                </image></annotations>
                """);
        try (StoredProject p = Fixtures.project(tmp, "defaults")) {
            ImportReport r = importFiles(p, List.of(dir.resolve("images_task_train.xml"), dir.resolve("images_project_annotations.xml"), own));
            List<String> defaults = r.problems().stream().map(ImportReport.Problem::message).filter(m -> m.contains("default")).toList();
            assertEquals(List.of("label 'label1': CVAT gives its shapes the default values a2 = v1, a3 = 0000, a4 = 0; Vellum's label schema keeps no defaults, so a shape without one of these attributes has it unset"),
                    defaults, "one line for label1 over both files; none for car, whose defaults all mean unset");
            List<Annotation> cars = Fixtures.annotations(p, "a.png", "mira");
            assertEquals(Map.of("parked", false), cars.get(0).attributes(), "__undefined__ is CVAT's 'no value'");
            assertEquals(Map.of("kind", "van"), cars.get(1).attributes());
            assertEquals(new AttributeDef("kind", AttributeType.CHOICE, List.of("sedan", "van"), false),
                    p.project().schema("image").orElseThrow().labelClass("car").orElseThrow().attributes().get(0));
        }
    }

    private static final String ALL_SHAPES = """
            <?xml version="1.0" encoding="utf-8"?>
            <annotations>
              <version>1.1</version>
              <meta><task><labels>
                <label><name>car</name><color>#ff0000</color><attributes/></label>
                <label><name>person</name><type>skeleton</type></label>
              </labels></task></meta>
              <image id="7" name="dir/a.png" width="6" height="4">
                <box label="car" occluded="0" xtl="1" ytl="1" xbr="5" ybr="3" rotation="30" z_order="0" group_id="2"/>
                <mask label="car" source="manual" occluded="0" rle="1, 2, 3, 2" left="2" top="1" width="4" height="2" z_order="0" group_id="2"/>
                <tag label="day" source="manual"/>
                <ellipse label="car" cx="3" cy="2" rx="1" ry="1"/>
                <skeleton label="person"><points label="nose" points="1,1"/></skeleton>
                <polygon label="car" points="1,1;2"/>
              </image>
              <track id="0" label="car"><box frame="0" xtl="1" ytl="1" xbr="2" ybr="2" outside="0" occluded="0" keyframe="1"/></track>
            </annotations>
            """;

    @Test
    void rotatedBoxesMasksTagsAndGroupsAreReadAndTheRestReported() throws Exception {
        Path f = Files.writeString(tmp.resolve("all.xml"), ALL_SHAPES);
        try (StoredProject p = Fixtures.project(tmp, "all")) {
            ImportReport r = importFiles(p, List.of(f));
            assertEquals(List.of("image 7 (line 8), polygon 6: point '2' is not x,y; skipped", "<ellipse> has no place in Vellum and was not imported (1 times)",
                    "<skeleton> has no place in Vellum and was not imported (1 times)",
                    "<track> (video annotation; use a video format) has no place in Vellum and was not imported (1 times)",
                    "skeleton label 'person' has no place in Vellum and was not imported (1 times)"),
                    r.problems().stream().map(ImportReport.Problem::message).toList());
            assertTrue(r.problems().stream().allMatch(pr -> pr.file().equals(f.toString())));
            List<Annotation> anns = Fixtures.annotations(p, "dir_a.png", "mira");
            assertEquals(3, anns.size());
            assertEquals(new RotatedBox(3, 2, 4, 2, 30), Fixtures.shape(anns.get(0)));
            boolean[] px = new boolean[6 * 4];
            for (int[] xy : new int[][] {{3, 1}, {4, 1}, {4, 2}, {5, 2}}) {
                px[xy[0] * 4 + xy[1]] = true;
            }
            assertEquals(new Mask(4, 6, CocoRle.fromMask(px)), Fixtures.shape(anns.get(1)), "CVAT's row runs inside the box, as a full-image mask");
            assertEquals("cvat.g2", anns.get(0).attributes().get("group"));
            assertEquals(anns.get(0).attributes().get("group"), anns.get(1).attributes().get("group"));
            assertEquals(new Tag(), Fixtures.shape(anns.get(2)));
            assertEquals("day", anns.get(2).label());
            assertEquals("#ff0000", p.project().schema("image").orElseThrow().labelClass("car").orElseThrow().color());
        }
    }

    @Test
    void malformedFilesFailNamingTheFile() throws Exception {
        Path notCvat = Files.writeString(tmp.resolve("voc.xml"), "<annotation><filename>a.jpg</filename></annotation>");
        Path broken = Files.writeString(tmp.resolve("broken.xml"), "<annotations>\n<image id=\"0\" name=\"a\">\n</annotations>");
        Path badMask = Files.writeString(tmp.resolve("mask.xml"), """
                <annotations><image id="0" name="a.png" width="4" height="4">
                  <mask label="x" rle="1, 2" left="3" top="3" width="2" height="2"/>
                  <mask label="x" rle="1, 2" left="0" top="0" width="2" height="2"/>
                </image></annotations>
                """);
        try (StoredProject p = Fixtures.project(tmp, "bad")) {
            IOException e = assertThrows(IOException.class, () -> importFiles(p, List.of(notCvat)));
            assertEquals(notCvat + ": not a CVAT for images file (the root element is <annotation>, not <annotations>)", e.getMessage());
            IOException e2 = assertThrows(IOException.class, () -> importFiles(p, List.of(broken)));
            assertTrue(e2.getMessage().startsWith(broken + ": not well-formed XML at line 3"), e2.getMessage());
            ImportReport r = importFiles(p, List.of(badMask));
            assertEquals(List.of("image 0 (line 1), mask 1: the mask's box 3,3 2 x 2 is not inside the image 4 x 4; skipped",
                    "image 0 (line 1), mask 2: the runs cover 3 pixels but the mask's box is 2 x 2; skipped"),
                    r.problems().stream().map(ImportReport.Problem::message).toList());
        }
    }

    @Test
    void exportThenImportGivesTheSameShapesAttributesAndSubsets() throws Exception {
        Path dir = Fixtures.copy("cvat_datumaro", tmp);
        Path all = Files.writeString(tmp.resolve("all.xml"), ALL_SHAPES);
        Path out = tmp.resolve("out/annotations.xml");
        Map<String, List<String>> before;
        List<LabelClass> schema;
        try (StoredProject a = Fixtures.project(tmp, "a")) {
            importFiles(a, List.of(dir.resolve("images_task_train.xml"), dir.resolve("images_project_annotations.xml"), all));
            ExportReport r = new CvatExporter().exportWithReport(a, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(9, r.itemsWritten());
            assertEquals(List.of(), r.problems());
            before = Fixtures.comparable(a);
            schema = a.project().schema("image").orElseThrow().classes();
        }
        String xml = Files.readString(out);
        assertTrue(xml.contains("<box label=\"car\" source=\"manual\" occluded=\"0\" xtl=\"1\" ytl=\"1\" xbr=\"5\" ybr=\"3\" rotation=\"30\" z_order=\"0\" group_id=\"1\"/>"), xml);
        assertTrue(xml.contains("rle=\"0, 2, 2, 2\" left=\"3\" top=\"1\" width=\"3\" height=\"2\""), "cropped to the mask's bounds: " + xml);
        try (StoredProject b = Fixtures.project(tmp, "b")) {
            ImportReport r = importFiles(b, List.of(out));
            List<String> messages = r.problems().stream().map(ImportReport.Problem::message).toList();
            assertEquals(2, messages.size(), "Vellum's defaults (unset choice, false checkbox) are not worth a word: " + messages);
            assertEquals(2, messages.stream().filter(m -> m.endsWith("has no label; imported without one")).count(), "the two unlabelled shapes again");
            assertEquals(before, Fixtures.comparable(b));
            assertEquals(schema.stream().map(LabelClass::name).toList(), b.project().schema("image").orElseThrow().classes().stream().map(LabelClass::name).toList());
            assertEquals(schema.get(0).attributes(), b.project().schema("image").orElseThrow().classes().get(0).attributes());
        }
    }
}
