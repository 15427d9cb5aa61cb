package dev.vellum.modality.text.ui.viewers;

import dev.vellum.core.edit.EditCommand;
import dev.vellum.modality.text.ui.internal.RelationFigure;
import dev.vellum.modality.text.ui.internal.SpanFigure;
import org.eclipse.swt.graphics.RGB;

/** What the {@link SpanText} view needs from the editor around it. */
public interface SpanTextHost {
    String itemId();

    String user();

    /** Whose set new and changed annotations go into. */
    String activeAnnotator();

    /** Whether the user may change the active set ({@code ItemEditor.mayEdit}). */
    boolean mayEdit();

    int guidelineVersion();

    RGB color(String label);

    /** The label a digit key gives, or null. */
    String labelForHotkey(char key);

    /** Executes an edit of the session; false (and a message in the status line) when it failed. */
    boolean execute(EditCommand command);

    void status(String text);

    /** Shows a refusal or failure in the status line. */
    void problem(String text);

    /** The selected span or relation changed (either may be null). */
    void selectionChanged(SpanFigure span, RelationFigure relation);

    /** The user chose the target of a new relation; the editor asks for its type. */
    void relationTargetChosen(SpanFigure from, SpanFigure to);

    /** Ctrl+F: open the find bar. */
    void find();

    /** F3 / Shift+F3: the next or previous match of the find bar's text. */
    void findAgain(boolean forward);

    /** '/': search the label palette. */
    void searchLabels();
}
