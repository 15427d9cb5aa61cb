package dev.vellum.modality.preference.ui.handlers;

import dev.vellum.modality.preference.ui.parts.PreferenceEditor;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

/** The preference editor's context-menu actions: flag the selected passage, go to the next or previous comparison. */
public final class PreferenceActionHandler {
    /** The command parameter naming the action. */
    public static final String ACTION = "dev.vellum.modality.preference.ui.command.preferenceAction.action";

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.getObject() instanceof PreferenceEditor;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part, @Named(ACTION) String action) {
        if (part.getObject() instanceof PreferenceEditor editor) {
            editor.perform(action);
        }
    }
}
