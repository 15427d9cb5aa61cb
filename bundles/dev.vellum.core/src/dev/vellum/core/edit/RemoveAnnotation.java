package dev.vellum.core.edit;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import java.util.Objects;
import java.util.Set;

/** Removes an annotation from an annotator's set; undo puts it back at the same position. */
public final class RemoveAnnotation implements EditCommand {
    private final String itemId;
    private final String annotator;
    private final String annotationId;
    private Annotation removed;
    private int index = -1;

    public RemoveAnnotation(String itemId, String annotator, String annotationId) {
        this.itemId = Objects.requireNonNull(itemId);
        this.annotator = Objects.requireNonNull(annotator);
        this.annotationId = Objects.requireNonNull(annotationId);
    }

    @Override
    public String label() {
        return "Delete annotation";
    }

    @Override
    public Set<String> itemIds() {
        return Set.of(itemId);
    }

    @Override
    public void apply(EditTarget target) {
        AnnotationSet set = Targets.set(target, itemId, annotator);
        index = Targets.indexOf(set, itemId, annotationId);
        removed = set.removeAt(index);
    }

    @Override
    public void undo(EditTarget target) {
        target.item(itemId).set(annotator).orElseThrow().insert(index, removed);
    }
}
