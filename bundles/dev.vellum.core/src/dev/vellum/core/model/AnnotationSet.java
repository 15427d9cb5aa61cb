package dev.vellum.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One annotator's work on one item: the annotations, where they stand in review, and the guideline
 * version they were made under. Mutated only through edit commands so that undo and saving see every change.
 */
public final class AnnotationSet {
    private final String annotator;
    private AnnotationState state;
    private int guidelineVersion;
    private final Instant created;
    private Instant modified;
    private final List<Annotation> annotations;
    /** The ids in {@link #annotations}, so adding one checks uniqueness at once, not by a scan. */
    private final java.util.Set<String> ids = new java.util.HashSet<>();

    /**
     * @param annotator        the user whose work this is
     * @param state            review state
     * @param guidelineVersion the guideline version it was made under (0 before any version was published)
     * @param created          when the annotator started
     * @param modified         when it last changed
     * @param annotations      in drawing order; ids unique
     */
    public AnnotationSet(String annotator, AnnotationState state, int guidelineVersion, Instant created, Instant modified,
            List<Annotation> annotations) {
        this.annotator = Objects.requireNonNull(annotator, "annotator");
        if (annotator.isBlank()) {
            throw new IllegalArgumentException("an annotation set needs an annotator");
        }
        this.state = Objects.requireNonNull(state, "state");
        this.guidelineVersion = guidelineVersion;
        this.created = Objects.requireNonNull(created, "created");
        this.modified = modified == null ? created : modified;
        this.annotations = new ArrayList<>(annotations == null ? List.of() : annotations);
        for (Annotation a : this.annotations) {
            if (!ids.add(a.id())) {
                throw new IllegalArgumentException("annotation id '" + a.id() + "' appears twice in the set of " + annotator);
            }
        }
    }

    /** An empty set, in progress, started now. */
    public static AnnotationSet start(String annotator, int guidelineVersion) {
        Instant now = Instant.now();
        return new AnnotationSet(annotator, AnnotationState.IN_PROGRESS, guidelineVersion, now, now, List.of());
    }

    public String annotator() {
        return annotator;
    }

    public AnnotationState state() {
        return state;
    }

    public int guidelineVersion() {
        return guidelineVersion;
    }

    public Instant created() {
        return created;
    }

    public Instant modified() {
        return modified;
    }

    /**
     * When the annotator last made or changed an annotation of the set: the time the work was done,
     * which a review step (a state change, which moves {@link #modified()}) leaves alone; the set's
     * creation when it has no annotation. For charts of work over time.
     */
    public Instant lastAnnotated() {
        Instant last = created;
        for (Annotation a : annotations) {
            if (a.modified().isAfter(last)) {
                last = a.modified();
            }
        }
        return last;
    }

    /** The annotations, unmodifiable, in drawing order. */
    public List<Annotation> annotations() {
        return Collections.unmodifiableList(annotations);
    }

    /** The annotation with that id, if present. */
    public Optional<Annotation> annotation(String id) {
        return annotations.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Position of the annotation with that id, or -1. */
    public int indexOf(String annotationId) {
        if (!ids.contains(annotationId)) {
            // the common case when adding: answered without a scan
            return -1;
        }
        for (int i = 0; i < annotations.size(); i++) {
            if (annotations.get(i).id().equals(annotationId)) {
                return i;
            }
        }
        return -1;
    }

    /** A deep copy (annotations are immutable and shared). */
    public AnnotationSet copy() {
        return new AnnotationSet(annotator, state, guidelineVersion, created, modified, annotations);
    }

    // Mutators. Edits a user makes go through dev.vellum.core.edit commands so that undo, events and
    // saving see them; importers and stores building a model call these directly.

    /** Inserts {@code a} at {@code index} (appends when out of range); ids must stay unique. */
    public void insert(int index, Annotation a) {
        if (!ids.add(a.id())) {
            throw new IllegalArgumentException("annotation id '" + a.id() + "' already exists in the set of " + annotator);
        }
        annotations.add(index < 0 || index > annotations.size() ? annotations.size() : index, a);
        touch();
    }

    /** Removes and returns the annotation at {@code index}. */
    public Annotation removeAt(int index) {
        Annotation a = annotations.remove(index);
        ids.remove(a.id());
        touch();
        return a;
    }

    /** Replaces the annotation at {@code index}. */
    public void replaceAt(int index, Annotation a) {
        Annotation old = annotations.get(index);
        if (!old.id().equals(a.id()) && ids.contains(a.id())) {
            throw new IllegalArgumentException("annotation id '" + a.id() + "' already exists in the set of " + annotator);
        }
        annotations.set(index, a);
        ids.remove(old.id());
        ids.add(a.id());
        touch();
    }

    /** Moves the set to another review state. */
    public void setState(AnnotationState newState) {
        this.state = Objects.requireNonNull(newState);
        touch();
    }

    /** Records the guideline version the work now follows. */
    public void setGuidelineVersion(int version) {
        this.guidelineVersion = version;
        touch();
    }

    /** Sets the modification time (used when restoring a previous state on undo). */
    public void setModified(Instant when) {
        this.modified = when;
    }

    private void touch() {
        modified = Instant.now();
    }
}
