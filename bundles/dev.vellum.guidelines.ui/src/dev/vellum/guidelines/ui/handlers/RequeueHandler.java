package dev.vellum.guidelines.ui.handlers;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.guidelines.ui.internal.RequeueDialog;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

/** Opens the dialog that sends work made under older guideline versions back to its annotators. */
public final class RequeueHandler {
    @CanExecute
    boolean canExecute(@Optional ProjectSession session) {
        return session != null && session.project().currentGuidelineVersion() > 0;
    }

    @Execute
    void execute(ProjectSession session, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        new RequeueDialog(shell, session).open();
    }
}
