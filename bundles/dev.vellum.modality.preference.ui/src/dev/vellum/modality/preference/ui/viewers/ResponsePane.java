package dev.vellum.modality.preference.ui.viewers;

import dev.vellum.core.ui.widgets.MarkdownViewer;
import dev.vellum.modality.preference.model.Blinding;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * One response as the annotator sees it: a title naming its position ("Response B"), a note of the
 * annotator's judgement of it, and its Markdown. Never shows the response's id or metadata.
 */
public final class ResponsePane {
    private static final RGB FOCUS = new RGB(0xd6, 0xe6, 0xfb);
    private static final RGB PLAIN = new RGB(0xee, 0xef, 0xf1);

    private final Composite box;
    private final Composite header;
    private final Label title;
    private final Label note;
    private final MarkdownViewer viewer;
    private final Color focusColor;
    private final Color plainColor;
    private int position;
    private String responseId = "";
    private String content = "";

    ResponsePane(Composite parent) {
        box = new Composite(parent, SWT.BORDER);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        box.setLayout(layout);
        focusColor = new Color(FOCUS);
        plainColor = new Color(PLAIN);
        header = new Composite(box, SWT.NONE);
        GridLayout hl = new GridLayout(2, false);
        hl.marginHeight = 3;
        hl.marginWidth = 8;
        header.setLayout(hl);
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        title = new Label(header, SWT.NONE);
        title.setFont(JFaceResources.getBannerFont());
        note = new Label(header, SWT.NONE);
        note.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        viewer = new MarkdownViewer(box, SWT.NONE);
        viewer.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        setFocused(false);
    }

    /** Shows the response at {@code position} (0 is "Response A"). */
    void show(int position, String id, String markdown) {
        this.position = position;
        this.responseId = id;
        this.content = markdown;
        title.setText("Response " + Blinding.label(position));
        viewer.setMarkdown(markdown);
    }

    /** Marks the pane the keys and flags act on. */
    public void setFocused(boolean focused) {
        Color c = focused ? focusColor : plainColor;
        header.setBackground(c);
        title.setBackground(c);
        note.setBackground(c);
    }

    /** A few words on the judgement of this response ("Preferred, strength 2"), or empty. */
    public void setNote(String text) {
        if (!note.getText().equals(text)) {
            note.setText(text);
            header.layout(true);
        }
    }

    void dispose() {
        box.dispose();
        focusColor.dispose();
        plainColor.dispose();
    }

    Composite box() {
        return box;
    }

    /** The position shown, from 0. */
    public int position() {
        return position;
    }

    /** The id of the response shown (for payloads; never displayed). */
    public String responseId() {
        return responseId;
    }

    /** The response's Markdown. */
    public String content() {
        return content;
    }

    /** The title ("Response A"). */
    public String title() {
        return title.getText();
    }

    /** The note beside the title. */
    public String note() {
        return note.getText();
    }

    /** The rendered response. */
    public MarkdownViewer viewer() {
        return viewer;
    }
}
