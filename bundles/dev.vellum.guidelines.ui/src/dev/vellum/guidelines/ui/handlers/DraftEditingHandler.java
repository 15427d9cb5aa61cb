package dev.vellum.guidelines.ui.handlers;

import dev.vellum.guidelines.ui.parts.GuidelinesPart;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

/**
 * Save, undo and redo while the guideline draft is edited (Ctrl+S, Ctrl+Z, Ctrl+Shift+Z in the
 * draft's binding context): they act on the draft's text, not on the project's annotations.
 */
public final class DraftEditingHandler {
    /** The command parameter naming the action: {@code save}, {@code undo} or {@code redo}. */
    public static final String ACTION = "dev.vellum.guidelines.ui.command.draft.action";

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.getObject() instanceof GuidelinesPart g && g.isEditing();
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part, @Named(ACTION) String action) {
        if (!(part.getObject() instanceof GuidelinesPart g)) {
            return;
        }
        switch (action) {
        case "save" -> g.saveDraft();
        case "undo" -> g.undoTyping();
        case "redo" -> g.redoTyping();
        default -> throw new IllegalArgumentException("unknown draft action '" + action + "'");
        }
    }
}
