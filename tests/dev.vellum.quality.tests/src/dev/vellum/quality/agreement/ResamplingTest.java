package dev.vellum.quality.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap's random draws (package-private, so this test lives in the package): the binomial
 * and multinomial samplers have the right mean and variance, and the unit-by-unit draw is uniform.
 */
class ResamplingTest {
    private static void assertMoments(long n, double p, int samples, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < samples; i++) {
            long k = Profiles.binomial(rnd, n, p);
            assertTrue(k >= 0 && k <= n, "outside 0.." + n + ": " + k);
            sum += k;
            sumSq += (double) k * k;
        }
        double mean = sum / samples;
        double variance = sumSq / samples - mean * mean;
        double expectedVar = n * p * (1 - p);
        // the sample mean is within 5 standard errors; the variance within 10 %
        assertEquals(n * p, mean, 5 * Math.sqrt(expectedVar / samples) + 1e-9, "mean of Bin(" + n + ", " + p + ")");
        if (expectedVar > 0) {
            assertEquals(expectedVar, variance, 0.1 * expectedVar, "variance of Bin(" + n + ", " + p + ")");
        }
    }

    @Test
    void binomialHasTheRightMeanAndVariance() {
        assertMoments(10, 0.3, 40_000, 1);
        assertMoments(1_000, 0.5, 40_000, 2);
        assertMoments(1_000_000, 0.02, 40_000, 3);
        assertMoments(1_000_000, 0.9999, 40_000, 4);
        assertMoments(987_654, 0.37, 40_000, 5);
        assertMoments(100_000_000, 1e-6, 40_000, 6);
        assertEquals(0, Profiles.binomial(new SplittableRandom(1), 1_000_000, 0));
        assertEquals(1_000_000, Profiles.binomial(new SplittableRandom(1), 1_000_000, 1));
    }

    @Test
    void binomialDistributionMatchesExactProbabilitiesForSmallN() {
        // n = 100 goes through one beta split and then counting; compare the histogram with the pmf
        int n = 100;
        double p = 0.3;
        int samples = 200_000;
        long[] hist = new long[n + 1];
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < samples; i++) {
            hist[(int) Profiles.binomial(rnd, n, p)]++;
        }
        double pmf = Math.pow(1 - p, n);
        double chi = 0;
        int cells = 0;
        for (int k = 0; k <= n; k++) {
            double expected = pmf * samples;
            if (expected > 20) {
                chi += (hist[k] - expected) * (hist[k] - expected) / expected;
                cells++;
            }
            pmf = pmf * (n - k) / (k + 1) * p / (1 - p);
        }
        // chi-square with ~cells-1 degrees of freedom: mean cells-1, sd sqrt(2(cells-1)); allow 5 sd
        assertTrue(chi < cells - 1 + 5 * Math.sqrt(2.0 * (cells - 1)), "chi-square " + chi + " over " + cells + " cells");
    }

    @Test
    void multinomialAndUnitDrawsAgreeInMeanAndVariance() {
        // 6,400 units over 5 profiles of sizes 3,200 / 1,600 / 800 / 600 / 200
        int[] sizes = {3200, 1600, 800, 600, 200};
        int units = 6400;
        int[] cells = new int[units];
        int u = 0;
        for (int k = 0; k < sizes.length; k++) {
            for (int i = 0; i < sizes[k]; i++) {
                cells[u++] = k;
            }
        }
        int[] all = new int[units];
        for (int i = 0; i < units; i++) {
            all[i] = i;
        }
        Profiles p = Profiles.ofCodes(cells, all, 1, sizes.length, null);
        assertEquals(5, p.size);
        assertTrue(p.drawsAsMultinomial());
        Profiles.Sampler sampler = p.sampler();
        int samples = 20_000;
        double[][] sum = new double[2][5];
        double[][] sumSq = new double[2][5];
        SplittableRandom rnd = new SplittableRandom(17);
        for (int s = 0; s < samples; s++) {
            double[][] w = {p.multinomial(rnd), p.resample(rnd, sampler)};
            for (int m = 0; m < 2; m++) {
                double total = 0;
                for (int k = 0; k < 5; k++) {
                    sum[m][k] += w[m][k];
                    sumSq[m][k] += w[m][k] * w[m][k];
                    total += w[m][k];
                }
                assertEquals(units, total, 0);
            }
        }
        for (int m = 0; m < 2; m++) {
            for (int k = 0; k < 5; k++) {
                int profile = k;
                double pk = p.count[profile] / units;
                double mean = sum[m][k] / samples;
                double var = sumSq[m][k] / samples - mean * mean;
                double expectedVar = units * pk * (1 - pk);
                String what = (m == 0 ? "multinomial" : "unit draws") + " profile " + k;
                assertEquals(units * pk, mean, 5 * Math.sqrt(expectedVar / samples), what);
                assertEquals(expectedVar, var, 0.1 * expectedVar, what);
            }
        }
    }

    @Test
    void unitDrawsAreCappedButNeverBelowTheMinimum() {
        assertEquals(1000, Agreement.cappedSamples(1000, 1000));
        assertEquals(200, Agreement.cappedSamples(1000, 1_000_000));
        assertEquals(Agreement.BOOTSTRAP_MIN_SAMPLES, Agreement.cappedSamples(1000, 50_000_000));
    }
}
