package dev.vellum.core.model;

import java.util.Locale;

/** Who made an annotation: a person, a model's pre-label, or an import from another tool. */
public enum Provenance {
    HUMAN, MODEL, IMPORTED;

    /** The stable lower-case id used in files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}; throws naming the value when it is unknown. */
    public static Provenance fromId(String id) {
        for (Provenance p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown provenance '" + id + "'");
    }
}
