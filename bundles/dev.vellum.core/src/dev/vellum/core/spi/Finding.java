package dev.vellum.core.spi;

import java.util.Objects;

/**
 * A problem validation found.
 *
 * @param ruleId       the rule that found it
 * @param severity     how bad
 * @param itemId       the item
 * @param annotator    whose annotation set, or empty for item-level findings
 * @param annotationId the annotation, or empty
 * @param message      one line for people
 */
public record Finding(String ruleId, Severity severity, String itemId, String annotator, String annotationId, String message) {
    /** How bad a finding is. */
    public enum Severity {
        ERROR, WARNING, INFO
    }

    public Finding {
        Objects.requireNonNull(ruleId);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(itemId);
        annotator = annotator == null ? "" : annotator;
        annotationId = annotationId == null ? "" : annotationId;
        Objects.requireNonNull(message);
    }
}
