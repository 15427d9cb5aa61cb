package dev.vellum.app.internal;

import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.EditorRegistry;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MStackElement;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * The editor area: opens an item in the editor its modality's {@link EditorProvider} chooses (the
 * generic annotation list when none is installed), reuses an editor already open on the item, and
 * shows a hint part while no editor is open.
 */
@Creatable
public final class EditorArea {
    /** The part stack editors open in. */
    public static final String EDITOR_STACK = "dev.vellum.app.partstack.editors";
    /** The editor for items of any modality, used when no provider accepts an item. */
    public static final String GENERIC_EDITOR = "dev.vellum.app.partdescriptor.annotationList";
    /** The part shown while no editor is open. */
    public static final String HINT_PART = "dev.vellum.app.part.editorHint";

    private final EPartService parts;
    private final EModelService models;
    private final MApplication application;
    private final EditorRegistry editors;
    private final WorkbenchProject workbench;

    @Inject
    public EditorArea(EPartService parts, EModelService models, MApplication application,
            @Optional EditorRegistry editors, WorkbenchProject workbench) {
        this.parts = parts;
        this.models = models;
        this.application = application;
        this.editors = editors;
        this.workbench = workbench;
    }

    /**
     * The part descriptor to open {@code item} with: the one of the provider with the best score,
     * or {@link #GENERIC_EDITOR} when none accepts it.
     *
     * @param editors the installed editors; null counts as none
     */
    public static String descriptorFor(EditorRegistry editors, ItemSummary item) {
        if (editors == null) {
            return GENERIC_EDITOR;
        }
        return editors.bestFor(item).map(EditorProvider::partDescriptorId).orElse(GENERIC_EDITOR);
    }

    /**
     * Shows the item in an editor, activated: the one already open on it, or a new one.
     *
     * @return the editor part, or empty when no project is open or it has no such item
     */
    public java.util.Optional<MPart> open(String itemId) {
        java.util.Optional<ItemSummary> summary = workbench.session().flatMap(s -> s.project().item(itemId));
        if (summary.isEmpty()) {
            return java.util.Optional.empty();
        }
        MPartStack stack = stack();
        for (MPart open : editorsIn(stack)) {
            if (itemId.equals(open.getPersistedState().get(EditorProvider.ITEM_ID))) {
                parts.showPart(open, PartState.ACTIVATE);
                return java.util.Optional.of(open);
            }
        }
        MPart part = parts.createPart(descriptorFor(editors, summary.get()));
        if (part == null) {
            // A provider named a descriptor that no model fragment contributes: fall back, do not fail.
            part = parts.createPart(GENERIC_EDITOR);
        }
        part.getPersistedState().put(EditorProvider.ITEM_ID, itemId);
        part.setLabel(itemId);
        part.setTooltip(summary.get().dataset().isEmpty() ? itemId : summary.get().dataset() + " / " + itemId);
        part.getTags().add(EPartService.REMOVE_ON_HIDE_TAG);
        stack.getChildren().add(part);
        parts.showPart(part, PartState.ACTIVATE);
        updateHint();
        return java.util.Optional.of(part);
    }

    /** The editor parts open now. */
    public List<MPart> openEditors() {
        return editorsIn(stack());
    }

    /** Closes every editor without asking (callers have dealt with unsaved changes). */
    public void closeAll() {
        for (MPart part : openEditors()) {
            part.setDirty(false);
            parts.hidePart(part, true);
        }
        updateHint();
    }

    /** Shows the hint part when no editor is open and hides it otherwise. */
    public void updateHint() {
        MPartStack stack = stack();
        MUIElement hint = models.find(HINT_PART, application);
        if (stack == null || hint == null) {
            return;
        }
        boolean empty = editorsIn(stack).isEmpty();
        if (hint.isToBeRendered() != empty) {
            hint.setToBeRendered(empty);
        }
        if (empty && stack.getSelectedElement() != hint && hint instanceof MStackElement element) {
            stack.setSelectedElement(element);
        }
    }

    private MPartStack stack() {
        return (MPartStack) models.find(EDITOR_STACK, application);
    }

    private static List<MPart> editorsIn(MPartStack stack) {
        List<MPart> out = new ArrayList<>();
        if (stack == null) {
            return out;
        }
        for (MStackElement e : stack.getChildren()) {
            if (e instanceof MPart p && p.isToBeRendered() && p.getPersistedState().containsKey(EditorProvider.ITEM_ID)) {
                out.add(p);
            }
        }
        return out;
    }
}
