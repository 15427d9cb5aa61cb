package dev.vellum.core.ui.editors;

import dev.vellum.core.model.ItemSummary;

/**
 * Offers an editor for items: a DS service a modality's {@code .ui} bundle registers alongside the
 * e4 part descriptor it contributes in its model fragment. Returns data only, never widgets.
 * <p>
 * The workbench creates the editor part from the descriptor and puts the item's id in the part's
 * persisted state under {@link #ITEM_ID}; the part finds the open
 * {@link dev.vellum.core.session.ProjectSession} in its context and loads the item from it.
 */
public interface EditorProvider {
    /** Key of the item id in an editor part's persisted state. */
    String ITEM_ID = "itemId";

    /** Score meaning "cannot edit this item". */
    int NOT_SUITABLE = 0;
    /** Score of a generic editor that can show any item. */
    int FALLBACK = 10;
    /** Score of an editor made for the item's modality. */
    int PREFERRED = 100;

    /** Stable id, e.g. {@code image.editor}. */
    String id();

    /** The e4 part descriptor id to instantiate, e.g. {@code dev.vellum.modality.image.ui.partdescriptor.editor}. */
    String partDescriptorId();

    /** How well this editor handles {@code item}; {@link #NOT_SUITABLE} when it cannot. */
    int accepts(ItemSummary item);
}
