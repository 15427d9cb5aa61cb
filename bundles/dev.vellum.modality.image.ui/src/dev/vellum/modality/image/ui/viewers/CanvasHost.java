package dev.vellum.modality.image.ui.viewers;

import dev.vellum.core.edit.EditCommand;
import dev.vellum.modality.image.model.KeypointTemplate;
import dev.vellum.modality.image.ui.internal.Figure;
import java.util.List;
import org.eclipse.swt.graphics.RGB;

/** What an {@link ImageCanvas} needs from the editor around it. */
public interface CanvasHost {
    /** The item shown. */
    String itemId();

    /** The user making edits (recorded as the author of changes). */
    String user();

    /** The guideline version a set started by an edit follows. */
    int guidelineVersion();

    /** The annotator whose set is edited; other sets are shown but not editable. */
    String activeAnnotator();

    /** The label new shapes get; empty when none is chosen. */
    String currentLabel();

    /** The colour of a label. */
    RGB color(String label);

    /** The skeleton of keypoints with this label. */
    KeypointTemplate template(String label);

    /** Executes an undoable edit of the item; false (after telling the user) when it failed. */
    boolean execute(EditCommand command);

    /** The selection changed. */
    void selectionChanged(List<Figure> selected);

    /**
     * A key the canvas does not handle itself (label hotkeys, item navigation...).
     *
     * @return whether the host handled it
     */
    boolean keyPressed(int keyCode, int stateMask, char character);

    /** The canvas switched to another tool (by key or by call). */
    default void toolChanged(ImageCanvas.Tool tool) {
    }

    /** Text for the status line: cursor position, zoom, what the tool expects next. */
    void status(String text);
}
