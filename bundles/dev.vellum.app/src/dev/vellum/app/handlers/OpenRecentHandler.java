package dev.vellum.app.handlers;

import dev.vellum.app.internal.ProjectSwitch;
import jakarta.inject.Named;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

/** Opens a project from the File > Open Recent menu; the location comes as the command parameter. */
public final class OpenRecentHandler {
    /** The command parameter holding the project location. */
    public static final String PATH_PARAMETER = "dev.vellum.app.command.openRecent.path";

    @Execute
    void execute(IEclipseContext context, @Named(PATH_PARAMETER) String location,
            @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        ContextInjectionFactory.make(ProjectSwitch.class, context).open(shell, location);
    }
}
