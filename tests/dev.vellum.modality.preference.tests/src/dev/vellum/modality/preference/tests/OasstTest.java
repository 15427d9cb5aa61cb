package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.io.HhRlhfImporter;
import dev.vellum.modality.preference.io.OasstExporter;
import dev.vellum.modality.preference.io.OasstImporter;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenAssistant trees: sibling ranks become rankings, and rankings become trees again. */
class OasstTest {
    private static final FormatExporter.Options ALL = new FormatExporter.Options(null, false);
    private static final String ROOT1 = "6b3c1a2e-0000-4000-8000-000000000000";
    private static final String P2 = "6b3c1a2e-0000-4000-8000-000000000004";
    private static final String ROOT2 = "6b3c1a2e-0000-4000-8000-00000000000a";

    @TempDir
    Path tmp;

    @Test
    void rankedSiblingsBecomeRankingsAndTreesComeBackUnchanged() throws Exception {
        Path in = Fixtures.copy("oasst", tmp).resolve("fixture.trees.jsonl");
        assertEquals(95, new OasstImporter().accepts(in));
        assertEquals(0, new HhRlhfImporter().accepts(in));
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            ImportReport r = new OasstImporter().importFiles(p, List.of(in), "mira", Progress.NONE);
            assertEquals(List.of(new ImportReport.Problem(in.toString(), "line 2: message " + ROOT2 + ": 1 assistant reply without rank left out of the comparison"),
                    new ImportReport.Problem(in.toString(), "1 prompt(s) with replies but fewer than 2 ranked assistant replies are not comparisons; not imported")),
                    r.problems());
            assertEquals(3, r.itemsAdded());

            Comparison first = Fixtures.comparison(p, "fixture.trees-" + ROOT1);
            assertEquals(List.of(new Message("user", "What is Git?")), first.prompt());
            assertEquals(List.of("A", "B", "C"), first.ids());
            assertEquals("Git is a program.", first.response("B").content());
            Annotation ranking = Fixtures.only(p, "fixture.trees-" + ROOT1, "mira");
            assertEquals("preference.ranking", ranking.typeId());
            assertEquals(Provenance.IMPORTED, ranking.provenance());
            assertEquals(Map.of("A", 1, "B", 3, "C", 2), ranking.payload().get("ranks"));

            Comparison second = Fixtures.comparison(p, "fixture.trees-" + P2);
            assertEquals(List.of("user", "assistant", "user"), second.prompt().stream().map(Message::role).toList());
            assertEquals("How do I squash the last three commits?", second.prompt().get(2).content());
            assertEquals(Map.of("A", 2, "B", 1), Fixtures.only(p, "fixture.trees-" + P2, "mira").payload().get("ranks"));
            // hidden metadata keeps who wrote what, never shown
            Map<?, ?> oasst = (Map<?, ?>) first.response("A").metadata().get("oasst");
            assertEquals("1a2b0000-0000-4000-8000-000000000002", ((Map<?, ?>) oasst.get("fields")).get("user_id"));

            Path out = tmp.resolve("out.jsonl");
            ExportReport e = new OasstExporter().exportWithReport(p, ALL, out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            List<JsonNode> original = Fixtures.lines(in), written = Fixtures.lines(out);
            assertEquals(2, written.size());
            // numbers compare by value: the project keeps whole numbers such as 0.0 as integers
            assertEquals(Fixtures.byValue(original.get(0)), Fixtures.byValue(written.get(0)));
            // tree 2 comes back without what was never imported: the unranked reply and the single-reply prompt
            JsonNode root2 = written.get(1).get("prompt");
            assertEquals(ROOT2, root2.get("message_id").asText());
            assertEquals(2, root2.get("replies").size());
            assertEquals(0, root2.get("replies").get(0).get("replies").size());
        }
    }

    @Test
    void aChangedRankingIsWrittenAsNewSiblingRanks() throws Exception {
        Path in = Fixtures.copy("oasst", tmp).resolve("fixture.trees.jsonl");
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            new OasstImporter().importFiles(p, List.of(in), "mira", Progress.NONE);
            Item item = p.loadItem("fixture.trees-" + ROOT1);
            Instant now = Instant.now();
            item.putSet(new AnnotationSet("bob", AnnotationState.ACCEPTED, 0, now, now, List.of(new Annotation("r1", "preference.ranking", "", Map.of(), 1,
                    Map.of("ranks", Map.of("A", 3, "B", 1, "C", 2), "order", List.of("C", "A", "B")), Provenance.HUMAN, "bob", now, now))));
            p.saveItem(item);
            Path out = tmp.resolve("bob.jsonl");
            ExportReport e = new OasstExporter().exportWithReport(p, new FormatExporter.Options("bob", false), out, Progress.NONE);
            assertEquals(1, e.itemsWritten());
            JsonNode replies = Fixtures.lines(out).get(0).get("prompt").get("replies");
            assertEquals(List.of(2, 0, 1), List.of(replies.get(0).get("rank").asInt(), replies.get(1).get("rank").asInt(), replies.get(2).get("rank").asInt()));
            assertTrue(e.problems().stream().allMatch(x -> x.message().startsWith("no judgement")), e.problems().toString());
        }
    }

    @Test
    void pairsFromOtherFormatsBecomeTreesOfTheirOwn() throws Exception {
        Path in = Files.writeString(tmp.resolve("hh.jsonl"), "{\"chosen\": \"\\n\\nHuman: Hi\\n\\nAssistant: Hello!\", \"rejected\": \"\\n\\nHuman: Hi\\n\\nAssistant: Go away.\"}\n");
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            new HhRlhfImporter().importFiles(p, List.of(in), "mira", Progress.NONE);
            Path out = tmp.resolve("out.jsonl");
            ExportReport e = new OasstExporter().exportWithReport(p, ALL, out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            JsonNode root = Fixtures.lines(out).get(0).get("prompt");
            assertEquals("prompter", root.get("role").asText());
            assertEquals("Hi", root.get("text").asText());
            JsonNode replies = root.get("replies");
            assertEquals(2, replies.size());
            for (JsonNode reply : replies) {
                assertEquals(reply.get("text").asText().equals("Hello!") ? 0 : 1, reply.get("rank").asInt());
                assertEquals(root.get("message_id").asText(), reply.get("parent_id").asText());
            }
        }
    }
}
