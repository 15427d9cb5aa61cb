package dev.vellum.modality.text.ui.handlers;

import dev.vellum.modality.text.ui.parts.TextEditor;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

/** The text editor's context-menu actions: delete the selection, start a relation from the selected span. */
public final class TextActionHandler {
    /** The command parameter naming the action. */
    public static final String ACTION = "dev.vellum.modality.text.ui.command.textAction.action";

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.getObject() instanceof TextEditor;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part, @Named(ACTION) String action) {
        if (part.getObject() instanceof TextEditor editor) {
            editor.perform(action);
        }
    }
}
