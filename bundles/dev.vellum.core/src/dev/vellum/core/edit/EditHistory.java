package dev.vellum.core.edit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Undo and redo stacks with a save point, so an editor knows when undoing has brought the project
 * back to what is on disk. Keeps at most {@code limit} steps.
 */
public final class EditHistory {
    private final Deque<EditCommand> undo = new ArrayDeque<>();
    private final Deque<EditCommand> redo = new ArrayDeque<>();
    private final int limit;
    private long position;
    private long savedPosition;

    /** @param limit how many steps can be undone, at least 1 */
    public EditHistory(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
    }

    /** Applies {@code command} and makes it the next step to undo; clears redo. */
    public void execute(EditCommand command, EditTarget target) {
        command.apply(target);
        undo.push(command);
        if (undo.size() > limit) {
            undo.removeLast();
        }
        if (savedPosition > position) {
            savedPosition = -1;
        }
        redo.clear();
        position++;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** The label of the step {@link #undo} would reverse. */
    public Optional<String> undoLabel() {
        return Optional.ofNullable(undo.peek()).map(EditCommand::label);
    }

    /** The label of the step {@link #redo} would repeat. */
    public Optional<String> redoLabel() {
        return Optional.ofNullable(redo.peek()).map(EditCommand::label);
    }

    /** The step {@link #undo} would reverse, without reversing it. */
    public Optional<EditCommand> peekUndo() {
        return Optional.ofNullable(undo.peek());
    }

    /** The step {@link #redo} would repeat, without repeating it. */
    public Optional<EditCommand> peekRedo() {
        return Optional.ofNullable(redo.peek());
    }

    /** Reverses the last step and returns it, if there is one. */
    public Optional<EditCommand> undo(EditTarget target) {
        EditCommand c = undo.poll();
        if (c == null) {
            return Optional.empty();
        }
        c.undo(target);
        redo.push(c);
        position--;
        return Optional.of(c);
    }

    /** Repeats the last undone step and returns it, if there is one. */
    public Optional<EditCommand> redo(EditTarget target) {
        EditCommand c = redo.poll();
        if (c == null) {
            return Optional.empty();
        }
        c.apply(target);
        undo.push(c);
        position++;
        return Optional.of(c);
    }

    /** Marks the current state as the saved one. */
    public void markSaved() {
        savedPosition = position;
    }

    /**
     * Forgets the save point: after a save that failed part way, no position of the history matches
     * what is on disk any more.
     */
    public void forgetSavePoint() {
        savedPosition = -1;
    }

    /** Whether undo/redo have brought the edits back to the last save point. */
    public boolean isAtSavePoint() {
        return position == savedPosition;
    }

    /** Forgets all steps (e.g. after reloading from disk). */
    public void clear() {
        undo.clear();
        redo.clear();
        position = 0;
        savedPosition = 0;
    }
}
