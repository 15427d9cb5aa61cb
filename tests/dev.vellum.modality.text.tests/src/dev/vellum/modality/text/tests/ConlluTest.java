package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.vellum.modality.text.io.ConlluExporter;
import dev.vellum.modality.text.io.ConlluImporter;

/** CoNLL-U: dkpro's file (multiword tokens, SpaceAfter), entity keys in MISC, documents, and the round trip. */
class ConlluTest {
    @TempDir
    Path tmp;

    private static ImportReport importFiles(StoredProject p, Path... files) throws Exception {
        return new ConlluImporter().importFiles(p, List.of(files), "mira", Progress.NONE);
    }

    @Test
    void dkprosFileHasTwoSentencesAndAMultiwordToken() throws Exception {
        Path dir = TokenFixtures.copy("conll", tmp);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            ImportReport r = importFiles(p, dir.resolve("conllu-en-orig.conllu"));
            assertEquals(List.of(), r.problems());
            assertEquals(1, r.itemsAdded());
            assertEquals(0, r.annotationsAdded(), "the file has no entities in MISC");
            assertEquals("They buy and sell books.\nI haven't a clue.", TokenFixtures.text(p, "conllu-en-orig"));
            assertEquals(List.of("They", "buy", "and", "sell", "books", ".", "I", "haven't", "a", "clue", "."), TokenFixtures.tokens(p, "conllu-en-orig"));
            assertEquals(List.of(), TokenFixtures.spans(p, "conllu-en-orig", "mira"));
        }
    }

    @Test
    void entityKeysTextCommentsAndNewdocAreRead() throws Exception {
        String content = "# newdoc id = d1\n# sent_id = 1\n# text = Anna  lives in New York.\n"
                + "1\tAnna\tAnna\tPROPN\t_\t_\t2\tnsubj\t_\tNE=B-PER\n"
                + "2\tlives\tlive\tVERB\t_\t_\t0\troot\t_\t_\n"
                + "3\tin\tin\tADP\t_\t_\t4\tcase\t_\tNER=O\n"
                + "4\tNew\tNew\tPROPN\t_\t_\t2\tobl\t_\tEntity=B-LOC\n"
                + "5\tYork\tYork\tPROPN\t_\t_\t4\tflat\t_\tEntity=I-LOC|SpaceAfter=No\n"
                + "6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n"
                + "# newdoc id = d2\n# text = Del Piero\n"
                + "1-2\tDel\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDe\tde\tADP\t_\t_\t0\troot\t_\tname=B-PER\n2\tl\tel\tDET\t_\t_\t1\tdet\t_\tname=I-PER\n"
                + "3\tPiero\tPiero\tPROPN\t_\t_\t1\tflat\t_\tname=I-PER\n\n"
                + "broken line without tabs\n\n";
        Path in = tmp.resolve("ents.conllu");
        Files.writeString(in, content);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            ImportReport r = importFiles(p, in);
            assertEquals(List.of(new ImportReport.Problem(in.toString(),
                    "1 line(s) are no CoNLL-U token line (ID, FORM ... MISC separated by tabs), first line 18; skipped")), r.problems());
            assertEquals(2, r.itemsAdded());
            assertEquals("Anna  lives in New York.", TokenFixtures.text(p, "ents-d1"), "the # text keeps the double space");
            assertEquals(List.of("PER 0-4 'Anna'", "LOC 15-23 'New York'"), TokenFixtures.spans(p, "ents-d1", "mira"));
            assertEquals(List.of("PER 0-9 'Del Piero'"), TokenFixtures.spans(p, "ents-d2", "mira"), "the multiword token takes its words' tag");
            assertEquals(List.of("Del", "Piero"), TokenFixtures.tokens(p, "ents-d2"));
        }
    }

    @Test
    void exportWritesNeTagsAndSpacesThatComeBackExactly() throws Exception {
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            String text = "Anna  met Bo in Oslo,Norway.\nThen\tleft.";
            TokenFixtures.addItem(p, "t", text, null, null, "mira", List.of(new TokenFixtures.SpanSpec("PER", "Anna", 0),
                    new TokenFixtures.SpanSpec("PER", "Bo", 0), new TokenFixtures.SpanSpec("LOC", "Oslo", 0), new TokenFixtures.SpanSpec("LOC", "Norway", 0)),
                    List.of());
            Path out = tmp.resolve("t.conllu");
            ExportReport e = new ConlluExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            String written = Files.readString(out);
            assertTrue(written.startsWith("# newdoc id = t\n# sent_id = t-1\n# text = Anna  met Bo in Oslo,Norway.\n1\tAnna\t_\t_\t_\t_\t_\t_\t_\tNE=B-PER|SpacesAfter=\\s\\s\n"),
                    written);
            assertTrue(written.contains("5\tOslo\t_\t_\t_\t_\t_\t_\t_\tNE=B-LOC|SpaceAfter=No\n6\t,"), written);
            assertTrue(written.contains("1\tThen\t_\t_\t_\t_\t_\t_\t_\tSpacesAfter=\\t\n"), written);
            try (StoredProject q = TokenFixtures.project(tmp, "q")) {
                assertEquals(List.of(), importFiles(q, out).problems());
                assertEquals(text, TokenFixtures.text(q, "t-t"));
                assertEquals(TokenFixtures.spans(p, "t", "mira"), TokenFixtures.spans(q, "t-t", "mira"));
            }
        }
    }
}
