package dev.vellum.guidelines;

import java.util.Set;

/**
 * A filter over FAQ entries; empty fields match everything.
 *
 * @param statuses the statuses to keep, or empty for all
 * @param label    entries concerning this label, or empty
 * @param version  entries raised under this guideline version, or 0 for any
 * @param text     words that must all appear (case-insensitive) in the question, answer or examples' notes, or empty
 */
public record FaqQuery(Set<FaqStatus> statuses, String label, int version, String text) {
    /** Matches everything. */
    public static final FaqQuery ALL = new FaqQuery(Set.of(), "", 0, "");

    /** Whether {@code e} passes the filter. */
    public boolean matches(FaqEntry e) {
        throw new UnsupportedOperationException("to be implemented");
    }
}
