package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.io.ConllExporter;
import dev.vellum.modality.text.io.ConllImporter;
import dev.vellum.modality.text.io.ConlluExporter;
import dev.vellum.modality.text.io.ConlluImporter;
import dev.vellum.modality.text.io.DoccanoExporter;
import dev.vellum.modality.text.io.DoccanoImporter;
import dev.vellum.modality.text.io.SpacyDocBinExporter;
import dev.vellum.modality.text.io.SpacyDocBinImporter;
import dev.vellum.modality.text.io.SpacyJsonExporter;
import dev.vellum.modality.text.io.SpacyJsonImporter;

/**
 * A document with emoji (a skin-tone sequence of two astral code points), Mathematical Fraktur
 * letters and a combining accent goes out and back through every format with the same code point
 * offsets, text and tokens.
 */
class AstralRoundTripTest {
    @TempDir
    Path tmp;

    /** Single spaces between tokens and one line per sentence, so that even CoNLL keeps the text. */
    private static final String TEXT = "Hi 👋🏽 Zoe\u0301 met 😀 Ana in 𝔊𝔬𝔱𝔥𝔞𝔪 .\n𝔊𝔬𝔱𝔥𝔞𝔪 🎉 loves Ana";

    @Test
    void everyFormatKeepsAstralOffsets() throws Exception {
        int[] tokens = TokenFixtures.spaceTokens(TEXT);
        int firstLineEnd = TEXT.codePointCount(0, TEXT.indexOf('\n'));
        int[] sentences = {0, firstLineEnd, firstLineEnd + 1, TEXT.codePointCount(0, TEXT.length())};
        List<Object[]> formats = List.of(new Object[] {new ConllExporter(), new ConllImporter(), "conll"},
                new Object[] {new ConlluExporter(), new ConlluImporter(), "conllu"}, new Object[] {new SpacyJsonExporter(), new SpacyJsonImporter(), "json"},
                new Object[] {new SpacyDocBinExporter(), new SpacyDocBinImporter(), "spacy"},
                new Object[] {new DoccanoExporter(), new DoccanoImporter(), "jsonl"});
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            TokenFixtures.addItem(p, "astral", TEXT, tokens, sentences, "mira", List.of(new TokenFixtures.SpanSpec("EMOJI", "👋🏽", 0),
                    new TokenFixtures.SpanSpec("PER", "Zoe\u0301", 0), new TokenFixtures.SpanSpec("PER", "Ana", 0),
                    new TokenFixtures.SpanSpec("LOC", "𝔊𝔬𝔱𝔥𝔞𝔪", 0), new TokenFixtures.SpanSpec("LOC", "𝔊𝔬𝔱𝔥𝔞𝔪", 1),
                    new TokenFixtures.SpanSpec("PER", "Ana", 1)), List.of());
            List<String> expected = List.of("EMOJI 3-5 '👋🏽'", "PER 6-10 'Zoe\u0301'", "PER 17-20 'Ana'", "LOC 24-30 '𝔊𝔬𝔱𝔥𝔞𝔪'",
                    "LOC 33-39 '𝔊𝔬𝔱𝔥𝔞𝔪'", "PER 48-51 'Ana'");
            assertEquals(expected, TokenFixtures.spans(p, "astral", "mira"), "offsets count code points");
            for (Object[] f : formats) {
                FormatExporter out = (FormatExporter) f[0];
                FormatImporter in = (FormatImporter) f[1];
                Path file = tmp.resolve("astral." + f[2]);
                ExportReport e = out.exportWithReport(p, new FormatExporter.Options(null, false), file, Progress.NONE);
                assertEquals(List.of(), e.problems(), out.id());
                try (StoredProject q = TokenFixtures.project(tmp, "q-" + out.id())) {
                    assertEquals(List.of(), in.importFiles(q, List.of(file), "mira", Progress.NONE).problems(), in.id());
                    String id = q.project().itemIds().get(0);
                    assertEquals(TEXT, TokenFixtures.text(q, id), out.id());
                    assertEquals(expected, TokenFixtures.sortedSpans(q, id, "mira").stream().sorted((a, b) -> Integer.compare(start(a), start(b))).toList(),
                            out.id());
                    if (!out.id().equals("doccano")) {
                        assertEquals(TokenFixtures.tokens(p, "astral"), TokenFixtures.tokens(q, id), out.id());
                    }
                }
            }
        }
    }

    private static int start(String span) {
        String range = span.split(" ")[1];
        return Integer.parseInt(range.substring(0, range.indexOf('-')));
    }
}
