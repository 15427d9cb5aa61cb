package dev.vellum.core.spi;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;

/**
 * Who may see which annotation set: the workflow's blind rules (an annotator does not see another's
 * work on the same item before submitting their own). A DS service; every registered one must allow
 * a set for it to be shown. With none registered, every set is visible. Editors, the outline and
 * every view that shows annotations ask before showing a set that is not the user's own.
 */
public interface SetVisibility {
    /**
     * Whether {@code user} may see {@code set} of {@code item}. A user always sees their own set;
     * implementations are asked only about others'.
     */
    boolean mayView(Project project, Item item, AnnotationSet set, String user);
}
