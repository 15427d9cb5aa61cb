package dev.vellum.app.handlers;

import dev.vellum.app.internal.ProjectSwitch;
import dev.vellum.app.internal.WorkbenchProject;
import jakarta.inject.Named;
import java.nio.file.Path;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;

/** Opens a project folder the user picks (Ctrl+O). */
public final class OpenProjectHandler {
    @Execute
    void execute(IEclipseContext context, WorkbenchProject workbench, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        DirectoryDialog dialog = new DirectoryDialog(shell, SWT.OPEN);
        dialog.setText("Open Project");
        dialog.setMessage("Choose the folder of a Vellum project");
        // Start next to the last project: projects usually live side by side.
        workbench.recent().list().stream().findFirst().map(Path::of).map(Path::getParent)
                .ifPresent(parent -> dialog.setFilterPath(parent.toString()));
        String folder = dialog.open();
        if (folder != null) {
            ContextInjectionFactory.make(ProjectSwitch.class, context).open(shell, folder);
        }
    }
}
