package dev.vellum.guidelines.ui.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.swt.custom.ExtendedModifyEvent;
import org.eclipse.swt.custom.StyledText;

/**
 * Undo and redo of typing in a {@link StyledText}: consecutive typed characters are one step, as
 * in every text editor; a paste or a deletion of a selection is a step of its own.
 */
public final class TextUndo {
    private record Step(int start, String removed, String inserted, long time) {
    }

    private final StyledText text;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private boolean replaying;

    public TextUndo(StyledText text) {
        this.text = text;
        text.addExtendedModifyListener(this::modified);
    }

    private void modified(ExtendedModifyEvent e) {
        if (replaying) {
            return;
        }
        String inserted = text.getTextRange(e.start, e.length);
        Step step = new Step(e.start, e.replacedText, inserted, System.currentTimeMillis());
        Step last = undo.peek();
        boolean typing = step.removed().isEmpty() && inserted.length() == 1 && !inserted.equals("\n");
        if (typing && last != null && last.removed().isEmpty() && last.start() + last.inserted().length() == step.start()
                && step.time() - last.time() < 1500 && !last.inserted().endsWith("\n")) {
            undo.pop();
            undo.push(new Step(last.start(), "", last.inserted() + inserted, step.time()));
        } else {
            undo.push(step);
        }
        redo.clear();
    }

    /** Whether there is something to undo. */
    public boolean canUndo() {
        return !undo.isEmpty();
    }

    /** Whether there is something to redo. */
    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Takes back the last step. */
    public void undo() {
        Step s = undo.poll();
        if (s == null) {
            return;
        }
        replay(s.start(), s.inserted().length(), s.removed());
        redo.push(s);
    }

    /** Does the last undone step again. */
    public void redo() {
        Step s = redo.poll();
        if (s == null) {
            return;
        }
        replay(s.start(), s.removed().length(), s.inserted());
        undo.push(s);
    }

    /** Forgets every step (after the text was replaced as a whole). */
    public void clear() {
        undo.clear();
        redo.clear();
    }

    private void replay(int start, int length, String with) {
        replaying = true;
        try {
            text.replaceTextRange(start, length, with);
            text.setSelection(start + with.length());
            text.showSelection();
        } finally {
            replaying = false;
        }
    }
}
