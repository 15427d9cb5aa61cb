package dev.vellum.core.ui.editors;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Label;

/**
 * An item editor's status line: plain news in the normal colour, problems (a refused or failed
 * edit) in red. Problems go to the status line rather than a dialog so the annotator keeps
 * working; the last one is kept for tests.
 */
public final class EditorStatus {
    private final Label line;
    private String lastProblem;

    /** Writes to {@code line}, which the editor created and laid out. */
    public EditorStatus(Label line) {
        this.line = line;
    }

    /** Shows {@code text} in the normal colour; does nothing once the line is disposed. */
    public void status(String text) {
        if (!line.isDisposed()) {
            line.setForeground(null);
            line.setText(text);
        }
    }

    /** Shows {@code text} as a problem and remembers it; does nothing visible once disposed. */
    public void problem(String text) {
        lastProblem = text;
        if (!line.isDisposed()) {
            line.setForeground(line.getDisplay().getSystemColor(SWT.COLOR_RED));
            line.setText(text);
        }
    }

    /** The text shown. */
    public String text() {
        return line.getText();
    }

    /** The last problem shown, or null. */
    public String lastProblem() {
        return lastProblem;
    }
}
