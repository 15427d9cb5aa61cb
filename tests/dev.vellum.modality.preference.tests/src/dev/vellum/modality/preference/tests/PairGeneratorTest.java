package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.io.HhRlhfImporter;
import dev.vellum.modality.preference.io.PairGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's pair file is the same for the same seed and imports without a problem. */
class PairGeneratorTest {
    @TempDir
    Path tmp;

    @Test
    void sameSeedSameBytesAndEveryLineImports() throws Exception {
        Path a = tmp.resolve("a.jsonl"), b = tmp.resolve("b.jsonl"), c = tmp.resolve("c.jsonl");
        new PairGenerator(500, 7).write(a);
        new PairGenerator(500, 7).write(b);
        new PairGenerator(500, 8).write(c);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals(500, Files.readAllLines(a).size());
        assertEquals(false, Files.readString(a).equals(Files.readString(c)));
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            long t0 = System.nanoTime();
            ImportReport r = new HhRlhfImporter().importFiles(p, List.of(a), "bench", Progress.NONE);
            System.out.printf("imported 500 generated pairs in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            assertEquals(new ImportReport(500, 500, List.of()), r);
        }
    }
}
