package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vellum.core.model.LabelClass;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.io.ConllExporter;
import dev.vellum.modality.text.io.ConllImporter;
import dev.vellum.modality.text.io.TagScheme;

/** CoNLL-2003 import of dkpro's and spaCy's files (IOB1, IOB2, numbered GermEval, sentence per line), export in each scheme, losses. */
class ConllTest {
    @TempDir
    Path tmp;

    private static ImportReport importFiles(StoredProject p, Path... files) throws Exception {
        return new ConllImporter().importFiles(p, List.of(files), "mira", Progress.NONE);
    }

    @Test
    void conll2003OriginalIsIob1WithOrgPerAndLoc() throws Exception {
        Path dir = TokenFixtures.copy("conll", tmp);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            ImportReport r = importFiles(p, dir.resolve("conll2003_en-orig.conll"));
            assertEquals(List.of(), r.problems());
            assertEquals(1, r.itemsAdded());
            assertEquals(3, r.annotationsAdded());
            assertEquals("U.N. official Ekeus heads for Baghdad .", TokenFixtures.text(p, "conll2003_en-orig"));
            assertEquals(List.of("U.N.", "official", "Ekeus", "heads", "for", "Baghdad", "."), TokenFixtures.tokens(p, "conll2003_en-orig"));
            assertEquals(List.of("ORG 0-4 'U.N.'", "PER 14-19 'Ekeus'", "LOC 30-37 'Baghdad'"), TokenFixtures.spans(p, "conll2003_en-orig", "mira"));
            assertEquals("IOB1", p.loadItem("conll2003_en-orig").metadata().get("tagScheme"), "I- tags start the entities");
            assertEquals("media/conll2003_en-orig.txt", p.loadItem("conll2003_en-orig").assets().get(0).uri());
            assertEquals(39, p.loadItem("conll2003_en-orig").assets().get(0).metadata().get("characters"));
            assertEquals(List.of("ORG", "PER", "LOC"), p.project().schema("text").orElseThrow().classes().stream().map(LabelClass::name).toList());
        }
    }

    @Test
    void conll2002TwoColumnsIsIob2WithMultiTokenSpans() throws Exception {
        Path dir = TokenFixtures.copy("conll", tmp);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            ImportReport r = importFiles(p, dir.resolve("conll2002_ner2002_test.conll"));
            assertEquals(List.of(), r.problems());
            String id = "conll2002_ner2002_test";
            assertEquals(23, TokenFixtures.tokens(p, id).size());
            assertEquals(List.of("PER 0-5 'Wolff'", "LOC 34-43 'Argentina'", "PER 58-68 'Del Bosque'", "ORG 108-119 'Real Madrid'"),
                    TokenFixtures.spans(p, id, "mira"));
            assertEquals("IOB2", p.loadItem(id).metadata().get("tagScheme"));
        }
    }

    @Test
    void germevalNumberedColumnsGiveNestedSpansFromTheInnerLevel() throws Exception {
        Path dir = TokenFixtures.copy("conll", tmp);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            ImportReport r = importFiles(p, dir.resolve("germeval2014_test.conll"));
            assertEquals(List.of(), r.problems());
            String id = "germeval2014_test";
            String text = TokenFixtures.text(p, id);
            assertTrue(text.startsWith("Aufgrund seiner Initiative fand 2001/2002 in Stuttgart ,"), text);
            assertTrue(text.endsWith("„ Troia - Traum und Wirklichkeit “ ."), "the comment line is not text: " + text);
            assertEquals(27, TokenFixtures.tokens(p, id).size());
            assertEquals(List.of("LOC 45-54 'Stuttgart'", "LOC 57-69 'Braunschweig'", "LOC 74-78 'Bonn'", "LOCpart 122-139 'Troia-Ausstellung'",
                    "OTH 150-180 'Troia - Traum und Wirklichkeit'", "LOC 150-155 'Troia'"), TokenFixtures.spans(p, id, "mira"));
            assertEquals(2, p.loadItem(id).metadata().get("nerLevels"));
        }
    }

    @Test
    void spacysTokenPerLineFilesWithAndWithoutDocstartGiveSevenEntities() throws Exception {
        Path dir = TokenFixtures.copy("spacy", tmp);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            ImportReport r = importFiles(p, dir.resolve("ner-token-per-line-conll2003.iob"), dir.resolve("ner-token-per-line.iob"),
                    dir.resolve("ner-sent-per-line.iob"));
            assertEquals(List.of(), r.problems());
            assertEquals(3, r.itemsAdded());
            List<String> expected = List.of("PERSON 5-20 'Sebastian Thrun'", "ORG 63-69 'Google'", "DATE 73-77 '2007'", "NORP 178-186 'American'",
                    "PERSON 279-284 'Thrun'", "ORG 308-314 'Recode'", "DATE 315-332 'earlier this week'");
            assertEquals(expected, TokenFixtures.spans(p, "ner-token-per-line-conll2003", "mira"));
            assertEquals(expected, TokenFixtures.spans(p, "ner-sent-per-line", "mira"), "word|POS|tag, a sentence per line");
            // without blank lines the whole file is one sentence: the same spans, a space instead of the line break
            assertEquals(expected, TokenFixtures.spans(p, "ner-token-per-line", "mira"));
            String text = TokenFixtures.text(p, "ner-token-per-line-conll2003");
            assertEquals(334, text.length());
            assertEquals(134, text.indexOf('\n'), "sentences are lines");
            assertEquals(-1, TokenFixtures.text(p, "ner-token-per-line").indexOf('\n'));
            assertEquals(List.of("When", "Sebastian", "Thrun"), TokenFixtures.tokens(p, "ner-sent-per-line").subList(0, 3));
        }
    }

    @Test
    void docstartSplitsDocumentsAndEachSchemeRoundTrips() throws Exception {
        String content = "-DOCSTART- -X- -X- O\n\nAnna NNP B-NP B-PER\nMaria NNP I-NP I-PER\nvisits VBZ B-VP O\nNew NNP B-NP B-LOC\nYork NNP I-NP I-LOC\n. . O O\n\n"
                + "Bob NNP B-NP B-PER\nBen NNP I-NP B-PER\nleft VBD B-VP O\n\n-DOCSTART- -X- -X- O\n\nParis NNP B-NP B-LOC\n\n";
        Path in = tmp.resolve("two.conll");
        Files.writeString(in, content);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            ImportReport r = importFiles(p, in);
            assertEquals(List.of(), r.problems());
            assertEquals(2, r.itemsAdded());
            assertEquals("Anna Maria visits New York .\nBob Ben left", TokenFixtures.text(p, "two-1"));
            List<String> one = List.of("PER 0-10 'Anna Maria'", "LOC 18-26 'New York'", "PER 29-32 'Bob'", "PER 33-36 'Ben'");
            assertEquals(one, TokenFixtures.spans(p, "two-1", "mira"));
            assertEquals(List.of("LOC 0-5 'Paris'"), TokenFixtures.spans(p, "two-2", "mira"));
            for (TagScheme scheme : TagScheme.values()) {
                Path out = tmp.resolve("out-" + scheme + ".conll");
                ExportReport e = new ConllExporter(scheme).exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
                assertEquals(2, e.itemsWritten());
                assertEquals(List.of(), e.problems());
                String written = Files.readString(out);
                switch (scheme) {
                    case IOB1 -> assertTrue(written.contains("Anna _ _ I-PER\nMaria _ _ I-PER\n") && written.contains("Ben _ _ B-PER"), written);
                    case IOB2 -> assertTrue(written.contains("Anna _ _ B-PER\nMaria _ _ I-PER\n") && written.contains("Ben _ _ B-PER"), written);
                    case BIOES -> assertTrue(written.contains("Anna _ _ B-PER\nMaria _ _ E-PER\n") && written.contains("Bob _ _ S-PER"), written);
                }
                assertTrue(written.startsWith("-DOCSTART- -X- -X- O\n\nAnna"), written);
                try (StoredProject q = TokenFixtures.project(tmp, "q-" + scheme)) {
                    assertEquals(List.of(), importFiles(q, out).problems());
                    String id = "out-" + scheme + "-1";
                    assertEquals(one, TokenFixtures.spans(q, id, "mira"), scheme.name());
                    assertEquals(scheme.name(), q.loadItem(id).metadata().get("tagScheme"));
                    assertEquals(List.of("LOC 0-5 'Paris'"), TokenFixtures.spans(q, "out-" + scheme + "-2", "mira"));
                }
            }
        }
    }

    @Test
    void nestedSpansOfGermevalAreReportedOnExport() throws Exception {
        Path dir = TokenFixtures.copy("conll", tmp);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            importFiles(p, dir.resolve("germeval2014_test.conll"));
            Path out = tmp.resolve("g.conll");
            ExportReport e = new ConllExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(1, e.problems().size(), e.problems().toString());
            assertEquals("germeval2014_test", e.problems().get(0).item());
            assertEquals("CoNLL-2003 cannot hold nested or overlapping spans; left out: 's6'", e.problems().get(0).message());
            try (StoredProject q = TokenFixtures.project(tmp, "q")) {
                importFiles(q, out);
                assertEquals(TokenFixtures.spans(p, "germeval2014_test", "mira").subList(0, 5), TokenFixtures.spans(q, "g", "mira"),
                        "the outer level comes back whole");
            }
        }
    }

    @Test
    void spansInsideTokensSplitThemAndUntokenizedTextsAreTokenized() throws Exception {
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            // no stored tokens: the project's (default) tokenizer splits off punctuation but keeps "Berlin-based" one word; a span ends inside it
            TokenFixtures.addItem(p, "plain", "Acme is Berlin-based.\nIt grew.", null, null, "mira",
                    List.of(new TokenFixtures.SpanSpec("ORG", "Acme", 0), new TokenFixtures.SpanSpec("LOC", "Berl", 0)), List.of());
            Path out = tmp.resolve("plain.conll");
            ExportReport e = new ConllExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(List.of(new ExportReport.Problem("plain", "CoNLL-2003 holds whole tokens only: 1 token(s) were split where a span starts or ends inside them")),
                    e.problems());
            assertEquals("-DOCSTART- -X- -X- O\n\nAcme _ _ B-ORG\nis _ _ O\nBerl _ _ B-LOC\nin-based _ _ O\n. _ _ O\n\nIt _ _ O\ngrew _ _ O\n. _ _ O\n\n",
                    Files.readString(out));
        }
    }

    @Test
    void aSpanOverALineBreakKeepsItsSentencesTogether() throws Exception {
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            TokenFixtures.addItem(p, "nl", "Visit New\nYork now.\nBye.", null, null, "mira", List.of(new TokenFixtures.SpanSpec("LOC", "New\nYork", 0)),
                    List.of());
            Path out = tmp.resolve("nl.conll");
            assertEquals(List.of(), new ConllExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE).problems());
            assertEquals("-DOCSTART- -X- -X- O\n\nVisit _ _ O\nNew _ _ B-LOC\nYork _ _ I-LOC\nnow _ _ O\n. _ _ O\n\nBye _ _ O\n. _ _ O\n\n",
                    Files.readString(out));
            try (StoredProject q = TokenFixtures.project(tmp, "q")) {
                importFiles(q, out);
                assertEquals(List.of("LOC 6-14 'New York'"), TokenFixtures.spans(q, "nl", "mira"));
            }
        }
    }

    @Test
    void badInputNamesTheFile() throws Exception {
        Path binary = tmp.resolve("bad.conll");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        Path empty = tmp.resolve("empty.conll");
        Files.writeString(empty, "\n\n");
        Path tags = tmp.resolve("tags.conll");
        Files.writeString(tags, "Anna NNP\nMaria B-PER\n", StandardCharsets.UTF_8);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            IOException e = assertThrows(IOException.class, () -> importFiles(p, binary));
            assertTrue(e.getMessage().startsWith(binary.toString()) && e.getMessage().contains("not UTF-8"), e.getMessage());
            ImportReport r = importFiles(p, empty, tags);
            assertEquals(new ImportReport.Problem(empty.toString(), "no CoNLL tokens found (expected a token per line with its tag in the last column)"),
                    r.problems().get(0));
            assertEquals(new ImportReport.Problem(tags.toString(), "1 token(s) had a last column that is no entity tag (O, B-X, I-X, E-X, S-X...), "
                    + "first on line 1 ('NNP'); they were read as outside any entity"), r.problems().get(1));
            assertEquals(List.of("PER 5-10 'Maria'"), TokenFixtures.spans(p, "tags", "mira"));
            assertThrows(IOException.class, () -> importFiles(p, tmp.resolve("missing.conll")));
        }
    }
}
