package dev.vellum.app.parts;

import jakarta.annotation.PostConstruct;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** Placeholder part. */
public final class AnnotationListEditor {
    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new FillLayout());
        new Label(parent, SWT.NONE).setText("AnnotationListEditor");
    }
}
