package dev.vellum.app.parts;

import jakarta.annotation.PostConstruct;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** What the editor area shows while no item is open: how to open one and the main shortcuts. */
public final class EditorAreaHint {
    @PostConstruct
    void create(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        Composite centre = new Composite(root, SWT.NONE);
        centre.setLayoutData(new GridData(SWT.CENTER, SWT.CENTER, true, true));
        GridLayout layout = new GridLayout(2, false);
        layout.horizontalSpacing = 16;
        layout.verticalSpacing = 6;
        centre.setLayout(layout);
        Font heading = FontDescriptor.createFrom(parent.getFont()).setStyle(SWT.BOLD).increaseHeight(4).createFont(parent.getDisplay());
        root.addDisposeListener(e -> heading.dispose());

        Label title = new Label(centre, SWT.NONE);
        title.setText("No item open");
        title.setFont(heading);
        title.setLayoutData(new GridData(SWT.CENTER, SWT.CENTER, false, false, 2, 1));
        Label how = new Label(centre, SWT.CENTER);
        how.setText("Double-click an item in the Project Explorer, or select it and press Enter.");
        how.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        GridData howData = new GridData(SWT.CENTER, SWT.CENTER, false, false, 2, 1);
        howData.verticalIndent = 4;
        howData.horizontalIndent = 0;
        how.setLayoutData(howData);
        shortcut(centre, "Ctrl+S", "Save changed items", 16);
        shortcut(centre, "Ctrl+Z", "Undo", 0);
        shortcut(centre, "Ctrl+Shift+Z", "Redo", 0);
        shortcut(centre, "Ctrl+O", "Open a project", 0);
        shortcut(centre, "Ctrl+N", "New project", 0);
    }

    private static void shortcut(Composite parent, String keys, String what, int indent) {
        Label k = new Label(parent, SWT.RIGHT);
        k.setText(keys);
        GridData kd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        kd.verticalIndent = indent;
        k.setLayoutData(kd);
        Label w = new Label(parent, SWT.NONE);
        w.setText(what);
        w.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        GridData wd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        wd.verticalIndent = indent;
        w.setLayoutData(wd);
    }
}
