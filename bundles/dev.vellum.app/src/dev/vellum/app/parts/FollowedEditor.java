package dev.vellum.app.parts;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.editors.ItemEditor.SelectedAnnotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.widgets.Widget;

/**
 * The item editor a view works with: the active part when it is an item editor, else the last one
 * that was, for as long as it stays open. Views beside the editors (Properties, Outline) become the
 * active part when clicked, yet must keep working on the editor the user came from.
 * <p>
 * An item editor is a part whose object implements {@link ItemEditor}, or any part that keeps its
 * item id in its persisted state ({@link EditorProvider#ITEM_ID}) and publishes the selected
 * {@link Annotation}s.
 */
final class FollowedEditor {
    private MPart part;

    /**
     * Notes the active part.
     *
     * @return whether the followed editor changed (another one, or none because it was closed)
     */
    boolean activated(MPart active) {
        if (active != null && active != part && isItemEditor(active)) {
            part = active;
            return true;
        }
        if (part != null && !isItemEditor(part)) {
            part = null;
            return true;
        }
        return false;
    }

    /** The followed editor's part, or null. */
    MPart part() {
        return part != null && isItemEditor(part) ? part : null;
    }

    /** The followed editor when it implements {@link ItemEditor}, else null. */
    ItemEditor editor() {
        MPart p = part();
        return p != null && p.getObject() instanceof ItemEditor e ? e : null;
    }

    /** The id of the followed editor's item, or null. */
    String itemId() {
        MPart p = part();
        if (p == null) {
            return null;
        }
        if (p.getObject() instanceof ItemEditor e) {
            return e.itemId();
        }
        return p.getPersistedState().get(EditorProvider.ITEM_ID);
    }

    /** Whether {@code p} is the followed editor. */
    boolean is(MPart p) {
        return p != null && p == part();
    }

    private static boolean isItemEditor(MPart p) {
        Object widget = p.getWidget();
        if (widget instanceof Widget w && w.isDisposed() || !p.isToBeRendered() || p.getObject() == null) {
            return false;
        }
        return p.getObject() instanceof ItemEditor || p.getPersistedState().containsKey(EditorProvider.ITEM_ID);
    }

    /**
     * The annotations of a selection with whose set each is in: from the followed editor's
     * {@link ItemEditor#selectedAnnotations()} when they are what it has selected, else by looking
     * each one up in the editor's item.
     *
     * @param selection an {@link Annotation} or a collection of them, as editors publish
     * @return the annotations found, in selection order; empty when the selection holds no annotation
     *         or one of them is not in the followed editor's item
     */
    List<SelectedAnnotation> resolve(ProjectSession session, Object selection) {
        List<Annotation> wanted = annotationsIn(selection);
        if (wanted.isEmpty() || session == null) {
            return List.of();
        }
        ItemEditor editor = editor();
        if (editor != null) {
            List<SelectedAnnotation> selected = editor.selectedAnnotations();
            List<SelectedAnnotation> found = new ArrayList<>();
            for (Annotation a : wanted) {
                selected.stream().filter(s -> s.annotation().equals(a)).findFirst().ifPresent(found::add);
            }
            if (found.size() == wanted.size()) {
                return found;
            }
        }
        String itemId = itemId();
        if (itemId == null) {
            return List.of();
        }
        Item item;
        try {
            item = session.load(itemId);
        } catch (StoreException | RuntimeException e) {
            return List.of();
        }
        List<SelectedAnnotation> found = new ArrayList<>();
        for (Annotation a : wanted) {
            String annotator = annotatorOf(item, a);
            if (annotator == null) {
                return List.of();
            }
            found.add(new SelectedAnnotation(annotator, a));
        }
        return found;
    }

    /** The annotations of a selection: one annotation, or the annotations of a collection. */
    static List<Annotation> annotationsIn(Object selection) {
        if (selection instanceof Annotation a) {
            return List.of(a);
        }
        List<Annotation> out = new ArrayList<>();
        if (selection instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof Annotation a) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    // The set holding this very annotation; ids are unique within a set, so the same id in two sets is
    // told apart by the rest of the annotation, and an id alone decides only when nothing is equal.
    private static String annotatorOf(Item item, Annotation a) {
        String byId = null;
        for (AnnotationSet set : item.sets()) {
            int i = set.indexOf(a.id());
            if (i >= 0) {
                if (set.annotations().get(i).equals(a)) {
                    return set.annotator();
                }
                if (byId == null) {
                    byId = set.annotator();
                }
            }
        }
        return byId;
    }
}
