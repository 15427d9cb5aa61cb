package dev.vellum.core.model;

import java.util.Locale;

/** The kind of value an attribute of a label class takes. */
public enum AttributeType {
    TEXT, NUMBER, BOOLEAN, CHOICE, MULTI_CHOICE;

    /** The stable lower-case id used in files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}; throws naming the value when it is unknown. */
    public static AttributeType fromId(String id) {
        for (AttributeType t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown attribute type '" + id + "'");
    }
}
