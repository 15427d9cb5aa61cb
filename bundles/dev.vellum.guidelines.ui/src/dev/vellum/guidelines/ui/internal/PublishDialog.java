package dev.vellum.guidelines.ui.internal;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Asks for the change note of a new guideline version. */
public final class PublishDialog extends TitleAreaDialog {
    private final int number;
    private final String summary;
    private Text note;
    private String result = "";

    /**
     * @param number  the number the new version gets
     * @param summary what changes, in a line (sections touched, rows changed)
     */
    public PublishDialog(Shell parent, int number, String summary) {
        super(parent);
        this.number = number;
        this.summary = summary;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Publish Guidelines");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Publish the draft as version " + number);
        setMessage("Published versions cannot be changed. Annotators see what changed and acknowledge it.");
        Composite body = new Composite(area, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 12;
        layout.marginHeight = 10;
        body.setLayout(layout);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Label s = new Label(body, SWT.WRAP);
        s.setText(summary);
        GridData sd = new GridData(SWT.FILL, SWT.TOP, true, false);
        sd.widthHint = 460;
        s.setLayoutData(sd);
        Dialogs.heading(body, "Change note", 1, 10);
        note = Widgets.id(Dialogs.area(body, 4, 1, ""), "publish.note");
        note.setMessage("What changed and why, for the annotators");
        note.addListener(SWT.Modify, e -> update());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Publish", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        update();
    }

    private void update() {
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(!note.getText().isBlank());
        }
    }

    @Override
    protected Point getInitialSize() {
        Point p = super.getInitialSize();
        return new Point(Math.max(p.x, 560), Math.max(p.y, 380));
    }

    @Override
    protected void okPressed() {
        result = note.getText().strip();
        super.okPressed();
    }

    /** The change note. */
    public String note() {
        return result;
    }
}
