package dev.vellum.core.edit;

import java.util.Set;

/**
 * One undoable change. {@link #apply} followed by {@link #undo} leaves the items as they were;
 * {@link #apply} may be called again after {@link #undo} (redo).
 */
public interface EditCommand {
    /** Words for the Edit menu, e.g. "Add box". */
    String label();

    /** The items this command changes; they are loaded before it runs. */
    Set<String> itemIds();

    /**
     * Makes the change.
     *
     * @throws IllegalArgumentException or IllegalStateException when it no longer applies; nothing is changed then
     */
    void apply(EditTarget target);

    /** Reverses {@link #apply}. */
    void undo(EditTarget target);
}
