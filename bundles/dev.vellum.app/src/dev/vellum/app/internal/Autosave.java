package dev.vellum.app.internal;

import dev.vellum.core.spi.StoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Saves the open project every few seconds while it has unsaved changes, in the UI thread so that
 * it never races an edit. A failure is reported to the status line, not in a dialog, so it does not
 * interrupt the annotator every period.
 */
public final class Autosave {
    /** System property with the period in seconds; 0 turns autosave off. */
    public static final String PERIOD_PROPERTY = "vellum.autosave.seconds";
    /** The period when the property is not set. */
    public static final int DEFAULT_SECONDS = 30;

    private final Display display;
    private final WorkbenchProject workbench;
    private final int periodMs;
    private final Runnable tick = this::tick;
    private boolean running;

    /**
     * @param seconds the period; 0 or less disables autosave
     */
    public Autosave(Display display, WorkbenchProject workbench, int seconds) {
        this.display = display;
        this.workbench = workbench;
        this.periodMs = seconds <= 0 ? 0 : seconds * 1000;
    }

    /** The period from {@link #PERIOD_PROPERTY}, {@link #DEFAULT_SECONDS} when unset or not a number. */
    public static int configuredSeconds() {
        String value = System.getProperty(PERIOD_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_SECONDS;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            ILog.of(Autosave.class).warn(PERIOD_PROPERTY + "=" + value + " is not a number of seconds; using " + DEFAULT_SECONDS);
            return DEFAULT_SECONDS;
        }
    }

    /** Starts saving periodically (no effect when disabled). */
    public void start() {
        if (periodMs > 0 && !running) {
            running = true;
            display.timerExec(periodMs, tick);
        }
    }

    /** Stops saving. */
    public void stop() {
        running = false;
        if (!display.isDisposed()) {
            display.timerExec(-1, tick);
        }
    }

    /** Saves now if there is anything to save; what a period does. */
    public void saveIfDirty() {
        if (!workbench.isDirty()) {
            return;
        }
        try {
            workbench.save();
        } catch (StoreException e) {
            ILog.of(Autosave.class).error("autosave: " + e.getMessage(), e);
            workbench.reportProblem(e.getMessage());
        }
    }

    private void tick() {
        if (!running || display.isDisposed()) {
            return;
        }
        // Timers also run inside a dialog's event loop. While one is open (above all the "Save the
        // changes?" question, whose "Don't Save" must be honoured) the user is deciding: wait.
        if (!dialogOpen()) {
            saveIfDirty();
        }
        display.timerExec(periodMs, tick);
    }

    private boolean dialogOpen() {
        int modal = SWT.APPLICATION_MODAL | SWT.PRIMARY_MODAL | SWT.SYSTEM_MODAL;
        for (Shell shell : display.getShells()) {
            if (!shell.isDisposed() && shell.isVisible() && (shell.getStyle() & modal) != 0) {
                return true;
            }
        }
        return false;
    }
}
