package dev.vellum.core.edit;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import java.util.Objects;
import java.util.Set;

/** Replaces an annotation by a changed version with the same id (new label, attributes or geometry). */
public final class ReplaceAnnotation implements EditCommand {
    private final String itemId;
    private final String annotator;
    private final Annotation after;
    private final String label;
    private Annotation before;

    /** @param label words for the Edit menu, e.g. "Move box" */
    public ReplaceAnnotation(String itemId, String annotator, Annotation after, String label) {
        this.itemId = Objects.requireNonNull(itemId);
        this.annotator = Objects.requireNonNull(annotator);
        this.after = Objects.requireNonNull(after);
        this.label = label == null ? "Change annotation" : label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Set<String> itemIds() {
        return Set.of(itemId);
    }

    @Override
    public void apply(EditTarget target) {
        AnnotationSet set = Targets.set(target, itemId, annotator);
        int i = Targets.indexOf(set, itemId, after.id());
        before = set.annotations().get(i);
        set.replaceAt(i, after);
    }

    @Override
    public void undo(EditTarget target) {
        AnnotationSet set = target.item(itemId).set(annotator).orElseThrow();
        set.replaceAt(set.indexOf(before.id()), before);
    }
}
