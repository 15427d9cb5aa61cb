package dev.vellum.guidelines.ui.internal;

import dev.vellum.guidelines.Faq;
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
import org.eclipse.swt.widgets.Text;

/** Asks where in the guideline draft a decided FAQ entry goes, and with which words. */
public final class PromoteDialog extends TitleAreaDialog {
    private final FaqEntry entry;
    private final List<String> sections;
    private Combo section;
    private Text text;
    private String resultSection = "";
    private String resultText = "";

    /** @param sections the headings of the draft, in order */
    public PromoteDialog(Shell parent, FaqEntry entry, List<String> sections) {
        super(parent);
        this.entry = entry;
        this.sections = sections;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Promote " + entry.id() + " into the Guidelines");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Promote into the guideline draft");
        setMessage("The text is added at the end of the section (a new section is made at the end when it does not exist)."
                + " It reaches annotators when the draft is published.");
        Composite body = new Composite(area, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 12;
        layout.marginHeight = 10;
        layout.horizontalSpacing = 12;
        body.setLayout(layout);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Label l = new Label(body, SWT.NONE);
        l.setText("&Section:");
        section = Widgets.id(new Combo(body, SWT.DROP_DOWN), "promote.section");
        section.setItems(sections.toArray(String[]::new));
        String guess = guessSection();
        section.setText(guess);
        section.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        section.addListener(SWT.Modify, e -> update());
        Dialogs.heading(body, "Text to add (Markdown)", 2, 10);
        text = Widgets.id(Dialogs.area(body, 8, 2, Faq.promotionText(entry)), "promote.text");
        text.addListener(SWT.Modify, e -> update());
        return area;
    }

    // The section whose heading names the entry's label, else a "FAQ"-like one, else the model's default.
    private String guessSection() {
        String label = entry.context().label().toLowerCase(java.util.Locale.ROOT);
        for (String s : sections) {
            if (!label.isEmpty() && s.toLowerCase(java.util.Locale.ROOT).contains(label)) {
                return s;
            }
        }
        for (String s : sections) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("faq") || lower.contains("edge case")) {
                return s;
            }
        }
        return Faq.DEFAULT_SECTION;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Promote", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        update();
    }

    private void update() {
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(!section.getText().isBlank() && !text.getText().isBlank());
        }
    }

    @Override
    protected Point getInitialSize() {
        Point p = super.getInitialSize();
        return new Point(Math.max(p.x, 620), Math.max(p.y, 460));
    }

    @Override
    protected void okPressed() {
        resultSection = section.getText().strip();
        resultText = text.getText().strip();
        super.okPressed();
    }

    /** The section chosen. */
    public String section() {
        return resultSection;
    }

    /** The text to add. */
    public String text() {
        return resultText;
    }
}
