package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.Response;
import dev.vellum.modality.preference.io.HhRlhfExporter;
import dev.vellum.modality.preference.io.HhRlhfImporter;
import dev.vellum.modality.preference.io.OpenAiDpoExporter;
import dev.vellum.modality.preference.io.OpenAiDpoImporter;
import dev.vellum.modality.preference.io.ShareGptExporter;
import dev.vellum.modality.preference.io.ShareGptImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file in the shared rlhf data, imported with concrete assertions and written back unchanged. */
class RealFilesTest {
    private static final FormatExporter.Options ALL = new FormatExporter.Options(null, false);

    @TempDir
    Path tmp;

    @Test
    void hhRlhfHarmlessBaseImportsAsPairsAndWritesBackTheSameTranscripts() throws Exception {
        Path in = Fixtures.copy("hh-rlhf", tmp).resolve("harmless-base_test.jsonl.gz");
        assertEquals(90, new HhRlhfImporter().accepts(in));
        assertEquals(0, new OpenAiDpoImporter().accepts(in));
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            ImportReport r = new HhRlhfImporter().importFiles(p, List.of(in), "mira", Progress.NONE);
            assertEquals(List.of(), r.problems());
            assertEquals(2312, r.itemsAdded());
            assertEquals(2312, r.annotationsAdded());
            assertEquals(2312, p.project().itemCount());
            Map<String, Integer> preferred = new TreeMap<>();
            int multiTurnPrompts = 0, severalTurnResponses = 0, notAlternating = 0;
            for (Item item : p.loadItems(p.project().itemIds())) {
                assertTrue(Comparisons.isInline(item), item.id());
                Comparison c = Comparisons.load(p, item);
                assertEquals(List.of("A", "B"), c.ids());
                assertEquals("user", c.prompt().get(0).role(), item.id());
                assertEquals("user", c.prompt().get(c.prompt().size() - 1).role(), item.id());
                for (int i = 0; i < c.prompt().size(); i++) {
                    if (!c.prompt().get(i).role().equals(i % 2 == 0 ? "user" : "assistant")) {
                        // a few transcripts have two assistant turns in a row: kept as they are
                        notAlternating++;
                        break;
                    }
                }
                multiTurnPrompts += c.prompt().size() > 1 ? 1 : 0;
                for (Response resp : c.responses()) {
                    severalTurnResponses += resp.metadata().containsKey("turns") ? 1 : 0;
                }
                Map<?, ?> source = (Map<?, ?>) c.metadata().get("source");
                assertEquals("hh-rlhf", source.get("format"));
                assertEquals("harmless-base_test.jsonl.gz", source.get("file"));
                Annotation a = item.set("mira").orElseThrow().annotations().get(0);
                assertEquals(Pairwise.TYPE, a.typeId());
                assertEquals(Provenance.IMPORTED, a.provenance());
                assertEquals("mira", a.author());
                preferred.merge(Pairwise.fromPayload(a.payload()).preferred(), 1, Integer::sum);
            }
            assertEquals("harmless-base_test-000001", p.project().itemIds().stream().sorted().findFirst().orElseThrow());
            // the chosen response is stored first or second by a coin flip per line: both occur often
            assertEquals(2312, preferred.get("A") + preferred.get("B"));
            assertTrue(preferred.get("A") > 1000 && preferred.get("B") > 1000, preferred.toString());
            assertTrue(multiTurnPrompts > 1000, "multi-turn prompts: " + multiTurnPrompts);
            // five records differ before their last assistant turn (two assistant turns in a row in one transcript)
            assertEquals(5, severalTurnResponses);
            // counted in the file with a separate script
            assertEquals(4, notAlternating);

            Path out = tmp.resolve("out.jsonl");
            ExportReport e = new HhRlhfExporter().exportWithReport(p, ALL, out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            assertEquals(2312, e.itemsWritten());
            assertEquals(Fixtures.lines(in), Fixtures.lines(out));
        }
    }

    @Test
    void azureOrcaDpoPairsImportWithSystemPromptsAndWriteBackUnchanged() throws Exception {
        Path in = Fixtures.copy("orca_dpo_pairs_azure", tmp).resolve("validation.jsonl");
        assertEquals(95, new OpenAiDpoImporter().accepts(in));
        assertEquals(0, new HhRlhfImporter().accepts(in));
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            ImportReport r = new OpenAiDpoImporter().importFiles(p, List.of(in), "mira", Progress.NONE);
            assertEquals(List.of(), r.problems());
            // 283 line feeds: the last line has none
            assertEquals(284, r.itemsAdded());
            Comparison first = Fixtures.comparison(p, "validation-000001");
            assertEquals(List.of("system", "user"), first.prompt().stream().map(Message::role).toList());
            assertTrue(first.prompt().get(0).content().startsWith("You are an AI assistant."));
            assertTrue(first.prompt().get(1).content().endsWith("Translate to English"));
            Pairwise choice = Pairwise.fromPayload(Fixtures.only(p, "validation-000001", "mira").payload());
            assertTrue(first.response(choice.preferred()).content().startsWith("Step 1: Identify the names"));
            for (Item item : p.loadItems(p.project().itemIds())) {
                assertEquals(List.of("system", "user"), Comparisons.load(p, item).prompt().stream().map(Message::role).toList());
            }

            Path out = tmp.resolve("out.jsonl");
            ExportReport e = new OpenAiDpoExporter().exportWithReport(p, ALL, out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            assertEquals(Fixtures.lines(in), Fixtures.lines(out));
        }
    }

    @Test
    void llamaFactoryShareGptDemoImportsWithRolesMappedAndWritesBackUnchanged() throws Exception {
        Path in = Fixtures.copy("llama_factory", tmp).resolve("dpo_en_demo.json");
        assertEquals(95, new ShareGptImporter().accepts(in));
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            ImportReport r = new ShareGptImporter().importFiles(p, List.of(in), "mira", Progress.NONE);
            assertEquals(List.of(), r.problems());
            assertEquals(300, r.itemsAdded());
            Map<String, Integer> shapes = new TreeMap<>();
            for (Item item : p.loadItems(p.project().itemIds())) {
                Comparison c = Comparisons.load(p, item);
                shapes.merge(String.join(",", c.prompt().stream().map(Message::role).toList()), 1, Integer::sum);
            }
            // counted in the file: 114 single human turns, 80 system + human, the rest multi-turn
            assertEquals(114, shapes.get("user"));
            assertEquals(80, shapes.get("system,user"));
            assertEquals(57, shapes.get("user,assistant,user,assistant,user"));

            Path out = tmp.resolve("out.json");
            ExportReport e = new ShareGptExporter().exportWithReport(p, ALL, out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            JsonNode original = Fixtures.JSON.readTree(in.toFile());
            JsonNode written = Fixtures.JSON.readTree(out.toFile());
            assertEquals(300, written.size());
            assertEquals(original, written);
        }
    }
}
