package dev.vellum.quality.agreement;

import dev.vellum.core.spi.MeasurementLevel;
import java.util.Objects;

/**
 * One agreement coefficient computed over a {@link RatingTable}.
 *
 * @param measure  which coefficient
 * @param level    the level of measurement the values were read at
 * @param value    the coefficient; NaN when it is undefined for the data (no variation, too few units),
 *                 with {@code note} saying why
 * @param units    the units that entered the computation (for alpha: the pairable ones, with at least
 *                 two ratings)
 * @param raters   the raters that entered the computation
 * @param ci       the bootstrap confidence interval, or null when none was asked for or it is undefined
 * @param note     why the value is NaN or which units were left out (e.g. Cohen's kappa drops units
 *                 one rater missed); empty when there is nothing to say
 */
public record AgreementResult(Measure measure, MeasurementLevel level, double value, int units, int raters,
        Interval ci, String note) {
    public AgreementResult {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(level, "level");
        note = note == null ? "" : note;
    }

    /**
     * A bootstrap confidence interval (percentile method, units resampled with replacement).
     *
     * @param low        lower bound
     * @param high       upper bound
     * @param confidence e.g. 0.95
     * @param samples    bootstrap samples drawn
     */
    public record Interval(double low, double high, double confidence, int samples) {
    }
}
