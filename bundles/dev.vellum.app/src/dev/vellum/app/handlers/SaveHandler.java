package dev.vellum.app.handlers;

import dev.vellum.app.internal.ProjectSwitch;
import dev.vellum.app.internal.WorkbenchProject;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

/** Saves every changed item of the open project (Ctrl+S); enabled while there are unsaved changes. */
public final class SaveHandler {
    @CanExecute
    boolean canExecute(WorkbenchProject workbench) {
        return workbench.isDirty();
    }

    @Execute
    void execute(WorkbenchProject workbench, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        ProjectSwitch.save(shell, workbench);
    }
}
