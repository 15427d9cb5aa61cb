package dev.vellum.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
