package dev.vellum.app.handlers;

import dev.vellum.app.internal.NewProjectDialog;
import dev.vellum.app.internal.ProjectSwitch;
import jakarta.inject.Named;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

/** Creates a project in a folder the user names, and opens it (Ctrl+N). */
public final class NewProjectHandler {
    @Execute
    void execute(IEclipseContext context, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        NewProjectDialog dialog = new NewProjectDialog(shell);
        if (dialog.open() == Window.OK) {
            ContextInjectionFactory.make(ProjectSwitch.class, context).create(shell, dialog.folder(), dialog.name());
        }
    }
}
