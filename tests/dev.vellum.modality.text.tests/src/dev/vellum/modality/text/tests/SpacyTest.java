package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.io.DoccanoImporter;
import dev.vellum.modality.text.io.SpacyDocBinExporter;
import dev.vellum.modality.text.io.SpacyDocBinImporter;
import dev.vellum.modality.text.io.SpacyJsonExporter;
import dev.vellum.modality.text.io.SpacyJsonImporter;

/** spaCy v2 JSON and v3 DocBin: spaCy's own example files, the DocBin layout written, and round trips with exact whitespace. */
class SpacyTest {
    @TempDir
    Path tmp;

    private static final List<String> THRUN = List.of("PERSON 5-20 'Sebastian Thrun'", "ORG 63-69 'Google'", "DATE 73-77 '2007'",
            "NORP 178-186 'American'", "PERSON 279-284 'Thrun'", "ORG 308-314 'Recode'", "DATE 315-332 'earlier this week'");

    private static final String TWEET = "I'm seeing Ed Sheeran on Wednesday in Miami so if you wanna meet up or say hi hmu!";

    @Test
    void spacyV2JsonFilesGiveTheirSentencesAndBiluoEntities() throws Exception {
        Path dir = TokenFixtures.copy("spacy", tmp);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            ImportReport r = new SpacyJsonImporter().importFiles(p,
                    List.of(dir.resolve("ner-token-per-line.json"), dir.resolve("ner-token-per-line-conll2003.json")), "mira", Progress.NONE);
            assertEquals(List.of(), r.problems());
            assertEquals(2, r.itemsAdded());
            assertEquals(14, r.annotationsAdded());
            assertEquals(THRUN, TokenFixtures.spans(p, "ner-token-per-line", "mira"));
            assertEquals(THRUN, TokenFixtures.spans(p, "ner-token-per-line-conll2003", "mira"));
            assertEquals(66, TokenFixtures.tokens(p, "ner-token-per-line").size());
            // spaCy split this file into sentences of 25, 1 and 40 tokens: each is a line
            assertEquals(3, TokenFixtures.text(p, "ner-token-per-line").split("\n").length);
            assertEquals(2, TokenFixtures.text(p, "ner-token-per-line-conll2003").split("\n").length);
        }
    }

    @Test
    void theTweetsDocBinHoldsTheTextAndSpanOfItsJsonlTwin() throws Exception {
        Path dir = TokenFixtures.copy("spacy", tmp);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            ImportReport r = new SpacyDocBinImporter().importFiles(p, List.of(dir.resolve("ner_tweets_demo.spacy")), "mira", Progress.NONE);
            assertEquals(List.of(), r.problems());
            assertEquals(1, r.itemsAdded());
            assertEquals(TWEET, TokenFixtures.text(p, "ner_tweets_demo"));
            List<String> tokens = TokenFixtures.tokens(p, "ner_tweets_demo");
            assertEquals(20, tokens.size());
            assertEquals(List.of("I", "'m", "seeing", "Ed"), tokens.subList(0, 4));
            assertEquals(List.of("hmu", "!"), tokens.subList(18, 20));
            // the jsonl twin says {"start":11,"end":21,"text":"Ed Sheeran","label":"PERSON"}
            assertEquals(List.of("PERSON 11-21 'Ed Sheeran'"), TokenFixtures.spans(p, "ner_tweets_demo", "mira"));
        }
        try (StoredProject q = TokenFixtures.project(tmp, "q")) {
            ImportReport r = new DoccanoImporter().importFiles(q, List.of(dir.resolve("ner_tweets_demo.jsonl")), "mira", Progress.NONE);
            assertEquals(List.of(), r.problems());
            assertEquals(TWEET, TokenFixtures.text(q, "ner_tweets_demo"));
            assertEquals(List.of("PERSON 11-21 'Ed Sheeran'"), TokenFixtures.spans(q, "ner_tweets_demo", "mira"));
            assertEquals(20, TokenFixtures.tokens(q, "ner_tweets_demo").size(), "Prodigy's tokens are kept");
        }
    }

    /** A text with a leading space, double spaces, a tab, line breaks and an entity over a line break. */
    private static final String WHITESPACE = " New  York\tis big.\n\nSan\nFrancisco too. ";

    private void whitespaceItem(StoredProject p) throws Exception {
        TokenFixtures.addItem(p, "ws", WHITESPACE, TokenFixtures.spaceTokens(WHITESPACE), null, "mira",
                List.of(new TokenFixtures.SpanSpec("GPE", "New  York", 0), new TokenFixtures.SpanSpec("GPE", "San\nFrancisco", 0)), List.of());
    }

    @Test
    void docBinExportKeepsWhitespaceExactlyAndFollowsSpacysLayout() throws Exception {
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            whitespaceItem(p);
            Path out = tmp.resolve("ws.spacy");
            ExportReport e = new SpacyDocBinExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            Map<String, Value> msg = new HashMap<>();
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(new InflaterInputStream(Files.newInputStream(out)).readAllBytes())) {
                u.unpackValue().asMapValue().map().forEach((k, v) -> msg.put(k.asStringValue().asString(), v));
            }
            assertEquals("0.1", msg.get("version").asStringValue().asString());
            assertEquals(List.of(65L, 77L, 78L, 80L), msg.get("attrs").asArrayValue().list().stream().map(v -> v.asIntegerValue().asLong()).toList());
            List<String> strings = msg.get("strings").asArrayValue().list().stream().map(v -> v.asStringValue().asString()).toList();
            assertTrue(strings.containsAll(List.of("", "New", "York", "\t", "\n\n", "GPE")), strings.toString());
            byte[] lengths = msg.get("lengths").asRawValue().asByteArray();
            int tokens = ByteBuffer.wrap(lengths).order(ByteOrder.LITTLE_ENDIAN).getInt();
            // " " New " " York "\t" is big. "\n\n" San "\n" Francisco too. (single spaces after a token are its flag)
            assertEquals(12, tokens);
            byte[] spaces = msg.get("spaces").asRawValue().asByteArray();
            assertEquals("[0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1]", Arrays.toString(spaces));
            ByteBuffer rows = ByteBuffer.wrap(msg.get("tokens").asRawValue().asByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            List<Long> iob = new ArrayList<>();
            for (int t = 0; t < tokens; t++) {
                iob.add(rows.getLong((t * 4 + 1) * 8));
            }
            // B I I over "New", " ", "York" and over "San", "\n", "Francisco": whitespace inside an entity stays in it
            assertEquals(List.of(2L, 3L, 1L, 1L, 2L, 2L, 2L, 2L, 3L, 1L, 1L, 2L), iob);
            // "New" as spaCy hashes it (MurmurHash64A, seed 1)
            assertEquals(murmur("New"), rows.getLong((1 * 4) * 8));
            try (StoredProject q = TokenFixtures.project(tmp, "q")) {
                assertEquals(List.of(), new SpacyDocBinImporter().importFiles(q, List.of(out), "mira", Progress.NONE).problems());
                assertEquals(WHITESPACE, TokenFixtures.text(q, "ws"));
                assertEquals(TokenFixtures.spans(p, "ws", "mira"), TokenFixtures.spans(q, "ws", "mira"));
                assertEquals(TokenFixtures.tokens(p, "ws"), TokenFixtures.tokens(q, "ws"));
            }
        }
    }

    /** The id spaCy gives "Ed", read from spaCy's own file, and a hash of ours for another word. */
    @Test
    void stringIdsMatchSpacysHashesAndSymbols() throws Exception {
        assertEquals(6811597347359657930L, murmur("Ed"));
        assertEquals(Long.parseUnsignedLong("15522742150933887849"), murmur("Sheeran"));
    }

    private static long murmur(String s) throws Exception {
        var m = Class.forName("dev.vellum.modality.text.io.SpacyStrings").getDeclaredMethod("key", String.class);
        m.setAccessible(true);
        return (long) m.invoke(null, s);
    }

    @Test
    void spacyJsonRoundTripKeepsRawTextAndSpans() throws Exception {
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            whitespaceItem(p);
            Path out = tmp.resolve("ws.json");
            ExportReport e = new SpacyJsonExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            String json = Files.readString(out);
            assertTrue(json.contains("\"ner\" : \"B-GPE\"") && json.contains("\"ner\" : \"L-GPE\""), json);
            try (StoredProject q = TokenFixtures.project(tmp, "q")) {
                assertEquals(List.of(), new SpacyJsonImporter().importFiles(q, List.of(out), "mira", Progress.NONE).problems());
                assertEquals(WHITESPACE, TokenFixtures.text(q, "ws"));
                assertEquals(TokenFixtures.spans(p, "ws", "mira"), TokenFixtures.spans(q, "ws", "mira"));
            }
        }
    }

    @Test
    void nestedSpansAreReportedByBothSpacyExporters() throws Exception {
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            String text = "Bank of New York";
            TokenFixtures.addItem(p, "n", text, TokenFixtures.spaceTokens(text), null, "mira",
                    List.of(new TokenFixtures.SpanSpec("ORG", text, 0), new TokenFixtures.SpanSpec("GPE", "New York", 0)), List.of());
            for (FormatExporter x : List.of(new SpacyDocBinExporter(), new SpacyJsonExporter())) {
                ExportReport e = x.exportWithReport(p, new FormatExporter.Options(null, false), tmp.resolve("n." + x.id()), Progress.NONE);
                assertEquals(1, e.problems().size(), x.id());
                assertTrue(e.problems().get(0).message().endsWith("cannot hold nested or overlapping spans; left out: 'sp2'"), e.problems().toString());
            }
        }
    }

    @Test
    void brokenDocBinsNameTheFile() throws Exception {
        Path junk = tmp.resolve("junk.spacy");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6});
        Path json = tmp.resolve("bad.json");
        Files.writeString(json, "{\"not\": \"a list\"}");
        Path truncated = tmp.resolve("cut.spacy");
        Path dir = TokenFixtures.copy("spacy", tmp);
        byte[] whole = Files.readAllBytes(dir.resolve("ner_tweets_demo.spacy"));
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            for (Path f : List.of(junk, truncated)) {
                IOException e = assertThrows(IOException.class, () -> new SpacyDocBinImporter().importFiles(p, List.of(f), "mira", Progress.NONE));
                assertTrue(e.getMessage().startsWith(f + ": not a spaCy DocBin"), e.getMessage());
            }
            IOException e = assertThrows(IOException.class, () -> new SpacyJsonImporter().importFiles(p, List.of(json), "mira", Progress.NONE));
            assertTrue(e.getMessage().startsWith(json + ": not spaCy v2 training JSON"), e.getMessage());
            assertEquals(0, p.project().itemCount());
        }
    }
}
