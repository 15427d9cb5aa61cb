package dev.vellum.guidelines.ui.internal;

import dev.vellum.core.spi.StoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** How the views report failures: one line for the user, the details in the log. */
public final class Problems {
    private Problems() {
    }

    /** The one line to show for a failure. */
    public static String message(Throwable e) {
        if (e instanceof StoreException || e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Logs {@code e} and tells the user in a dialog titled {@code title}. */
    public static void show(Shell shell, String title, Throwable e) {
        log(e);
        MessageDialog.openError(shell, title, message(e));
    }

    /** Logs {@code e}: expected failures (store, state) as warnings, others as errors. */
    public static void log(Throwable e) {
        ILog log = ILog.of(Problems.class);
        if (e instanceof StoreException || e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
            log.warn(e.getMessage(), e);
        } else {
            log.error(String.valueOf(e.getMessage()), e);
        }
    }

    /** Runs {@code r} on the UI thread of {@code control}: now when already on it, else later. */
    public static void ui(Control control, Runnable r) {
        if (control == null || control.isDisposed()) {
            return;
        }
        Display d = control.getDisplay();
        if (d.getThread() == Thread.currentThread()) {
            r.run();
        } else {
            d.asyncExec(() -> {
                if (!control.isDisposed()) {
                    r.run();
                }
            });
        }
    }
}
