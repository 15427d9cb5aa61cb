package dev.vellum.core.model;

import java.util.Locale;

/** Where one annotator's work on one item stands in the review workflow. */
public enum AnnotationState {
    /** The annotator is still working on it. */
    IN_PROGRESS,
    /** Handed in, waiting for review. */
    SUBMITTED,
    /** A reviewer has taken it. */
    IN_REVIEW,
    /** Accepted by review. */
    ACCEPTED,
    /** Sent back by review. */
    REJECTED,
    /** Checked by an auditor after acceptance. */
    AUDITED;

    /**
     * How far along the work is, for summing up several annotators' sets: rejected work is back
     * with its annotator and needs attention first, so it ranks lowest; then in progress,
     * submitted, in review, accepted, audited. (Declaration order is not this order.)
     */
    public int progressRank() {
        return switch (this) {
            case REJECTED -> 0;
            case IN_PROGRESS -> 1;
            case SUBMITTED -> 2;
            case IN_REVIEW -> 3;
            case ACCEPTED -> 4;
            case AUDITED -> 5;
        };
    }

    /** The stable lower-case id used in files and on the command line, e.g. {@code in_progress}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Words for people, e.g. "In progress". */
    public String displayName() {
        String s = name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Parses a stable id as written by {@link #id()}.
     *
     * @throws IllegalArgumentException naming the unknown value
     */
    public static AnnotationState fromId(String id) {
        for (AnnotationState s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown annotation state '" + id + "'");
    }
}
