package dev.vellum.guidelines;

import java.util.Locale;
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

    /** Null fields mean "any". */
    public FaqQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        label = label == null ? "" : label;
        text = text == null ? "" : text;
    }

    /**
     * Whether {@code e} passes the filter. The label must be one of the entry's labels (exactly). Each
     * word of the text must appear, as a word or part of one, in the question, the answer, an
     * example's note or one of the labels, ignoring case: "parked car" finds "Is a car parked
     * on the kerb...".
     */
    public boolean matches(FaqEntry e) {
        if (!statuses.isEmpty() && !statuses.contains(e.status())) {
            return false;
        }
        if (!label.isEmpty() && !e.labels().contains(label)) {
            return false;
        }
        if (version != 0 && e.context().guidelineVersion() != version) {
            return false;
        }
        String words = text.strip();
        if (words.isEmpty()) {
            return true;
        }
        StringBuilder hay = new StringBuilder(e.question()).append('\n').append(e.answer());
        e.examples().forEach(x -> hay.append('\n').append(x.note()));
        e.labels().forEach(l -> hay.append('\n').append(l));
        String haystack = hay.toString().toLowerCase(Locale.ROOT);
        for (String w : words.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!haystack.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
