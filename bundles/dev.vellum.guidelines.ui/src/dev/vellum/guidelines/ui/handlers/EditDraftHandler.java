package dev.vellum.guidelines.ui.handlers;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.guidelines.ui.internal.Workbench;
import dev.vellum.guidelines.ui.parts.GuidelinesPart;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Opens the guideline draft's editor in the Guidelines view. */
public final class EditDraftHandler {
    @CanExecute
    boolean canExecute(@Optional ProjectSession session) {
        return session != null;
    }

    @Execute
    void execute(EPartService parts) {
        GuidelinesPart part = Workbench.show(parts, Workbench.GUIDELINES, GuidelinesPart.class, true);
        if (part != null) {
            part.startEditing();
        }
    }
}
