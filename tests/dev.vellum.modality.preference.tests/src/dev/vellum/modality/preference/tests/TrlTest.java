package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.io.OpenAiDpoExporter;
import dev.vellum.modality.preference.io.OpenAiDpoImporter;
import dev.vellum.modality.preference.io.TrlExporter;
import dev.vellum.modality.preference.io.TrlImporter;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Pairwise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TRL's standard, conversational and implicit-prompt forms, each written back in the form it came in. */
class TrlTest {
    private static final FormatExporter.Options ALL = new FormatExporter.Options(null, false);

    @TempDir
    Path tmp;

    @Test
    void allThreeFormsReadAndWriteBackUnchanged() throws Exception {
        Path in = Files.writeString(tmp.resolve("prefs.jsonl"), """
                {"prompt": "The sky is", "chosen": " blue.", "rejected": " green.", "score_chosen": 8.5, "score_rejected": 2}
                {"prompt": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What color is the sky?"}], "chosen": [{"role": "assistant", "content": "It is blue."}], "rejected": [{"role": "assistant", "content": "It is green."}]}
                {"chosen": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello! How can I help?"}, {"role": "user", "content": "Sky colour?"}, {"role": "assistant", "content": "Blue."}], "rejected": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello! How can I help?"}, {"role": "user", "content": "Sky colour?"}, {"role": "assistant", "content": "Green."}]}
                """);
        assertEquals(70, new TrlImporter().accepts(in));
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            ImportReport r = new TrlImporter().importFiles(p, List.of(in), "mira", Progress.NONE);
            assertEquals(List.of(), r.problems());
            assertEquals(3, r.itemsAdded());
            Comparison standard = Fixtures.comparison(p, "prefs-000001");
            assertEquals(List.of(new Message("user", "The sky is")), standard.prompt());
            String preferred = Pairwise.fromPayload(Fixtures.only(p, "prefs-000001", "mira").payload()).preferred();
            assertEquals(" blue.", standard.response(preferred).content());
            assertEquals(List.of("system", "user"), Fixtures.comparison(p, "prefs-000002").prompt().stream().map(Message::role).toList());
            Comparison implicit = Fixtures.comparison(p, "prefs-000003");
            assertEquals(3, implicit.prompt().size());
            assertEquals("Sky colour?", implicit.prompt().get(2).content());
            assertEquals(List.of("Blue.", "Green."), implicit.responses().stream().map(x -> x.content()).sorted().toList());

            Path out = tmp.resolve("out.jsonl");
            ExportReport e = new TrlExporter().exportWithReport(p, ALL, out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            assertEquals(Fixtures.lines(in), Fixtures.lines(out));
        }
    }

    @Test
    void pairsFromAnotherFormatAreWrittenInTheStandardFormWhenTheyFit() throws Exception {
        Path in = Files.writeString(tmp.resolve("dpo.jsonl"), """
                {"input": {"messages": [{"role": "user", "content": "2+2?"}]}, "preferred_output": [{"role": "assistant", "content": "4"}], "non_preferred_output": [{"role": "assistant", "content": "5"}]}
                {"input": {"messages": [{"role": "system", "content": "Terse."}, {"role": "user", "content": "2+3?"}], "tools": []}, "preferred_output": [{"role": "assistant", "content": "5"}], "non_preferred_output": [{"role": "assistant", "content": "6"}]}
                """);
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            assertEquals(List.of(), new OpenAiDpoImporter().importFiles(p, List.of(in), "mira", Progress.NONE).problems());
            Path out = tmp.resolve("trl.jsonl");
            ExportReport e = new TrlExporter().exportWithReport(p, ALL, out, Progress.NONE);
            assertEquals(2, e.itemsWritten());
            List<String> lines = Files.readAllLines(out);
            assertEquals("{\"prompt\":\"2+2?\",\"chosen\":\"4\",\"rejected\":\"5\"}", lines.get(0));
            assertTrue(lines.get(1).startsWith("{\"prompt\":[{\"role\":\"system\",\"content\":\"Terse.\"}"), lines.get(1));
            // the OpenAI 'tools' key has no place in TRL: reported, not silently dropped
            assertEquals(List.of(new ExportReport.Problem("dpo-000002", "trl has no place for the hidden metadata [openai-dpo]; not written")),
                    e.problems());
            // and back through OpenAI's format, which keeps it
            Path again = tmp.resolve("again.jsonl");
            assertEquals(List.of(), new OpenAiDpoExporter().exportWithReport(p, ALL, again, Progress.NONE).problems());
            assertEquals(Fixtures.lines(in), Fixtures.lines(again));
        }
    }
}
