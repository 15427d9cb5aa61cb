package dev.vellum.guidelines.ui.internal;

import dev.vellum.guidelines.FaqEntry;
import java.util.List;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/** Asks which entry an FAQ entry duplicates. */
public final class DuplicateDialog extends TitleAreaDialog {
    private final FaqEntry entry;
    private final List<FaqEntry> others;
    private Combo choice;
    private String result = "";

    public DuplicateDialog(Shell parent, FaqEntry entry, List<FaqEntry> candidates) {
        super(parent);
        this.entry = entry;
        this.others = candidates.stream().filter(e -> !e.id().equals(entry.id())).toList();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Mark " + entry.id() + " as Duplicate");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Mark as a duplicate");
        setMessage("The entry is closed and points to the one that answers the same question.");
        Composite body = new Composite(area, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 12;
        layout.marginHeight = 12;
        layout.horizontalSpacing = 12;
        body.setLayout(layout);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Label l = new Label(body, SWT.NONE);
        l.setText("&Duplicate of:");
        choice = Widgets.id(new Combo(body, SWT.READ_ONLY), "duplicate.of");
        for (FaqEntry e : others) {
            String q = e.question().length() > 70 ? e.question().substring(0, 70) + "\u2026" : e.question();
            choice.add(e.id() + " \u2014 " + q + "  (" + e.status().id() + ")");
        }
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 420;
        choice.setLayoutData(gd);
        choice.addListener(SWT.Selection, e -> update());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Mark Duplicate", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        update();
    }

    private void update() {
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(choice.getSelectionIndex() >= 0);
        }
    }

    @Override
    protected Point getInitialSize() {
        Point p = super.getInitialSize();
        return new Point(Math.max(p.x, 600), p.y);
    }

    @Override
    protected void okPressed() {
        result = others.get(choice.getSelectionIndex()).id();
        super.okPressed();
    }

    /** The id of the entry chosen. */
    public String duplicateOf() {
        return result;
    }
}
