package dev.vellum.guidelines;

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
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
