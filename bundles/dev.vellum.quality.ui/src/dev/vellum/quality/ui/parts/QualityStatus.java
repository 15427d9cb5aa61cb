package dev.vellum.quality.ui.parts;

import dev.vellum.quality.ui.internal.Ids;
import dev.vellum.quality.ui.internal.QualityWorkbench;
import dev.vellum.quality.ui.internal.QualityWorkbench.Status;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The quality workflow's part of the window's status line: the last thing a queue or review step
 * said (the next item opened, a queue that is empty, a refused transition in red), so that no
 * dialog interrupts the work.
 */
public final class QualityStatus {
    private Composite root;
    private Label text;

    @PostConstruct
    void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginHeight = 3;
        layout.marginWidth = 8;
        root.setLayout(layout);
        text = Ids.id(new Label(root, SWT.NONE), "quality.status");
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    /** Shows a status message sent on {@link QualityWorkbench#STATUS_TOPIC}. */
    @Inject
    @Optional
    public void show(@UIEventTopic(QualityWorkbench.STATUS_TOPIC) Status status) {
        if (text == null || text.isDisposed() || status == null) {
            return;
        }
        text.setText(status.text());
        text.setToolTipText(status.text());
        text.setForeground(status.problem() ? text.getDisplay().getSystemColor(SWT.COLOR_RED) : null);
        root.requestLayout();
    }

    /** The text shown (tests). */
    public String text() {
        return text.getText();
    }
}
