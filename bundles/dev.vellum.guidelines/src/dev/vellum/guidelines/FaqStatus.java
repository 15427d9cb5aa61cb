package dev.vellum.guidelines;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where an FAQ entry stands. */
public enum FaqStatus {
    /** Raised, waiting for a decision. */
    OPEN,
    /** Answered; the answer applies to everyone from now on. */
    DECIDED,
    /** Its answer was written into the guideline draft (and, once published, into a version). */
    PROMOTED,
    /** The same question as another entry. */
    DUPLICATE,
    /** Taken back by whoever raised it, or closed without an answer. */
    WITHDRAWN;

    /** Lower-case name as used in files and the CLI. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a lower-case name as written by {@link #id()} (any case accepted).
     *
     * @throws IllegalArgumentException naming the value and the known ones
     */
    public static FaqStatus fromId(String id) {
        for (FaqStatus s : values()) {
            if (s.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown FAQ status '" + id + "' (known: "
                + Arrays.stream(values()).map(FaqStatus::id).collect(Collectors.joining(", ")) + ")");
    }
}
