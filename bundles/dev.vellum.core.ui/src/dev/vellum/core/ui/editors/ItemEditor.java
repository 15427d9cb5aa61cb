package dev.vellum.core.ui.editors;

import dev.vellum.core.model.Annotation;
import java.util.List;
import java.util.Objects;

/**
 * An open editor of one item as the rest of the workbench sees it: which item, and which
 * annotations are selected in it, with whose set each is in. The part object of an editor
 * implements it, so that commands that work "in any editor" (raise a question about the selected
 * annotation, show the guidelines for its label, show its history) need not know the editor.
 * <p>
 * Editors that do not implement it still work when they follow the {@link EditorProvider}
 * contract (the item id in the part's persisted state) and publish the selected {@link Annotation}
 * as the selection; the annotator is then found by looking the annotation up in the item. No SWT:
 * the interface describes data only.
 */
public interface ItemEditor {
    /**
     * One selected annotation and the annotator whose set holds it.
     *
     * @param annotator  whose annotation set
     * @param annotation the annotation as shown
     */
    record SelectedAnnotation(String annotator, Annotation annotation) {
        public SelectedAnnotation {
            Objects.requireNonNull(annotator, "annotator");
            Objects.requireNonNull(annotation, "annotation");
        }
    }

    /** The item this editor shows. */
    String itemId();

    /** The annotations selected now, in the editor's order; empty when none is. */
    List<SelectedAnnotation> selectedAnnotations();
}
