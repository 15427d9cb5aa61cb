package dev.vellum.core.model;

import java.util.List;

/**
 * How a project's work flows.
 *
 * @param annotatorsPerItem how many annotators work on each item independently (for agreement)
 * @param reviewStages      the review stages after annotation, in order, e.g. ["review", "audit"]
 */
public record WorkflowSettings(int annotatorsPerItem, List<String> reviewStages) {
    /** One annotator per item, one review stage. */
    public static final WorkflowSettings DEFAULT = new WorkflowSettings(1, List.of("review"));

    public WorkflowSettings {
        if (annotatorsPerItem < 1) {
            throw new IllegalArgumentException("annotatorsPerItem must be at least 1, was " + annotatorsPerItem);
        }
        reviewStages = List.copyOf(reviewStages == null ? List.of() : reviewStages);
    }
}
