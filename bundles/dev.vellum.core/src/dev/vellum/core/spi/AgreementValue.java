package dev.vellum.core.spi;

import java.util.Objects;

/**
 * The value one annotator gave a unit of agreement: a label (nominal) or a number (ordinal rank,
 * interval or ratio quantity). Measures read labels as categories; numbers at the level the measure
 * is asked for.
 */
public sealed interface AgreementValue {
    /** A category, compared only for equality, e.g. a label class or {@code present}. */
    record Nominal(String label) implements AgreementValue {
        public Nominal {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A number: a rank, a count, a score; finite. */
    record Numeric(double value) implements AgreementValue {
        public Numeric {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("an agreement value must be finite, found " + value);
            }
        }

        @Override
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** A nominal value. */
    static AgreementValue of(String label) {
        return new Nominal(label);
    }

    /** A numeric value. */
    static AgreementValue of(double value) {
        return new Numeric(value);
    }
}
