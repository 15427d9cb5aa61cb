package dev.vellum.app.handlers;

import dev.vellum.app.internal.WorkbenchProject;
import dev.vellum.core.spi.StoreException;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/** Repeats the last undone edit of the open project (Ctrl+Shift+Z, Ctrl+Y). */
public final class RedoHandler {
    @CanExecute
    boolean canExecute(WorkbenchProject workbench) {
        return workbench.session().map(s -> s.canRedo()).orElse(false);
    }

    @Execute
    void execute(WorkbenchProject workbench, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        try {
            if (workbench.session().isPresent()) {
                workbench.session().get().redo();
            }
        } catch (StoreException | RuntimeException e) {
            MessageDialog.openError(shell, "Cannot Redo", e.getMessage());
        }
    }
}
