package dev.vellum.core.session;

import java.util.Set;

/**
 * What changed in an open project.
 *
 * @param kind    the kind of change
 * @param itemIds the items concerned (empty for project-wide changes)
 */
public record ProjectChange(Kind kind, Set<String> itemIds) {
    /** Kinds of change. */
    public enum Kind {
        /** Annotations or states of items changed (by an edit, undo or redo). */
        ITEMS_CHANGED,
        /** Items were added. */
        ITEMS_ADDED,
        /** Items were removed. */
        ITEMS_REMOVED,
        /** Changed items were saved (the ids say which); after a complete save the project is clean. */
        SAVED,
        /** Project settings or schemas changed. */
        PROJECT_CHANGED
    }

    public ProjectChange {
        itemIds = Set.copyOf(itemIds);
    }
}
