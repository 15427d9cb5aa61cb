package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.io.VellumJsonlExporter;
import dev.vellum.modality.preference.io.VellumJsonlImporter;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Response;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vellum's own JSONL keeps everything: every annotator, every type, attributes, orders, states, times, hidden metadata. */
class VellumJsonlTest {
    private static final FormatExporter.Options ALL = new FormatExporter.Options(null, false);

    @TempDir
    Path tmp;

    static Comparison threeWay() {
        return new Comparison(List.of(new Message("system", "Answer in Markdown."), new Message("user", "Sort [3, 1, 2] in Python.")),
                List.of(new Response("A", "```python\nsorted([3, 1, 2])\n```", Map.of("model", "m-large", "temperature", new BigDecimal("0.7"))),
                        new Response("B", "Use `list.sort()`.", Map.of("model", "m-small")), new Response("C", "[1, 2, 3]", Map.of())),
                Map.of("batch", "b7", "models", List.of("m-large", "m-small", "m-tiny")));
    }

    static void fill(StoredProject p) throws Exception {
        Instant t0 = Instant.parse("2026-11-02T09:00:00Z"), t1 = Instant.parse("2026-11-02T09:03:12.5Z");
        Annotation alicePair = new Annotation("a1", "preference.pairwise", "", Map.of("confidence", "high"), 1,
                Map.of("preferred", "A", "strength", 2, "order", List.of("B", "A")), Provenance.HUMAN, "alice", t0, t1);
        Annotation aliceRank = new Annotation("a2", "preference.ranking", "", Map.of(), 1,
                Map.of("ranks", Map.of("A", 1, "B", 2, "C", 2), "order", List.of("C", "A", "B")), Provenance.HUMAN, "alice", t0, t0);
        Annotation aliceWhy = new Annotation("a3", "preference.rationale", "", Map.of(), 1, Map.of("text", "A runs; B mutates; C is no code."),
                Provenance.HUMAN, "alice", t1, t1);
        Annotation bobFlag = new Annotation("b1", "preference.flag", "factual_error", Map.of("span", List.of(4, 9)), 2,
                Map.of("response", "C", "start", 0, "end", 9), Provenance.MODEL, "judge-model", t0, t1);
        Item item = new Item("cmp-1", "eval-nov", List.of(Comparisons.inline(threeWay())), Map.of("split", "test", "weight", new BigDecimal("1.5")),
                List.of("alice", "bob"), List.of(new AnnotationSet("alice", AnnotationState.ACCEPTED, 3, t0, t1, List.of(alicePair, aliceRank, aliceWhy)),
                        new AnnotationSet("bob", AnnotationState.SUBMITTED, 2, t0, t1, List.of(bobFlag))));
        // a comparison kept as a project document (the other storage form)
        Comparison two = new Comparison(List.of(new Message("user", "Hi")), List.of(new Response("A", "Hello", Map.of()), new Response("B", "Hey", Map.of())),
                Map.of());
        p.documents().write("media/cmp-2.json", two.toJsonText());
        Item doc = new Item("cmp-2", "", List.of(new Asset("media/cmp-2.json", PreferenceModality.ID, "", Map.of("responses", 2))), Map.of(), null, null);
        p.saveItems(List.of(item, doc));
    }

    @Test
    void everythingComesBackAsItWas() throws Exception {
        try (StoredProject p = Fixtures.project(tmp, "p"); StoredProject q = Fixtures.project(tmp, "q")) {
            fill(p);
            Path out = tmp.resolve("all.jsonl");
            ExportReport e = new VellumJsonlExporter().exportWithReport(p, ALL, out, Progress.NONE);
            assertEquals(new ExportReport(2, List.of()), e);
            assertEquals(100, new VellumJsonlImporter().accepts(out));
            ImportReport r = new VellumJsonlImporter().importFiles(q, List.of(out), "ignored", Progress.NONE);
            assertEquals(new ImportReport(2, 4, List.of()), r);
            for (String id : List.of("cmp-1", "cmp-2")) {
                Item a = p.loadItem(id), b = q.loadItem(id);
                assertEquals(Comparisons.load(p, a), Comparisons.load(q, b));
                assertEquals(a.dataset(), b.dataset());
                assertEquals(a.metadata(), b.metadata());
                assertEquals(a.assignees(), b.assignees());
                assertEquals(sets(a), sets(b));
            }
            // and a second export is the same file, line for line
            Path again = tmp.resolve("again.jsonl");
            new VellumJsonlExporter().exportWithReport(q, ALL, again, Progress.NONE);
            List<String> first = Files.readAllLines(out), second = Files.readAllLines(again);
            assertEquals(first.get(0), second.get(0));
            // the document-backed comparison is inline after the import; the rest of the line is the same
            assertEquals(first.get(1).replace("\"uri\":\"media/cmp-2.json\"", "\"uri\":\"inline:comparison\""), second.get(1));
        }
    }

    private static List<String> sets(Item item) {
        List<String> out = new ArrayList<>();
        for (AnnotationSet s : item.sets()) {
            out.add(s.annotator() + " " + s.state() + " v" + s.guidelineVersion() + " " + s.created() + " " + s.modified());
            for (Annotation a : s.annotations()) {
                out.add(a.toString());
            }
        }
        return out;
    }

    @Test
    void importingIntoAProjectThatHasTheItemAddsOnlyMissingAnnotators() throws Exception {
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            fill(p);
            Path out = tmp.resolve("all.jsonl");
            new VellumJsonlExporter().exportWithReport(p, new FormatExporter.Options("bob", false), out, Progress.NONE);
            Item item = p.loadItem("cmp-1");
            item.removeSet("bob");
            p.saveItem(item);
            ImportReport r = new VellumJsonlImporter().importFiles(p, List.of(out), "x", Progress.NONE);
            assertEquals(0, r.itemsAdded());
            assertEquals(1, r.annotationsAdded());
            assertEquals(List.of("alice", "bob"), p.loadItem("cmp-1").sets().stream().map(AnnotationSet::annotator).toList());
        }
    }
}
