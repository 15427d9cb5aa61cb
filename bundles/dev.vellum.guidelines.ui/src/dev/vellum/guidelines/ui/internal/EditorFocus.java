package dev.vellum.guidelines.ui.internal;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.editors.ItemEditor.SelectedAnnotation;
import dev.vellum.guidelines.FaqContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * What the user is working on: the item of the active editor (or of the explorer's selection) and
 * the annotation selected in it, with whose set it is in. Works with any editor that implements
 * {@link ItemEditor}, and with any that keeps its item id in its persisted state and publishes the
 * selected {@link Annotation}.
 *
 * @param itemId     the item, or empty
 * @param modalityId the item's modality, or empty
 * @param annotator  whose set the annotation is in, or empty
 * @param annotation the selected annotation, or null
 */
public record EditorFocus(String itemId, String modalityId, String annotator, Annotation annotation) {
    /** Nothing in focus: a general question. */
    public static final EditorFocus NONE = new EditorFocus("", "", "", null);

    /** The label of the selected annotation, or empty. */
    public String label() {
        return annotation == null ? "" : annotation.label();
    }

    /** The FAQ context of a question raised about this focus under guideline version {@code version}. */
    public FaqContext toFaqContext(int version) {
        return new FaqContext(itemId, annotator, annotation == null ? "" : annotation.id(), label(), modalityId,
                annotation == null ? Map.of() : annotation.payload(), version);
    }

    /**
     * The focus of the workbench.
     *
     * @param session   the open project
     * @param parts     the window's parts, to find the editor shown; may be null
     * @param active    the active part, or null
     * @param selection the active selection, or null
     * @return the active editor's item and selection; else the item selected in the active part; else
     *         the item of the editor shown; else {@link #NONE}
     */
    public static EditorFocus find(ProjectSession session, EPartService parts, MPart active, Object selection) {
        if (session == null) {
            return NONE;
        }
        if (isEditor(active)) {
            return of(session, active.getObject(), active.getPersistedState().get(EditorProvider.ITEM_ID), selection);
        }
        // An item selected elsewhere (the explorer) is what the user points at; else the editor shown.
        EditorFocus selected = ofSelection(session, selection);
        if (!selected.itemId().isEmpty()) {
            return selected;
        }
        MPart editor = visibleEditor(parts);
        if (editor != null) {
            return of(session, editor.getObject(), editor.getPersistedState().get(EditorProvider.ITEM_ID), null);
        }
        return NONE;
    }

    /**
     * The focus given by an editor object and the selection it published.
     *
     * @param editorObject the editor part's object (an {@link ItemEditor} gives the most exact answer)
     * @param itemId       the item from the part's persisted state, used when the editor is no ItemEditor
     * @param selection    what the editor published, or null
     */
    public static EditorFocus of(ProjectSession session, Object editorObject, String itemId, Object selection) {
        if (editorObject instanceof ItemEditor ie) {
            List<SelectedAnnotation> selected = ie.selectedAnnotations();
            String item = ie.itemId();
            if (!selected.isEmpty()) {
                SelectedAnnotation first = selected.get(0);
                return new EditorFocus(item, modality(session, item), first.annotator(), first.annotation());
            }
            return new EditorFocus(item, modality(session, item), "", null);
        }
        if (itemId == null || itemId.isEmpty()) {
            return ofSelection(session, selection);
        }
        Annotation a = annotationIn(selection);
        if (a != null) {
            return new EditorFocus(itemId, modality(session, itemId), annotatorOf(session, itemId, a), a);
        }
        return new EditorFocus(itemId, modality(session, itemId), "", null);
    }

    private static EditorFocus ofSelection(ProjectSession session, Object selection) {
        Object first = selection instanceof Collection<?> c && !c.isEmpty() ? c.iterator().next() : selection;
        if (first instanceof ItemSummary s) {
            return new EditorFocus(s.id(), s.modalityId(), "", null);
        }
        if (first instanceof Item i) {
            return new EditorFocus(i.id(), i.modalityId(), "", null);
        }
        return NONE;
    }

    private static Annotation annotationIn(Object selection) {
        Object first = selection instanceof Collection<?> c && !c.isEmpty() ? c.iterator().next() : selection;
        return first instanceof Annotation a ? a : null;
    }

    private static String modality(ProjectSession session, String itemId) {
        return session.project().item(itemId).map(ItemSummary::modalityId).orElse("");
    }

    // The set that holds this very annotation: ids are unique within an item's set, and the same id in
    // two sets is told apart by the rest of the annotation.
    private static String annotatorOf(ProjectSession session, String itemId, Annotation a) {
        try {
            Item item = session.load(itemId);
            String byId = "";
            for (AnnotationSet set : item.sets()) {
                for (Annotation candidate : set.annotations()) {
                    if (candidate.equals(a)) {
                        return set.annotator();
                    }
                    if (candidate.id().equals(a.id()) && byId.isEmpty()) {
                        byId = set.annotator();
                    }
                }
            }
            return byId;
        } catch (StoreException | RuntimeException e) {
            return "";
        }
    }

    /**
     * The label of the annotation selected in an editor: from the selection when it is an
     * annotation (or a collection starting with one), else from the active {@link ItemEditor}.
     *
     * @return the label, or null when no annotation is selected
     */
    public static String labelOf(Object selection, MPart active) {
        Object first = selection instanceof Collection<?> c && !c.isEmpty() ? c.iterator().next() : selection;
        if (first instanceof Annotation a) {
            return a.label();
        }
        if (active != null && active.getObject() instanceof ItemEditor editor && !editor.selectedAnnotations().isEmpty()) {
            return editor.selectedAnnotations().get(0).annotation().label();
        }
        return null;
    }

    /** Whether a part is an open item editor. */
    public static boolean isEditor(MPart part) {
        return part != null && part.getObject() != null && part.getPersistedState().containsKey(EditorProvider.ITEM_ID);
    }

    /** The item editor on top of the editor area, if one is shown. */
    public static MPart visibleEditor(EPartService parts) {
        if (parts == null) {
            return null;
        }
        for (MPart p : parts.getParts()) {
            if (isEditor(p) && parts.isPartVisible(p)) {
                return p;
            }
        }
        return null;
    }

    /** The item editors open now. */
    public static Optional<MPart> editorOf(EPartService parts, String itemId) {
        if (parts == null) {
            return Optional.empty();
        }
        return parts.getParts().stream().filter(EditorFocus::isEditor)
                .filter(p -> itemId.equals(p.getPersistedState().get(EditorProvider.ITEM_ID))).findFirst();
    }
}
