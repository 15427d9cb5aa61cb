package dev.vellum.guidelines.ui.internal;

import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** Building blocks of the guideline dialogs, so they line up the same way. */
final class Dialogs {
    private Dialogs() {
    }

    /** A "Name:" label in the first column and a wrapping value in the second. */
    static Label field(Composite parent, String name, String value) {
        Label n = new Label(parent, SWT.NONE);
        n.setText(name);
        n.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        Label v = new Label(parent, SWT.WRAP);
        v.setText(value == null || value.isEmpty() ? "\u2013" : value.replace("&", "&&"));
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 380;
        v.setLayoutData(gd);
        return v;
    }

    /** A section heading spanning {@code columns} columns. */
    static Label heading(Composite parent, String text, int columns, int indent) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        Font bold = FontDescriptor.createFrom(parent.getFont()).setStyle(SWT.BOLD).createFont(parent.getDisplay());
        l.setFont(bold);
        l.addDisposeListener(e -> bold.dispose());
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false, columns, 1);
        gd.verticalIndent = indent;
        l.setLayoutData(gd);
        return l;
    }

    /** A multi-line text field {@code lines} lines high. */
    static Text area(Composite parent, int lines, int columns, String initial) {
        Text t = new Text(parent, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        t.setText(initial == null ? "" : initial);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true, columns, 1);
        GC gc = new GC(t);
        try {
            gd.heightHint = gc.getFontMetrics().getHeight() * lines + 8;
        } finally {
            gc.dispose();
        }
        gd.widthHint = 480;
        t.setLayoutData(gd);
        // Tab moves the focus on, as in every other field of a dialog; Ctrl+Tab inserts nothing either.
        t.addTraverseListener(e -> {
            if (e.detail == SWT.TRAVERSE_TAB_NEXT || e.detail == SWT.TRAVERSE_TAB_PREVIOUS) {
                e.doit = true;
            }
        });
        return t;
    }
}
