package dev.vellum.app.parts;

import dev.vellum.app.internal.WorkbenchProject;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectSession;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The status line at the bottom of the window: the open project and its size, the user, and
 * whether there are unsaved changes or when the project was last saved.
 */
public final class StatusLine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final WorkbenchProject workbench;
    private final WorkbenchProject.Listener listener = new WorkbenchProject.Listener() {
        @Override
        public void projectSwitched(ProjectSession session) {
            problem = null;
            update();
        }

        @Override
        public void projectChanged(ProjectChange change) {
            if (change.kind() == ProjectChange.Kind.SAVED) {
                problem = null;
            }
            update();
        }

        @Override
        public void problemReported(String message) {
            problem = message;
            update();
        }
    };
    private Composite root;
    private Label project;
    private Label user;
    private Label saveState;
    private Label saveSeparator;
    private String problem;

    @Inject
    public StatusLine(WorkbenchProject workbench) {
        this.workbench = workbench;
    }

    @PostConstruct
    void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(5, false);
        layout.marginHeight = 3;
        layout.marginWidth = 8;
        layout.horizontalSpacing = 10;
        root.setLayout(layout);
        project = label(SWT.FILL, true);
        separator();
        user = label(SWT.FILL, false);
        saveSeparator = separator();
        saveState = label(SWT.FILL, false);
        workbench.addListener(listener);
        update();
    }

    @PreDestroy
    void dispose() {
        workbench.removeListener(listener);
    }

    /** The texts shown, left to right: project, user, save state. */
    public String[] texts() {
        return new String[] { project.getText(), user.getText(), saveState.getText() };
    }

    private Label label(int align, boolean grab) {
        Label l = new Label(root, SWT.NONE);
        l.setLayoutData(new GridData(align, SWT.CENTER, grab, false));
        return l;
    }

    private Label separator() {
        Label l = new Label(root, SWT.SEPARATOR | SWT.VERTICAL);
        GridData gd = new GridData(SWT.CENTER, SWT.FILL, false, false);
        gd.heightHint = 16;
        l.setLayoutData(gd);
        return l;
    }

    private void update() {
        if (root == null || root.isDisposed()) {
            return;
        }
        java.util.Optional<ProjectSession> session = workbench.session();
        project.setText(session.map(s -> "Project: " + s.project().name() + " (" + NumberFormat.getIntegerInstance()
                .format(s.project().itemCount()) + (s.project().itemCount() == 1 ? " item)" : " items)")).orElse("No project open"));
        project.setToolTipText(session.map(s -> s.stored().location()).orElse(null));
        user.setText("User: " + workbench.user());
        String state;
        if (problem != null) {
            state = "Autosave failed";
            saveState.setToolTipText(problem);
        } else if (session.isEmpty()) {
            state = "";
            saveState.setToolTipText(null);
        } else if (session.get().isDirty()) {
            state = "Unsaved changes";
            saveState.setToolTipText(session.get().dirtyItems().size() + " changed item(s)");
        } else {
            state = workbench.lastSaved().map(t -> "Saved " + TIME.format(t)).orElse("No changes");
            saveState.setToolTipText(null);
        }
        saveState.setText(state);
        // With no project there is no save state: no empty field at the right end.
        for (Label l : new Label[] { saveState, saveSeparator }) {
            l.setVisible(!state.isEmpty());
            ((GridData) l.getLayoutData()).exclude = state.isEmpty();
        }
        saveState.setForeground(root.getDisplay().getSystemColor(problem != null ? SWT.COLOR_RED : SWT.COLOR_WIDGET_FOREGROUND));
        root.requestLayout();
    }
}
