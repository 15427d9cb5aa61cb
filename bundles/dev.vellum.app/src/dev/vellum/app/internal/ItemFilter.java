package dev.vellum.app.internal;

import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.ItemSummary;

/**
 * Which items the Project Explorer shows; all conditions must hold.
 *
 * @param text      part of the item id, any case; empty for any
 * @param state     {@link #NOT_STARTED}, an {@link AnnotationState#id()} matched against the item's
 *                  overall state, or null for any
 * @param annotator an annotator who must have a set on the item, or null for any
 * @param label     a label some annotator must have used, or null for any
 */
public record ItemFilter(String text, String state, String annotator, String label) {
    /** The state of items nobody has started. */
    public static final String NOT_STARTED = "not_started";

    /** Shows every item. */
    public static final ItemFilter NONE = new ItemFilter("", null, null, null);

    public ItemFilter {
        text = text == null ? "" : text.strip();
    }

    /** Whether this filter lets every item through. */
    public boolean isEmpty() {
        return text.isEmpty() && state == null && annotator == null && label == null;
    }

    /** Whether {@code item} is shown. */
    public boolean matches(ItemSummary item) {
        if (!text.isEmpty() && !containsIgnoreCase(item.id(), text)) {
            return false;
        }
        if (state != null) {
            AnnotationState overall = item.overallState();
            String id = overall == null ? NOT_STARTED : overall.id();
            if (!state.equals(id)) {
                return false;
            }
        }
        if (annotator != null && !item.hasAnnotator(annotator)) {
            return false;
        }
        return label == null || item.usesLabel(label);
    }

    public ItemFilter withText(String newText) {
        return new ItemFilter(newText, state, annotator, label);
    }

    public ItemFilter withState(String newState) {
        return new ItemFilter(text, newState, annotator, label);
    }

    public ItemFilter withAnnotator(String newAnnotator) {
        return new ItemFilter(text, state, newAnnotator, label);
    }

    public ItemFilter withLabel(String newLabel) {
        return new ItemFilter(text, state, annotator, newLabel);
    }

    // Avoids lower-casing 100,000 ids per keystroke.
    private static boolean containsIgnoreCase(String haystack, String needle) {
        int max = haystack.length() - needle.length();
        for (int i = 0; i <= max; i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return needle.isEmpty();
    }
}
