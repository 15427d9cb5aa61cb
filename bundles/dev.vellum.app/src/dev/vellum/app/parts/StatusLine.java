package dev.vellum.app.parts;

import jakarta.annotation.PostConstruct;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** Placeholder status line. */
public final class StatusLine {
    @PostConstruct
    void create(Composite parent) {
        new Label(parent, SWT.NONE).setText("status");
    }
}
