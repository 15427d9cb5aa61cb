package dev.vellum.guidelines;

import dev.vellum.core.model.AnnotationState;
import java.util.Set;

/**
 * An annotation set made under an older guideline version.
 *
 * @param itemId    the item
 * @param annotator whose set
 * @param version   the version it was made under
 * @param state     its review state
 * @param labels    the labels its annotations use
 */
public record StaleSet(String itemId, String annotator, int version, AnnotationState state, Set<String> labels) {
    /** The labels are kept sorted and unmodifiable. */
    public StaleSet {
        labels = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(labels == null ? Set.of() : labels));
    }
}
