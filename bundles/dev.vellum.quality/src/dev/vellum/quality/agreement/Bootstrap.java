package dev.vellum.quality.agreement;

/**
 * How to compute a bootstrap confidence interval.
 *
 * @param samples    resamples to draw; 0 for no interval
 * @param confidence e.g. 0.95
 * @param seed       the random seed, so the same data gives the same interval
 */
public record Bootstrap(int samples, double confidence, long seed) {
    /** No interval. */
    public static final Bootstrap NONE = new Bootstrap(0, 0.95, 0);
    /** 1,000 resamples, 95 %, a fixed seed. */
    public static final Bootstrap DEFAULT = new Bootstrap(1000, 0.95, 1);

    public Bootstrap {
        if (samples < 0) {
            throw new IllegalArgumentException("bootstrap samples must not be negative, was " + samples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be within (0, 1), was " + confidence);
        }
    }
}
