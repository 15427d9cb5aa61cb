package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.io.ConllExporter;
import dev.vellum.modality.text.io.ConllImporter;
import dev.vellum.modality.text.model.Segmentation;

/**
 * A 1 MB CoNLL-2003 document (200,000 tokens, 20,000 entities) imports as one item with every token
 * and span, and exports back; the times are printed for the benchmark notes.
 */
class ConllScaleTest {
    @TempDir
    Path tmp;

    @Test
    void aMegabyteDocumentImportsWithEveryTokenAndSpan() throws Exception {
        Path in = tmp.resolve("big.conll");
        String[] words = {"the", "of", "and", "a", "in", "to", "was", "for", "on", "is", "with", "by", "market", "said", "year"};
        String[] labels = {"PER", "ORG", "LOC", "MISC"};
        Random random = new Random(7);
        int tokens = 0, spans = 0;
        try (BufferedWriter w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            w.write("-DOCSTART- -X- -X- O\n\n");
            while (tokens < 200_000) {
                // sentences of 20 tokens (CoNLL-2002 columns: word and tag) with two 2-token entities each
                for (int i = 0; i < 20; i++, tokens++) {
                    if (i == 3 || i == 13) {
                        String l = labels[random.nextInt(labels.length)];
                        w.write("Name" + (tokens % 97) + " B-" + l + "\n");
                        w.write("Sur" + (tokens % 89) + " I-" + l + "\n");
                        i++;
                        tokens++;
                        spans++;
                    } else {
                        w.write(words[random.nextInt(words.length)] + " O\n");
                    }
                }
                w.write('\n');
            }
        }
        long size = Files.size(in);
        assertTrue(size > 900_000 && size < 2_000_000, "about 1 MB: " + size);
        try (StoredProject p = TokenFixtures.project(tmp, "p")) {
            long t0 = System.nanoTime();
            ImportReport r = new ConllImporter().importFiles(p, List.of(in), "mira", Progress.NONE);
            long t1 = System.nanoTime();
            assertEquals(List.of(), r.problems());
            assertEquals(1, r.itemsAdded());
            assertEquals(spans, r.annotationsAdded());
            assertEquals(20_000, spans);
            Item item = p.loadItem("big");
            long t2 = System.nanoTime();
            int textChars = TokenFixtures.text(p, "big").length();
            Segmentation seg = Segmentation.fromAsset(item.assets().get(0));
            assertEquals(tokens, seg.tokenCount());
            assertEquals(10_000, seg.sentenceCount());
            Path out = tmp.resolve("out.conll");
            ExportReport e = new ConllExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
            long t3 = System.nanoTime();
            assertEquals(List.of(), e.problems());
            System.out.printf("CoNLL scale: %,d bytes (text %,d chars), %,d tokens, %,d spans: import %d ms, item load %d ms, export %d ms%n", size, textChars, tokens, spans,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        }
    }
}
