package dev.vellum.app.handlers;

import dev.vellum.app.internal.ProjectSwitch;
import dev.vellum.app.internal.WorkbenchProject;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.widgets.Shell;

/** Quits the workbench (Ctrl+Q), after asking what to do with unsaved changes. */
public final class QuitHandler {
    @Execute
    void execute(IWorkbench workbench, WorkbenchProject project, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        if (ProjectSwitch.confirmLeaving(shell, project)) {
            project.close();
            workbench.close();
        }
    }
}
