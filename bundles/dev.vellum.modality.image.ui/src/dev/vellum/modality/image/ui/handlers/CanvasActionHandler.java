package dev.vellum.modality.image.ui.handlers;

import dev.vellum.modality.image.ui.parts.ImageEditor;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

/** The image editor's context-menu actions on the selected shapes: copy, paste, delete, bring to front, send to back. */
public final class CanvasActionHandler {
    /** The command parameter naming the action. */
    public static final String ACTION = "dev.vellum.modality.image.ui.command.canvasAction.action";

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.getObject() instanceof ImageEditor;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part, @Named(ACTION) String action) {
        if (part.getObject() instanceof ImageEditor editor) {
            editor.perform(action);
        }
    }
}
