package dev.vellum.app.internal;

import dev.vellum.core.spi.StoreException;
import jakarta.inject.Inject;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * Opening, creating and leaving projects as the user sees it: unsaved changes are saved or dropped
 * only after asking, editors of the old project are closed, and failures are shown as their
 * one-line message.
 */
public final class ProjectSwitch {
    private final WorkbenchProject workbench;
    private final EditorArea editors;

    @Inject
    public ProjectSwitch(WorkbenchProject workbench, EditorArea editors) {
        this.workbench = workbench;
        this.editors = editors;
    }

    /**
     * Asks what to do with unsaved changes, if there are any: Save, Don't Save or Cancel.
     *
     * @return true when the user may go on (saved, or chose not to save)
     */
    public static boolean confirmLeaving(Shell shell, WorkbenchProject workbench) {
        if (!workbench.isDirty()) {
            return true;
        }
        String name = workbench.session().map(s -> s.project().name()).orElse("the project");
        int changed = workbench.session().map(s -> s.dirtyItems().size()).orElse(0);
        MessageDialog dialog = new MessageDialog(shell, "Unsaved Changes", null,
                "Save the changes to " + changed + (changed == 1 ? " item" : " items") + " of '" + name + "'?",
                MessageDialog.QUESTION, 0, "&Save", "Do&n't Save", "Cancel");
        int answer = dialog.open();
        if (answer == 0) {
            return save(shell, workbench);
        }
        return answer == 1;
    }

    /**
     * Saves, telling the user in a dialog when it fails.
     *
     * @return whether everything was saved
     */
    public static boolean save(Shell shell, WorkbenchProject workbench) {
        try {
            workbench.save();
            return true;
        } catch (StoreException e) {
            ILog.of(ProjectSwitch.class).error(e.getMessage(), e);
            MessageDialog.openError(shell, "Save Failed", e.getMessage());
            return false;
        }
    }

    /** Opens the project at {@code location} after dealing with unsaved changes; true when it opened. */
    public boolean open(Shell shell, String location) {
        if (!confirmLeaving(shell, workbench)) {
            return false;
        }
        editors.closeAll();
        try {
            workbench.open(location);
            return true;
        } catch (StoreException e) {
            ILog.of(ProjectSwitch.class).warn(e.getMessage(), e);
            MessageDialog.openError(shell, "Cannot Open Project", e.getMessage());
            return false;
        }
    }

    /** Creates a project at {@code location} and opens it; true when it was created. */
    public boolean create(Shell shell, String location, String name) {
        if (!confirmLeaving(shell, workbench)) {
            return false;
        }
        editors.closeAll();
        try {
            workbench.create(location, name);
            return true;
        } catch (StoreException e) {
            ILog.of(ProjectSwitch.class).warn(e.getMessage(), e);
            MessageDialog.openError(shell, "Cannot Create Project", e.getMessage());
            return false;
        }
    }
}
