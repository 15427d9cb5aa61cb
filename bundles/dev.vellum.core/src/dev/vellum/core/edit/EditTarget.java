package dev.vellum.core.edit;

import dev.vellum.core.model.Item;

/** What commands edit: the loaded, live items of an open project. */
public interface EditTarget {
    /**
     * The live item with that id, loaded.
     *
     * @throws IllegalArgumentException when the project has no such item
     */
    Item item(String itemId);
}
