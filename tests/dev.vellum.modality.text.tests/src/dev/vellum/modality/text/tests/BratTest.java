package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.io.BratExporter;
import dev.vellum.modality.text.io.BratImporter;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Span;

/** brat standoff against DKPro Core's and brat's own example files, round trips, and malformed lines. */
class BratTest {
    @TempDir
    Path tmp;

    private static ImportReport importFiles(StoredProject p, List<Path> files) throws Exception {
        return new BratImporter().importFiles(p, files, "mira", Progress.NONE);
    }

    private static ExportReport export(StoredProject p, Path out) throws Exception {
        return new BratExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
    }

    private static String describe(Annotation a) {
        if (a.typeId().equals(Span.TYPE)) {
            Span s = Span.fromPayload(a.payload());
            return a.id() + " " + a.label() + " " + s.start() + "-" + s.end() + " '" + s.text() + "'" + (a.attributes().isEmpty() ? "" : " " + a.attributes());
        }
        Relation r = Relation.fromPayload(a.payload());
        return a.id() + " " + a.label() + " " + r.from() + "->" + r.to() + (a.attributes().isEmpty() ? "" : " " + a.attributes());
    }

    @Test
    void dkproDocumentsGiveEntitiesRelationsAndNotesAndReportEvents() throws Exception {
        Path root = StandoffFixtures.copy("brat_dkpro", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "dk")) {
            ImportReport r = importFiles(p, List.of(root));
            assertEquals(3, r.itemsAdded());
            assertEquals(5 + 5 + 2, r.annotationsAdded());
            assertEquals(List.of("document0b", "document1", "event"), p.project().itemIds().stream().sorted().toList());

            assertEquals(List.of("T1 Organization 0-4 'Sony' {note=This is a named entity.}", "T2 MERGE-ORG 14-27 'joint venture'",
                    "T3 Organization 33-41 'Ericsson'", "T4 Country 75-81 'Sweden'", "R1 Origin T3->T4 {note=This is a relation.}"),
                    StandoffFixtures.annotations(p, "document1", "mira").stream().map(BratTest::describe).toList());
            assertEquals(List.of("T1 Speaker 19-23 'John'", "T2 Quote 0-13 '\"I am hungry\"'"),
                    StandoffFixtures.annotations(p, "event", "mira").stream().map(BratTest::describe).toList());
            List<Annotation> tokens = StandoffFixtures.annotations(p, "document0b", "mira");
            assertEquals(List.of("This", "is", "a", "test", "."), tokens.stream().map(a -> Span.fromPayload(a.payload()).text()).toList());
            assertEquals("de-tudarmstadt-ukp-dkpro-core-api-segmentation-type-Token", tokens.get(0).label());
            assertEquals("This is a test.", StandoffFixtures.text(p, p.loadItem("document0b")), "no line break added");

            List<String> problems = r.problems().stream().map(x -> Path.of(x.file()).getFileName() + ": " + x.message()).toList();
            assertEquals(List.of("document0b.ann: 5 event(s) (E1, E2, E3, E4, E5) were not mapped: Vellum has no events; their trigger entities are kept as spans",
                    "document1.ann: line 8: the note on E1, an event, was not mapped: 'This is an event.'",
                    "document1.ann: 1 event(s) (E1) were not mapped: Vellum has no events; their trigger entities are kept as spans",
                    "event.ann: 1 event(s) (E1) were not mapped: Vellum has no events; their trigger entities are kept as spans"), problems);
            List<String> labels = p.project().schema("text").orElseThrow().classes().stream().map(LabelClass::name).toList();
            assertTrue(labels.containsAll(List.of("Organization", "MERGE-ORG", "Country", "Origin", "Speaker", "Quote")), labels.toString());
        }
    }

    @Test
    void brat_sConllSampleTakesItsSchemaFromAnnotationConfAndWritesBackTheSameFiles() throws Exception {
        Path root = StandoffFixtures.copy("brat_nlplab", tmp);
        Path doc = root.resolve("CoNLL-ST_2002");
        try (StoredProject p = StandoffFixtures.project(tmp, "conll")) {
            ImportReport r = importFiles(p, List.of(doc.resolve("CoNLL-ST_2002_esp_esp.train-doc-100.ann")));
            assertEquals(List.of(), r.problems());
            assertEquals(75, r.annotationsAdded());
            String id = "CoNLL-ST_2002_esp_esp.train-doc-100";
            List<Annotation> anns = StandoffFixtures.annotations(p, id, "mira");
            assertEquals("T16 ORG 869-875 'España'", describe(anns.get(15)));
            assertEquals("T57 PER 3412-3423 'Raúl Lozano'", describe(anns.get(56)));
            assertEquals(List.of("ORG", "PER", "LOC", "MISC"), p.project().schema("text").orElseThrow().classes().stream().map(LabelClass::name).toList(),
                    "the order of annotation.conf");

            Path out = tmp.resolve("out");
            ExportReport e = export(p, out);
            assertEquals(List.of(), e.problems());
            assertEquals(Files.readString(doc.resolve(id + ".ann")), Files.readString(out.resolve(id + ".ann")), "byte for byte");
            assertEquals(Files.readString(doc.resolve(id + ".txt")), Files.readString(out.resolve(id + ".txt")));
            String conf = Files.readString(out.resolve("annotation.conf"));
            assertTrue(conf.contains("[entities]\n\nORG\nPER\nLOC\nMISC\n"), conf);
        }
    }

    @Test
    void theBioNlpDocumentKeepsItsEntitiesAndReportsEventsAndEquivalences() throws Exception {
        Path root = StandoffFixtures.copy("brat_nlplab", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "epi")) {
            ImportReport r = importFiles(p, List.of(root));
            assertEquals(2, r.itemsAdded(), "both documents of the folder");
            String id = "BioNLP-ST_2011_EPI_BioNLP-ST_2011_BioNLP-ST_2011_EPI_PMID-18286479";
            List<Annotation> anns = StandoffFixtures.annotations(p, id, "mira");
            assertEquals(41, anns.size());
            assertEquals("T35 Ubiquitination 21-40 'multiubiquitination'", describe(anns.get(0)));
            assertTrue(anns.stream().map(BratTest::describe).toList().contains("T3 Protein 48-83 'insulin-like growth factor receptor'"));
            List<String> problems = r.problems().stream().map(ImportReport.Problem::message).toList();
            assertEquals(List.of("7 event(s) (E1, E2, E3, E4, E5, E6, E7) were not mapped: Vellum has no events; their trigger entities are kept as spans",
                    "2 equivalence(s) (*) were not mapped"), problems);
            assertEquals(root.resolve("BioNLP-ST_2011_EPI/BioNLP-ST_2011_BioNLP-ST_2011_EPI_PMID-18286479.ann").toString(), r.problems().get(0).file());
        }
    }

    @Test
    void attributesDiscontinuousEntitiesAndMalformedLinesNameFileAndLine() throws Exception {
        Path dir = tmp.resolve("doc");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("a.txt"), "Ana Ruiz met Bo\nLee in \uD83D\uDE00 Oslo.\n");
        Files.writeString(dir.resolve("annotation.conf"), "[entities]\nPER\nLOC\n[relations]\nmet Arg1:PER, Arg2:PER\n[events]\n[attributes]\n"
                + "Negated Arg:<ENTITY>\nConfidence Arg:PER, Value:Low|High\n");
        Files.writeString(dir.resolve("a.ann"), String.join("\n",
                "T1\tPER 0 3;4 8\tAna Ruiz", // discontinuous across a space: reported, covering span
                "T2\tPER 13 15;16 19\tBo Lee", // split at a line break: joined silently
                "T3\tLOC 25 29\tOslo", // after the emoji: code points
                "A1\tNegated T3",
                "A2\tConfidence T1 High",
                "M3\tConfidence T9 Low",
                "R1\tmet Arg1:T1 Arg2:T2",
                "T4\tPER 0\tAna",
                "T5\tPER 10 99\tx",
                "X1\twhat",
                "R2\tmet Arg1:T1 Arg2:T7",
                "T6\tLOC 25 29\tOsl0",
                "N1\tReference T3 Wikipedia:123\tOslo") + "\n");
        try (StoredProject p = StandoffFixtures.project(tmp, "attrs")) {
            ImportReport r = importFiles(p, List.of(dir.resolve("a.txt")));
            List<String> problems = r.problems().stream().map(ImportReport.Problem::message).toList();
            assertEquals(List.of(
                    "line 1: entity T1 is discontinuous (0 3;4 8); Vellum has no discontinuous spans, so it became the span 0-8 covering its fragments",
                    "line 8: offsets '0' are not '<start> <end>'; the line was skipped",
                    "line 9: offsets 10-99 are outside the text (31 characters) or end before they start; the line was skipped",
                    "line 10: 'X1' is no brat annotation id (T, R, E, A, M, N, # or *); the line was skipped",
                    "line 12: entity T6 text 'Osl0' differs from the document's characters 25-29 ('Oslo'); the offsets were kept",
                    "line 11: relation R2 (met) connects T1 and T7, which are not both entities of this file; skipped",
                    "line 6: attribute Confidence of T9, which is missing, was not mapped",
                    "1 normalization(s) (N) were not mapped"), problems);
            assertTrue(r.problems().stream().allMatch(x -> x.file().equals(dir.resolve("a.ann").toString())), "each names the .ann file");
            List<Annotation> anns = StandoffFixtures.annotations(p, "a", "mira");
            assertEquals(List.of("T1 PER 0-8 'Ana Ruiz' {Confidence=High}", "T2 PER 13-19 'Bo\nLee'", "T3 LOC 25-29 'Oslo' {Negated=true}",
                    "T6 LOC 25-29 'Oslo'", "R1 met T1->T2"), anns.stream().map(BratTest::describe).toList());
            LabelSchema schema = p.project().schema("text").orElseThrow();
            assertEquals(List.of("PER", "LOC", "met"), schema.classes().stream().map(LabelClass::name).toList());
            assertEquals(List.of(new AttributeDef("Negated", AttributeType.BOOLEAN, List.of(), false),
                    new AttributeDef("Confidence", AttributeType.CHOICE, List.of("Low", "High"), false)), schema.labelClass("PER").orElseThrow().attributes());
            assertEquals(List.of("Negated"), schema.labelClass("LOC").orElseThrow().attributes().stream().map(AttributeDef::name).toList());
        }
    }

    private static Annotation span(String id, String label, Map<String, Object> attrs, String text, int start, int end) {
        int s = text.offsetByCodePoints(0, start), e = text.offsetByCodePoints(0, end);
        return new Annotation(id, Span.TYPE, label, attrs, 1, new Span(start, end, text.substring(s, e)).toPayload(), Provenance.HUMAN, "ana",
                Instant.now(), null);
    }

    @Test
    void aVellumDocumentRoundTripsThroughBrat() throws Exception {
        String text = "\uD83D\uDE00 Ana Ruiz\nworks at ACME.\n";
        try (StoredProject p = StandoffFixtures.project(tmp, "src")) {
            p.documents().write("media/doc.txt", text);
            Item item = new Item("doc", "", List.of(new Asset("media/doc.txt", "text", "", Map.of())), Map.of(), null, null);
            AnnotationSet set = AnnotationSet.start("ana", 0);
            Map<String, Object> attrs = new java.util.LinkedHashMap<>();
            attrs.put("negated", true);
            attrs.put("confidence", "High");
            attrs.put("note", "checked");
            set.insert(-1, span("a", "PER", attrs, text, 2, 10));
            set.insert(-1, span("b", "PER", Map.of(), text, 2, 5));
            set.insert(-1, span("c", "ORG", Map.of(), text, 6, 24)); // "Ruiz\nworks at ACME": over a line break
            set.insert(-1, new Annotation("r", Relation.TYPE, "works_for", Map.of(), 1, new Relation("a", "c").toPayload(), Provenance.HUMAN, "ana",
                    Instant.now(), null));
            item.putSet(set);
            p.saveItem(item);
            Path out = tmp.resolve("brat");
            ExportReport e = export(p, out);
            assertEquals(List.of(), e.problems());
            assertEquals("T1\tPER 2 10\tAna Ruiz\nT2\tPER 2 5\tAna\nT3\tORG 6 10;11 24\tRuiz works at ACME\nR1\tworks_for Arg1:T1 Arg2:T3\t\n"
                    + "A1\tnegated T1\nA2\tconfidence T1 High\n#1\tAnnotatorNotes T1\tchecked\n", Files.readString(out.resolve("doc.ann")));
            assertEquals(text, Files.readString(out.resolve("doc.txt")));
            try (StoredProject q = StandoffFixtures.project(tmp, "back")) {
                ImportReport r = importFiles(q, List.of(out));
                assertEquals(List.of(), r.problems());
                List<String> back = StandoffFixtures.annotations(q, "doc", "mira").stream().map(BratTest::describe).toList();
                assertEquals(List.of("T1 PER 2-10 'Ana Ruiz' {negated=true, confidence=High, note=checked}", "T2 PER 2-5 'Ana'",
                        "T3 ORG 6-24 'Ruiz\nworks at ACME'", "R1 works_for T1->T3"), back);
                assertTrue(q.project().schema("text").orElseThrow().labelClass("PER").isPresent(), "from the exported annotation.conf");
            }
        }
    }

    @Test
    void whatBratCannotHoldIsReported() throws Exception {
        String text = "New York";
        try (StoredProject p = StandoffFixtures.project(tmp, "lossy")) {
            p.documents().write("media/d.txt", text);
            Item item = new Item("d", "", List.of(new Asset("media/d.txt", "text", "", Map.of())), Map.of(), null, null);
            AnnotationSet set = AnnotationSet.start("ana", 0);
            set.insert(-1, span("a", "CITY NAME", Map.of("tags", List.of("x", "y")), text, 0, 8));
            set.insert(-1, span("b", "EMPTY", Map.of(), text, 3, 3));
            item.putSet(set);
            p.saveItem(item);
            ExportReport e = export(p, tmp.resolve("o"));
            assertEquals(List.of("label 'CITY NAME' of 'a' has whitespace or is empty; written as 'CITY_NAME'",
                    "attribute 'tags' of 'a' holds several values; brat holds one, left out",
                    "span 'b' is empty or ends after the text; brat cannot hold it, left out"),
                    e.problems().stream().map(ExportReport.Problem::message).toList());
            assertEquals("T1\tCITY_NAME 0 8\tNew York\n", Files.readString(tmp.resolve("o/d.ann")));
        }
    }
}
