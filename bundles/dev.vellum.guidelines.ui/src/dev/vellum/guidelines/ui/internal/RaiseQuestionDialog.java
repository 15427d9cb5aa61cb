package dev.vellum.guidelines.ui.internal;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Asks for a question about what the user is working on, showing that context. */
public final class RaiseQuestionDialog extends TitleAreaDialog {
    private final EditorFocus focus;
    private final int version;
    private Text question;
    private String result = "";

    /**
     * @param focus   what the question is about
     * @param version the guideline version in force
     */
    public RaiseQuestionDialog(Shell parent, EditorFocus focus, int version) {
        super(parent);
        this.focus = focus;
        this.version = version;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Raise a Question");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(focus.annotation() != null ? "Ask about this annotation"
                : focus.itemId().isEmpty() ? "Ask a general question" : "Ask about this item");
        setMessage("The question goes to the project's FAQ with this context; a guideline author decides it.");
        Composite body = new Composite(area, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 12;
        layout.marginHeight = 10;
        layout.horizontalSpacing = 12;
        layout.verticalSpacing = 5;
        body.setLayout(layout);
        body.setLayoutData(new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.FILL, true, true));
        Dialogs.heading(body, "Context", 2, 0);
        Widgets.id(Dialogs.field(body, "Item:", focus.itemId().isEmpty() ? "none (a general question)" : focus.itemId()), "raise.item");
        if (!focus.modalityId().isEmpty()) {
            Dialogs.field(body, "Modality:", focus.modalityId());
        }
        if (focus.annotation() != null) {
            Widgets.id(Dialogs.field(body, "Annotation:", focus.annotation().id() + "  \u00b7  " + focus.annotation().typeId()
                    + (focus.annotator().isEmpty() ? "" : "  \u00b7  set of " + focus.annotator())), "raise.annotation");
            Widgets.id(Dialogs.field(body, "Label:", focus.label()), "raise.label");
            String region = Json.compact(focus.annotation().payload());
            Widgets.id(Dialogs.field(body, "Region:", region.length() > 160 ? region.substring(0, 160) + "\u2026" : region), "raise.region");
        }
        Dialogs.field(body, "Guidelines:", version == 0 ? "none published yet" : "version " + version);
        Dialogs.heading(body, "Question", 2, 10);
        question = Widgets.id(Dialogs.area(body, 6, 2, ""), "raise.question");
        question.addListener(SWT.Modify, e -> update());
        org.eclipse.swt.widgets.Label hint = new org.eclipse.swt.widgets.Label(body, SWT.WRAP);
        hint.setText("Say what is unclear about this case, e.g. \u201cIs a car reflected in a shop window labelled car?\u201d");
        hint.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        org.eclipse.swt.layout.GridData hd = new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        hd.widthHint = 480;
        hint.setLayoutData(hd);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Raise", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        update();
    }

    private void update() {
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(!question.getText().isBlank());
        }
    }

    @Override
    protected Point getInitialSize() {
        Point p = super.getInitialSize();
        return new Point(Math.max(p.x, 600), Math.max(p.y, 470));
    }

    @Override
    protected void okPressed() {
        result = question.getText().strip();
        super.okPressed();
    }

    /** The question asked, once OK was pressed. */
    public String question() {
        return result;
    }
}
