package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.io.HhRlhfExporter;
import dev.vellum.modality.preference.io.ShareGptExporter;
import dev.vellum.modality.preference.io.VellumJsonlExporter;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a pair format cannot hold is reported per item, and the rest is written. */
class LossesTest {
    private static final FormatExporter.Options ALL = new FormatExporter.Options(null, false);
    private static final Instant T = Instant.parse("2026-11-02T09:00:00Z");

    @TempDir
    Path tmp;

    private static Item item(String id, int responses, String annotator, Annotation... anns) {
        List<Response> rs = new java.util.ArrayList<>();
        for (int i = 0; i < responses; i++) {
            rs.add(new Response(String.valueOf((char) ('A' + i)), "answer " + i, Map.of()));
        }
        Comparison c = new Comparison(List.of(new Message("user", "Question " + id)), rs, Map.of());
        return new Item(id, "", List.of(Comparisons.inline(c)), Map.of(), null,
                List.of(new AnnotationSet(annotator, AnnotationState.SUBMITTED, 0, T, T, List.of(anns))));
    }

    private static Annotation pair(String preferred) {
        return new Annotation("p1", "preference.pairwise", "", Map.of(), 1, Map.of("preferred", preferred, "strength", 1, "order", List.of()),
                Provenance.HUMAN, "ann", T, T);
    }

    private static Annotation ranking(Map<String, Object> ranks) {
        return new Annotation("r1", "preference.ranking", "", Map.of(), 1, Map.of("ranks", ranks, "order", List.of()), Provenance.HUMAN, "ann", T, T);
    }

    @Test
    void tiesRankingsOfThreeAndOtherTypesAreReported() throws Exception {
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            Item twoSets = item("e-two-sets", 2, "ann", pair("B"));
            twoSets.putSet(new AnnotationSet("zoe", AnnotationState.IN_PROGRESS, 0, T, T, List.of(pair("A"))));
            p.saveItems(List.of(item("a-tie", 2, "ann", pair("tie")), item("b-both-bad", 2, "ann", pair("both_bad")),
                    item("c-three", 3, "ann", ranking(Map.of("A", 2, "B", 1, "C", 3)),
                            new Annotation("x1", "preference.rationale", "", Map.of(), 1, Map.of("text", "B is right"), Provenance.HUMAN, "ann", T, T)),
                    item("d-top-tie", 3, "ann", ranking(Map.of("A", 1, "B", 1, "C", 2))), twoSets,
                    new Item("f-none", "", List.of(Comparisons.inline(new Comparison(List.of(), List.of(new Response("A", "x", Map.of()),
                            new Response("B", "y", Map.of())), Map.of()))), Map.of(), null, null)));
            Path out = tmp.resolve("hh.jsonl");
            ExportReport e = new HhRlhfExporter().exportWithReport(p, ALL, out, Progress.NONE);
            assertEquals(List.of(new ExportReport.Problem("a-tie", "hh-rlhf cannot hold a tie; the comparison was not written"),
                    new ExportReport.Problem("b-both-bad", "'both bad' has no place in a preference pair; the comparison was not written"),
                    new ExportReport.Problem("b-both-bad", "no pairwise choice or ranking by ann; not written"),
                    new ExportReport.Problem("c-three", "hh-rlhf has no place for preference.rationale annotations; not written: 'x1'"),
                    new ExportReport.Problem("c-three", "hh-rlhf holds a pair: of the ranking of 3 responses only the best (B) and the worst (C) were written"),
                    new ExportReport.Problem("d-top-tie", "hh-rlhf holds one chosen and one rejected response; the ranking has a tie at the top; the comparison was not written"),
                    new ExportReport.Problem("e-two-sets", "hh-rlhf holds one judgement per comparison: ann's was written, not [zoe]'s; choose an annotator to write another"),
                    new ExportReport.Problem("f-none", "no judgement; not written")), e.problems());
            assertEquals(2, e.itemsWritten());
            List<String> lines = Files.readAllLines(out);
            assertEquals("{\"chosen\":\"\\n\\nHuman: Question c-three\\n\\nAssistant: answer 1\",\"rejected\":\"\\n\\nHuman: Question c-three\\n\\nAssistant: answer 2\"}",
                    lines.get(0));
            assertTrue(lines.get(1).startsWith("{\"chosen\":\"\\n\\nHuman: Question e-two-sets\\n\\nAssistant: answer 1\""), lines.get(1));
            // the lossless format has nothing to report for the same project
            assertEquals(6, new VellumJsonlExporter().exportWithReport(p, ALL, tmp.resolve("all.jsonl"), Progress.NONE).itemsWritten());
        }
    }

    @Test
    void systemTurnsAndHiddenMetadataAreReported() throws Exception {
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            Comparison c = new Comparison(List.of(new Message("system", "Be kind."), new Message("user", "Hi")),
                    List.of(new Response("A", "Hello", Map.of("model", "m1")), new Response("B", "Hey", Map.of())), Map.of("batch", 7));
            p.saveItem(new Item("s", "", List.of(Comparisons.inline(c)), Map.of(), null,
                    List.of(new AnnotationSet("ann", AnnotationState.SUBMITTED, 0, T, T, List.of(pair("A"))))));
            ExportReport e = new HhRlhfExporter().exportWithReport(p, ALL, tmp.resolve("hh.jsonl"), Progress.NONE);
            assertEquals(List.of(new ExportReport.Problem("s", "hh-rlhf has no place for the hidden metadata [batch, A.model]; not written"),
                    new ExportReport.Problem("s", "hh-rlhf transcripts have only Human and Assistant turns; a system turn was left out")), e.problems());
            // ShareGPT keeps the system turn
            ExportReport s = new ShareGptExporter().exportWithReport(p, ALL, tmp.resolve("s.json"), Progress.NONE);
            assertEquals(List.of(new ExportReport.Problem("s", "sharegpt has no place for the hidden metadata [batch, A.model]; not written")), s.problems());
            assertTrue(Files.readString(tmp.resolve("s.json")).contains("\"from\" : \"system\""));
        }
    }
}
