package dev.vellum.quality.agreement;

import java.util.Locale;

/** The agreement coefficients Vellum computes. */
public enum Measure {
    /** Cohen's kappa: exactly two raters, every unit rated by both. */
    COHEN,
    /** Fleiss' kappa: any number of raters, the same number of ratings per unit. */
    FLEISS,
    /** Krippendorff's alpha: any number of raters, missing ratings allowed, any level of measurement. */
    ALPHA;

    /** The stable lower-case id used on the command line and in files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}; throws naming the value when it is unknown. */
    public static Measure fromId(String id) {
        for (Measure m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown agreement measure '" + id + "' (cohen, fleiss or alpha)");
    }
}
