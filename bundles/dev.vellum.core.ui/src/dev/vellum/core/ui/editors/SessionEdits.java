package dev.vellum.core.ui.editors;

import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectListener;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import java.util.Locale;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * What every item editor does with the project session: refresh when its item changes, run an
 * edit with a failure shown on the status line, save with a failure shown in a dialog, and let go
 * of the session when closed.
 */
public final class SessionEdits {
    private SessionEdits() {
    }

    /**
     * Runs {@code refresh} on the UI thread of {@code root} when {@code change} concerns
     * {@code itemId} or is a save (the dirty state changes); at once on the UI thread, later from
     * another thread. Nothing happens for an editor without an item.
     */
    public static void refreshOn(ProjectChange change, String itemId, Control root, Runnable refresh) {
        if (itemId == null || !change.itemIds().contains(itemId) && change.kind() != ProjectChange.Kind.SAVED) {
            return;
        }
        Display display = root.getDisplay();
        if (display.getThread() == Thread.currentThread()) {
            refresh.run();
        } else {
            display.asyncExec(refresh);
        }
    }

    /**
     * Executes {@code command} in the session; a failure is logged under {@code owner} and shown
     * as a problem on {@code status} instead of a modal dialog, so the annotator keeps working.
     *
     * @return whether the edit was made
     */
    public static boolean execute(ProjectSession session, EditCommand command, EditorStatus status, Class<?> owner) {
        try {
            session.execute(command);
            return true;
        } catch (StoreException | RuntimeException e) {
            ILog.of(owner).warn(e.getMessage(), e);
            status.problem("Could not " + command.label().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Saves every changed item of the project (the session saves them together); a failure is
     * logged under {@code owner} and shown in an error dialog. Nothing happens without a session.
     */
    public static void save(ProjectSession session, Shell shell, Class<?> owner) {
        if (session == null) {
            return;
        }
        try {
            session.save();
        } catch (StoreException e) {
            ILog.of(owner).error(e.getMessage(), e);
            MessageDialog.openError(shell, "Save Failed", e.getMessage());
        }
    }

    /**
     * Lets go of the session when an editor closes: removes {@code listener} and releases
     * {@code retainedItemId} unless it is null (the item was never retained).
     */
    public static void detach(ProjectSession session, ProjectListener listener, String retainedItemId) {
        if (session == null) {
            return;
        }
        session.removeListener(listener);
        if (retainedItemId != null) {
            session.release(retainedItemId);
        }
    }
}
