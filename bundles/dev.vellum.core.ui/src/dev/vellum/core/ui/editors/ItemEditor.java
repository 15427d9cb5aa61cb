package dev.vellum.core.ui.editors;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Project;
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
     * The element id that an item editor gives its context menu (a popup menu in its part
     * descriptor), so that bundles contributing commands for "the selected annotation in any editor"
     * (raise a question, guidelines for the label) reach every editor with one menu contribution.
     */
    String POPUP_MENU = "dev.vellum.core.ui.popupmenu.editor";

    /**
     * The key in {@link Project#extensions()} that, when {@code true}, lets every user change the
     * annotations of every annotator's set (a team that corrects each other's work). Absent or
     * anything else: users change only their own set.
     */
    String EDIT_OTHERS_SETS = "workbench.editOthersSets";

    /**
     * The one rule for what may be changed in any editor or view: whether {@code user} may change the
     * annotations in {@code annotator}'s set of {@code project}. Their own set always; another's only
     * when the project allows it ({@link #EDIT_OTHERS_SETS}). Review decisions (submit, accept,
     * reject) are not annotation changes and are not governed by it.
     */
    static boolean mayEdit(Project project, String user, String annotator) {
        if (annotator.equals(user)) {
            return true;
        }
        return project != null && Boolean.TRUE.equals(project.extensions().get(EDIT_OTHERS_SETS));
    }

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

    /**
     * Selects these annotations in the editor (replacing its selection), as if the user had clicked
     * them; ones the editor does not show are ignored. Called by views that list annotations (the
     * Outline) so that both show the same selection. The editor publishes its new selection as
     * usual. The default does nothing, for editors that cannot be told what to select.
     */
    default void select(List<SelectedAnnotation> annotations) {
    }

    /**
     * Selects the annotation and brings it into view (scrolls or pans to it), so that the user can
     * work on it at once. The default selects it only.
     */
    default void reveal(SelectedAnnotation annotation) {
        select(List.of(annotation));
    }
}
