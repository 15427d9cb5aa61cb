package dev.vellum.core.edit;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import java.util.Objects;
import java.util.Set;

/** Adds an annotation to an annotator's set, starting the set (at a guideline version) when there is none. */
public final class AddAnnotation implements EditCommand {
    private final String itemId;
    private final String annotator;
    private final Annotation annotation;
    private final int index;
    private final int guidelineVersion;
    private boolean createdSet;

    /**
     * @param index            position in drawing order, or -1 to append
     * @param guidelineVersion version recorded on a set this command has to start
     */
    public AddAnnotation(String itemId, String annotator, Annotation annotation, int index, int guidelineVersion) {
        this.itemId = Objects.requireNonNull(itemId);
        this.annotator = Objects.requireNonNull(annotator);
        this.annotation = Objects.requireNonNull(annotation);
        this.index = index;
        this.guidelineVersion = guidelineVersion;
    }

    @Override
    public String label() {
        return "Add " + (annotation.label().isEmpty() ? "annotation" : "'" + annotation.label() + "'");
    }

    @Override
    public Set<String> itemIds() {
        return Set.of(itemId);
    }

    @Override
    public void apply(EditTarget target) {
        Item item = target.item(itemId);
        AnnotationSet set = item.set(annotator).orElse(null);
        createdSet = set == null;
        if (createdSet) {
            set = AnnotationSet.start(annotator, guidelineVersion);
            item.putSet(set);
        }
        set.insert(index, annotation);
    }

    @Override
    public void undo(EditTarget target) {
        Item item = target.item(itemId);
        AnnotationSet set = item.set(annotator).orElseThrow();
        set.removeAt(set.indexOf(annotation.id()));
        if (createdSet) {
            item.removeSet(annotator);
        }
    }
}
