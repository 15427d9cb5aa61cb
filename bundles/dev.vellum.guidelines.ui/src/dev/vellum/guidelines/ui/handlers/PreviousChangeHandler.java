package dev.vellum.guidelines.ui.handlers;

import dev.vellum.guidelines.ui.internal.ChangeNavigation;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

/** Shows the previous change of the diff in the active view (Ctrl+,). */
public final class PreviousChangeHandler {
    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.getObject() instanceof ChangeNavigation;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part) {
        if (part.getObject() instanceof ChangeNavigation n) {
            n.previousChange();
        }
    }
}
