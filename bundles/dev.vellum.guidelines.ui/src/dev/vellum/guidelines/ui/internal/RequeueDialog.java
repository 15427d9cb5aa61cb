package dev.vellum.guidelines.ui.internal;

import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.StaleSet;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * Sends annotation sets made under older guideline versions back to their annotators: by default
 * those using a label the guidelines changed since the version each was made under. Shown after
 * publishing and from the Guidelines menu.
 */
public final class RequeueDialog extends TitleAreaDialog {
    private final ProjectSession session;
    private final Guidelines guidelines;
    private List<StaleSet> stale = List.of();
    private List<StaleSet> shown = List.of();
    private Button onlyTouched;
    private Table table;
    private Text reason;
    private int requeued = -1;

    private List<StaleSet> affected = List.of();

    public RequeueDialog(Shell parent, ProjectSession session) {
        super(parent);
        this.session = session;
        this.guidelines = new Guidelines(session.stored());
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Re-queue Work Made Under Older Guidelines");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 12;
        layout.marginHeight = 10;
        body.setLayout(layout);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        onlyTouched = Widgets.id(new Button(body, SWT.CHECK), "requeue.onlyTouched");
        onlyTouched.setText("Only sets using a label the guidelines changed since they were made");
        onlyTouched.setSelection(true);
        onlyTouched.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        onlyTouched.addListener(SWT.Selection, e -> refresh());

        table = Widgets.id(new Table(body, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL), "requeue.sets");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String[] c : new String[][] {{"Item", "140"}, {"Annotator", "100"}, {"Made under", "110"}, {"State", "100"},
            {"Labels", "200"}}) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        td.heightHint = table.getItemHeight() * 10;
        td.verticalIndent = 6;
        table.setLayoutData(td);
        table.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK) {
                updateButton();
            }
        });

        Label r = new Label(body, SWT.NONE);
        r.setText("Reason:");
        GridData rd = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        rd.verticalIndent = 6;
        r.setLayoutData(rd);
        reason = Widgets.id(new Text(body, SWT.BORDER | SWT.SINGLE), "requeue.reason");
        GridData reasonData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        reasonData.verticalIndent = 6;
        reason.setLayoutData(reasonData);
        reason.setMessage("Recorded in the audit trail");

        try {
            stale = guidelines.stale().stream().filter(s -> s.state() != AnnotationState.IN_PROGRESS).toList();
            affected = guidelines.affected(stale);
        } catch (StoreException e) {
            setErrorMessage(Problems.message(e));
        }
        refresh();
        return area;
    }

    private void refresh() {
        shown = onlyTouched.getSelection() ? affected : stale;
        table.removeAll();
        for (StaleSet s : shown) {
            TableItem ti = new TableItem(table, SWT.NONE);
            ti.setText(new String[] {s.itemId(), s.annotator(), s.version() == 0 ? "no version" : "v" + s.version(),
                s.state().displayName(), String.join(", ", s.labels())});
            ti.setChecked(true);
        }
        setTitle(Widgets.count(stale.size(), "set was", "sets were") + " annotated under guidelines older than v" + guidelines.current());
        setMessage(Widgets.count(affected.size(), "of them uses", "of them use")
                + " a label the guidelines changed since. Checked sets go back to their annotators (in progress).");
        if (reason.getText().isBlank()) {
            reason.setText("guidelines v" + guidelines.current() + " changed");
        }
        updateButton();
    }

    /** The sets checked in the table. */
    public List<StaleSet> checked() {
        List<StaleSet> out = new ArrayList<>();
        TableItem[] items = table.getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].getChecked()) {
                out.add(shown.get(i));
            }
        }
        return out;
    }

    private void updateButton() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            int n = checked().size();
            ok.setText(n == 0 ? "Re-queue" : "Re-queue " + n);
            ok.setEnabled(n > 0);
            ok.getParent().layout(true);
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Widgets.id(createButton(parent, IDialogConstants.OK_ID, "Re-queue", true), "requeue.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, "Not Now", false);
        updateButton();
    }

    @Override
    protected Point getInitialSize() {
        Point p = super.getInitialSize();
        return new Point(Math.max(p.x, 720), Math.max(p.y, 520));
    }

    @Override
    protected void okPressed() {
        try {
            requeued = guidelines.requeue(session, checked(), reason.getText().strip());
        } catch (StoreException | RuntimeException e) {
            Problems.show(getShell(), "Cannot Re-queue", e);
            return;
        }
        super.okPressed();
    }

    /** How many sets were sent back, or -1 when the dialog was cancelled. */
    public int requeued() {
        return requeued;
    }

    /** Whether any set made under an older version than the current one uses a label changed since. */
    public static boolean worthAsking(Guidelines g) throws StoreException {
        return !g.affected(g.stale().stream().filter(s -> s.state() != AnnotationState.IN_PROGRESS).toList()).isEmpty();
    }
}
