package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.io.DoccanoExporter;
import dev.vellum.modality.text.io.DoccanoImporter;

/** doccano JSONL: both span forms, relations, nested spans kept, bad lines named. */
class DoccanoTest {
    @TempDir
    Path tmp;

    private static ImportReport importFiles(StoredProject p, Path... files) throws Exception {
        return new DoccanoImporter().importFiles(p, List.of(files), "mira", Progress.NONE);
    }

    @Test
    void labelAndEntitiesFormsWithRelationsAreRead() throws Exception {
        Path in = tmp.resolve("d.jsonl");
        Files.writeString(in, "{\"id\": 7, \"text\": \"Bank of New York hired Ann.\", \"label\": [[0, 16, \"ORG\"], [8, 16, \"GPE\"], [23, 26, \"PER\"]]}\n"
                + "{\"id\": 8, \"text\": \"Ann works for Acme.\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 3, \"label\": \"PER\"},"
                + " {\"id\": 2, \"start_offset\": 14, \"end_offset\": 18, \"label\": \"ORG\"}],"
                + " \"relations\": [{\"id\": 1, \"from_id\": 1, \"to_id\": 2, \"type\": \"works_for\"}]}\n"
                + "{\"id\": 9, \"text\": \"Short\", \"label\": [[0, 99, \"X\"], \"news\"]}\n");
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            ImportReport r = importFiles(p, in);
            assertEquals(List.of(new ImportReport.Problem(in.toString(), "line 3: span 0..99 is outside the text of 5 characters or empty; skipped"),
                    new ImportReport.Problem(in.toString(), "1 document label(s) (text classification) were not imported")), r.problems());
            assertEquals(3, r.itemsAdded());
            assertEquals(List.of("ORG 0-16 'Bank of New York'", "GPE 8-16 'New York'", "PER 23-26 'Ann'"), TokenFixtures.spans(p, "d-7", "mira"));
            assertEquals(List.of("works_for PER:Ann -> ORG:Acme"), TokenFixtures.relations(p, "d-8", "mira"));
        }
    }

    @Test
    void exportKeepsNestedSpansAndRelations() throws Exception {
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            String text = "Bank of New York hired Ann.";
            TokenFixtures.addItem(p, "a", text, null, null, "mira", List.of(new TokenFixtures.SpanSpec("ORG", "Bank of New York", 0),
                    new TokenFixtures.SpanSpec("GPE", "New York", 0), new TokenFixtures.SpanSpec("PER", "Ann", 0)), List.<String[]>of(new String[] {"3", "1", "hired_by"}));
            TokenFixtures.addItem(p, "b", "No relations here, Ann.", null, null, "mira", List.of(new TokenFixtures.SpanSpec("PER", "Ann", 0)), List.of());
            Path out = tmp.resolve("out.jsonl");
            ExportReport e = new DoccanoExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            List<String> lines = Files.readAllLines(out);
            assertEquals(2, lines.size());
            assertTrue(lines.get(0).contains("\"entities\":[{\"id\":1,\"label\":\"ORG\",\"start_offset\":0,\"end_offset\":16}"), lines.get(0));
            assertEquals("{\"id\":\"b\",\"text\":\"No relations here, Ann.\",\"label\":[[19,22,\"PER\"]]}", lines.get(1));
            try (StoredProject q = TokenFixtures.project(tmp, "q")) {
                assertEquals(List.of(), importFiles(q, out).problems());
                assertEquals(TokenFixtures.spans(p, "a", "mira"), TokenFixtures.spans(q, "out-a", "mira"));
                assertEquals(List.of("hired_by PER:Ann -> ORG:Bank of New York"), TokenFixtures.relations(q, "out-a", "mira"));
                assertEquals(TokenFixtures.spans(p, "b", "mira"), TokenFixtures.spans(q, "out-b", "mira"));
            }
        }
    }

    @Test
    void aLineThatIsNoJsonNamesFileAndLine() throws Exception {
        Path in = tmp.resolve("bad.jsonl");
        Files.writeString(in, "{\"text\": \"ok\", \"label\": []}\n{not json\n");
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            IOException e = assertThrows(IOException.class, () -> importFiles(p, in));
            assertTrue(e.getMessage().startsWith(in + ": line 2 is not JSON"), e.getMessage());
        }
    }
}
