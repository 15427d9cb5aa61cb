package dev.vellum.core.spi;

import java.util.Locale;

/**
 * Krippendorff's levels of measurement: what differences between values mean. A unit says the
 * level its values naturally have; a measure may be asked to read them at another (ranks as
 * nominal, for example).
 */
public enum MeasurementLevel {
    /** Categories: equal or not. */
    NOMINAL,
    /** Ordered categories or ranks. */
    ORDINAL,
    /** Numbers whose differences mean something. */
    INTERVAL,
    /** Numbers with a true zero, whose ratios mean something. */
    RATIO;

    /** The stable lower-case id used on the command line and in files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}; throws naming the value when it is unknown. */
    public static MeasurementLevel fromId(String id) {
        for (MeasurementLevel l : values()) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown measurement level '" + id + "' (nominal, ordinal, interval or ratio)");
    }
}
