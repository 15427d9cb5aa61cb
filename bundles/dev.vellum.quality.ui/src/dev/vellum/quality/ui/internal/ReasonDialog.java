package dev.vellum.quality.ui.internal;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Asks for the text of a review step: a required reason (rejecting, failing an audit) or comment,
 * and optionally a second text pinned to the annotation selected in the editor. OK stays disabled
 * until the required text is there, so a reject without a reason cannot even be tried.
 */
public final class ReasonDialog extends Dialog {
    /** Widget ids (tests). */
    public static final String REASON_ID = "review.dialog.reason";
    /** The pinned comment's field. */
    public static final String PINNED_ID = "review.dialog.pinned";

    private final String title;
    private final String intro;
    private final String reasonLabel;
    private final String pinnedLabel;
    private Text reasonText;
    private Text pinnedText;
    private String reason = "";
    private String pinned = "";

    /**
     * @param title       the window title
     * @param intro       one line saying what happens on OK
     * @param reasonLabel the label of the required text
     * @param pinnedLabel the label of the optional pinned comment, or null for none
     */
    public ReasonDialog(Shell parent, String title, String intro, String reasonLabel, String pinnedLabel) {
        super(parent);
        this.title = title;
        this.intro = intro;
        this.reasonLabel = reasonLabel;
        this.pinnedLabel = pinnedLabel;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(1, false));
        Label introLabel = new Label(area, SWT.WRAP);
        introLabel.setText(intro);
        GridData introData = new GridData(SWT.FILL, SWT.TOP, true, false);
        introData.widthHint = 460;
        introLabel.setLayoutData(introData);
        new Label(area, SWT.NONE).setText(reasonLabel);
        reasonText = text(area, REASON_ID, 4);
        reasonText.addListener(SWT.Modify, e -> updateOk());
        if (pinnedLabel != null) {
            new Label(area, SWT.NONE).setText(pinnedLabel);
            pinnedText = text(area, PINNED_ID, 3);
        }
        return area;
    }

    private static Text text(Composite parent, String id, int lines) {
        Text t = new Text(parent, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        t.setData(Ids.KEY, id);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.widthHint = 460;
        gd.heightHint = t.getLineHeight() * lines + 6;
        t.setLayoutData(gd);
        // Tab moves on (these are short notes, not documents)
        t.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_TAB_NEXT || e.detail == SWT.TRAVERSE_TAB_PREVIOUS) {
                e.doit = true;
            }
        });
        return t;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        updateOk();
    }

    private void updateOk() {
        if (getButton(IDialogConstants.OK_ID) != null && reasonText != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(!reasonText.getText().isBlank());
        }
    }

    @Override
    protected void okPressed() {
        reason = reasonText.getText().strip();
        pinned = pinnedText == null ? "" : pinnedText.getText().strip();
        if (reason.isEmpty()) {
            return;
        }
        super.okPressed();
    }

    /** The required text, stripped (after OK). */
    public String reason() {
        return reason;
    }

    /** The optional pinned comment, stripped; empty when none was given or offered (after OK). */
    public String pinned() {
        return pinned;
    }

    /** The required text's field (tests). */
    public Text reasonField() {
        return reasonText;
    }

    /** The pinned comment's field, or null when none is offered (tests). */
    public Text pinnedField() {
        return pinnedText;
    }
}
