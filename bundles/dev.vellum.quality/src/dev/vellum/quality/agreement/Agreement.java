package dev.vellum.quality.agreement;

import dev.vellum.core.spi.MeasurementLevel;

/**
 * Computes agreement coefficients over a {@link RatingTable}. Pure functions: thread-safe, no state.
 */
public final class Agreement {
    private Agreement() {
    }

    /**
     * Computes {@code measure} over {@code table}, reading its values at {@code level}.
     *
     * @param bootstrap how to compute a confidence interval ({@link Bootstrap#NONE} for none)
     * @throws IllegalArgumentException saying why the measure does not apply (Cohen's kappa with
     *                                  other than two raters; a numeric level over labels that are
     *                                  not numbers)
     */
    public static AgreementResult compute(RatingTable table, Measure measure, MeasurementLevel level, Bootstrap bootstrap) {
        throw new UnsupportedOperationException("not written yet");
    }
}
