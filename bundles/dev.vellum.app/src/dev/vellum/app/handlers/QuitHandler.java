package dev.vellum.app.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;

/** Quits the workbench. */
public final class QuitHandler {
    @Execute
    void execute(IWorkbench workbench) {
        workbench.close();
    }
}
