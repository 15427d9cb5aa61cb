package dev.vellum.quality.ui.internal;

import dev.vellum.core.ui.editors.ItemEditor;
import java.util.Optional;

/**
 * Opens an item in its editor. The workbench's way ({@link WorkbenchItemOpener}) runs the
 * application's open-item command; tests put their own in the views' context.
 */
@FunctionalInterface
public interface ItemOpener {
    /**
     * Shows the item in its editor, activated.
     *
     * @return the editor, when it is an {@link ItemEditor} showing that item
     */
    Optional<ItemEditor> open(String itemId);
}
