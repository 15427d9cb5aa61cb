package dev.vellum.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.quality.gold.GoldScores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark at a small size: it scores what it built, and jittered boxes mostly match. */
class GoldScoringBenchmarkTest {
    @Test
    void scoresEveryBoxOfASmallRun() {
        GoldScoringBenchmark.Run run = GoldScoringBenchmark.run(20, 50, 7);
        assertTrue(run.boxes() > 20 * 50 * 1.9, "gold and annotator boxes: " + run.boxes());
        // every gold box is a unit, plus the annotator's extras
        assertTrue(run.units() >= 20 * 50 && run.units() < 20 * 50 * 1.15, "units: " + run.units());
        double accuracy = (double) run.correct() / run.units();
        // 95% kept x 90% same label, over units including ~5% extras: about 0.81
        assertTrue(accuracy > 0.7 && accuracy < 0.9, "accuracy " + accuracy);
        GoldScoringBenchmark.Run again = GoldScoringBenchmark.run(20, 50, 7);
        assertEquals(run.units(), again.units(), "the same seed builds the same data");
        assertEquals(run.correct(), again.correct());
    }

    @Test
    void theStoredPathScoresWhatItWroteAsTheInMemoryPathDoes(@TempDir Path tmp) throws Exception {
        GoldScoringBenchmark.Run run = GoldScoringBenchmark.run(6, 40, 42);
        GoldScores.Report report = GoldScoringBenchmark.stored(tmp.resolve("bench"), 6, 40, 1);
        assertEquals(6, report.goldItems());
        assertEquals(run.units(), report.annotators().get("ann").overall().units());
        assertEquals(run.correct(), report.annotators().get("ann").overall().correct());
        // written once, read again
        assertEquals(run.units(), GoldScoringBenchmark.stored(tmp.resolve("bench"), 6, 40, 1).annotators().get("ann").overall().units());
    }
}
