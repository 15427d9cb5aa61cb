package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.io.HhRlhfImporter;
import dev.vellum.modality.preference.io.OpenAiDpoImporter;
import dev.vellum.modality.preference.io.ShareGptImporter;
import dev.vellum.modality.preference.io.TrlImporter;
import dev.vellum.modality.preference.io.VellumJsonlImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is named by file and line; good lines around it are imported. */
class MalformedTest {
    @TempDir
    Path tmp;

    @Test
    void badLinesAreNamedAndSkipped() throws Exception {
        Path in = Files.writeString(tmp.resolve("mixed.jsonl"), """
                {"chosen": "\\n\\nHuman: Hi\\n\\nAssistant: Hello", "rejected": "\\n\\nHuman: Hi\\n\\nAssistant: Go"}
                {"chosen": "\\n\\nHuman: Hi\\n\\nAssistant: Hel
                [1, 2]

                {"chosen": "Hi there", "rejected": "\\n\\nHuman: Hi\\n\\nAssistant: Go"}
                {"rejected": "\\n\\nHuman: Hi\\n\\nAssistant: Go"}
                """);
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            ImportReport r = new HhRlhfImporter().importFiles(p, List.of(in), "mira", Progress.NONE);
            assertEquals(1, r.itemsAdded());
            List<String> messages = r.problems().stream().map(x -> x.file() + ": " + x.message()).toList();
            assertEquals(4, messages.size(), messages.toString());
            assertTrue(messages.get(0).startsWith(in + ": line 2 is not JSON ("), messages.get(0));
            assertEquals(in + ": line 3 is not a JSON object; skipped", messages.get(1));
            assertEquals(in + ": line 5: 'chosen' does not start with a \"Human:\" or \"Assistant:\" turn; skipped", messages.get(2));
            assertEquals(in + ": line 6: 'chosen' is missing; skipped", messages.get(3));
        }
    }

    @Test
    void aFileWithNothingReadableIsAnError() throws Exception {
        Path in = Files.writeString(tmp.resolve("notes.jsonl"), "these are\nnot json lines\n");
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            IOException e = assertThrows(IOException.class, () -> new TrlImporter().importFiles(p, List.of(in), "mira", Progress.NONE));
            assertTrue(e.getMessage().startsWith(in + ": not a JSON lines file: line 1 is not JSON"), e.getMessage());
        }
    }

    @Test
    void wrongShapesNameTheLine() throws Exception {
        Path dpo = Files.writeString(tmp.resolve("dpo.jsonl"), """
                {"input": {"messages": [{"role": "user", "content": "x"}]}, "preferred_output": "y", "non_preferred_output": []}
                """);
        Path share = Files.writeString(tmp.resolve("share.json"), "[\n  {\"conversations\": [{\"from\": \"human\", \"value\": \"x\"}], \"chosen\": {\"from\": \"gpt\", \"value\": \"a\"}, \"rejected\": {\"from\": \"gpt\", \"value\": \"b\"}},\n  {\"conversations\": 5,\n   \"chosen\": {}}\n]\n");
        Path broken = Files.writeString(tmp.resolve("broken.json"), "[\n {\"conversations\": [}\n]");
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            ImportReport r = new OpenAiDpoImporter().importFiles(p, List.of(dpo), "mira", Progress.NONE);
            assertEquals(List.of(new ImportReport.Problem(dpo.toString(),
                    "line 1: 'preferred_output' and 'non_preferred_output' must be lists of {role, content} messages; skipped")), r.problems());
            ImportReport s = new ShareGptImporter().importFiles(p, List.of(share), "mira", Progress.NONE);
            assertEquals(1, s.itemsAdded());
            assertEquals(List.of(new ImportReport.Problem(share.toString(), "line 3: 'conversations' is not a list of {from, value} messages; skipped")), s.problems());
            IOException e = assertThrows(IOException.class, () -> new ShareGptImporter().importFiles(p, List.of(broken), "mira", Progress.NONE));
            assertTrue(e.getMessage().startsWith(broken + ": line 2 is not JSON"), e.getMessage());
        }
    }

    @Test
    void damagedGzipAndNonUtf8AreNamed() throws Exception {
        Path gz = tmp.resolve("cut.jsonl.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("{\"chosen\": \"\\n\\nHuman: Hi\\n\\nAssistant: A\", \"rejected\": \"\\n\\nHuman: Hi\\n\\nAssistant: B\"}\n".repeat(50).getBytes());
        }
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length - 12));
        Path latin = Files.write(tmp.resolve("latin.jsonl"), "{\"vellum\": \"preference\", \"id\": \"caf\u00e9\"}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            IOException e = assertThrows(IOException.class, () -> new HhRlhfImporter().importFiles(p, List.of(gz), "mira", Progress.NONE));
            assertTrue(e.getMessage().startsWith(gz.toString() + ": "), e.getMessage());
            IOException f = assertThrows(IOException.class, () -> new VellumJsonlImporter().importFiles(p, List.of(latin), "mira", Progress.NONE));
            assertEquals(latin + ": not UTF-8 text", f.getMessage());
        }
    }
}
