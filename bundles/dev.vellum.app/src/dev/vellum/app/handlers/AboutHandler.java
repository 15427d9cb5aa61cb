package dev.vellum.app.handlers;

import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;

/** Shows the product name, version and Java runtime. */
public final class AboutHandler {
    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        org.osgi.framework.Version v = FrameworkUtil.getBundle(AboutHandler.class).getVersion();
        MessageDialog.openInformation(shell, "About Vellum", "Vellum " + v.getMajor() + "." + v.getMinor() + "." + v.getMicro()
                + "\nBuild " + v.getQualifier()
                + "\n\nAn annotation workbench for images, video, text, audio, point clouds and preference ranking."
                + "\n\nJava " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    }
}
