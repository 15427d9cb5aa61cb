package dev.vellum.guidelines;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A project's guidelines: the draft, the published versions, who acknowledged what, and which
 * annotation sets were made under an older version. Kept in the project's documents
 * ({@code guidelines/}); every change is recorded in the project's audit trail.
 *
 * <p>Plain object over one open project; cheap to create. Not thread-safe.
 */
public final class Guidelines {
    /** The name {@link #text(String)} and the CLI accept for the draft. */
    public static final String DRAFT = "draft";

    private final StoredProject project;

    public Guidelines(StoredProject project) {
        this.project = project;
    }

    /** The published versions, oldest first. @throws StoreException naming the file that cannot be read */
    public List<GuidelineVersion> versions() throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** One published version. */
    public Optional<GuidelineVersion> version(int number) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The number of the latest published version, 0 when none. */
    public int current() {
        return project.project().currentGuidelineVersion();
    }

    /** The draft; when never edited, the text of the latest version (or empty). */
    public GuidelineDraft draft() throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * The text of {@code ref}: a version number or {@link #DRAFT}.
     *
     * @throws IllegalArgumentException naming the ref when there is no such version
     */
    public String text(String ref) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Replaces the draft's text; recorded in the audit trail. */
    public GuidelineDraft saveDraft(String markdown, String user) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * Freezes the draft as the next version: writes the version, makes it the project's current
     * guideline version, links FAQ entries promoted into this draft to it, and records it.
     *
     * @throws IllegalStateException when the draft is the same as the latest version
     */
    public GuidelineVersion publish(String note, String user) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The diff between two refs (version numbers or {@link #DRAFT}). */
    public GuidelineDiff diff(String from, String to) throws StoreException {
        return GuidelineDiff.between(text(from), text(to));
    }

    /** The version {@code user} last acknowledged, if any. */
    public Optional<Acknowledgement> acknowledged(String user) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Records that {@code user} has read the current version and the FAQ decisions up to now. */
    public Acknowledgement acknowledge(String user) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * What changed since {@code user} last acknowledged: the diff from that version (or from
     * nothing) to the current one, and the FAQ entries decided since.
     */
    public WhatChanged whatChanged(String user, Faq faq) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * The annotation sets made under a version older than the current one, with the labels they use.
     * Reads every item: a background job's work on a large project.
     */
    public List<StaleSet> stale() throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * The stale sets a change affects: those that use a label in {@code labels}; none when
     * {@code labels} is empty.
     */
    public static List<StaleSet> affectedBy(List<StaleSet> stale, Collection<String> labels) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * Sends sets back to their annotators (state in progress) through the session's edits, so the
     * GUI can undo it and saving records each state change; adds one summary audit event.
     *
     * @return how many sets changed state
     */
    public int requeue(ProjectSession session, List<StaleSet> sets, String reason) throws StoreException {
        throw new UnsupportedOperationException("to be implemented");
    }
}
