package dev.vellum.guidelines.ui.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/** Small conventions shared by the views: widget ids for tests, time formats, button sizes. */
public final class Widgets {
    /** Widget data key naming controls, the same key the workbench's own views use. */
    public static final String ID = "dev.vellum.widgetId";
    /** Date and time as shown in tables. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    /** Date and time with seconds, for the audit trail. */
    public static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Widgets() {
    }

    /** Tags {@code control} with {@code id} and returns it. */
    public static <T extends Control> T id(T control, String id) {
        control.setData(ID, id);
        return control;
    }

    /** A time as shown in tables, or a dash. */
    public static String time(Instant t) {
        return t == null ? "\u2013" : TIME.format(t);
    }

    /** A push button at least as wide as the platform's default buttons. */
    public static Button button(Composite parent, String text, String tooltip, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        if (tooltip != null) {
            b.setToolTipText(tooltip);
        }
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, false, false);
        gd.widthHint = Math.max(84, b.computeSize(SWT.DEFAULT, SWT.DEFAULT).x);
        b.setLayoutData(gd);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    /** A grid layout with the margins the views use for their bars. */
    public static GridLayout bar(int columns) {
        GridLayout l = new GridLayout(columns, false);
        l.marginWidth = 8;
        l.marginHeight = 6;
        l.horizontalSpacing = 8;
        l.verticalSpacing = 4;
        return l;
    }

    /**
     * A row layout for bars that wrap in a narrow view instead of cutting their controls off, with
     * the same margins as {@link #bar}.
     */
    public static org.eclipse.swt.layout.RowLayout wrappingBar(int spacing, boolean center) {
        org.eclipse.swt.layout.RowLayout rows = new org.eclipse.swt.layout.RowLayout(SWT.HORIZONTAL);
        rows.wrap = true;
        rows.center = center;
        rows.marginWidth = 8;
        rows.marginHeight = 6;
        rows.marginLeft = 0;
        rows.marginRight = 0;
        rows.marginTop = 0;
        rows.marginBottom = 0;
        rows.spacing = spacing;
        return rows;
    }

    /** A grid layout with no margins. */
    public static GridLayout tight(int columns, boolean equal) {
        GridLayout l = new GridLayout(columns, equal);
        l.marginWidth = 0;
        l.marginHeight = 0;
        l.verticalSpacing = 0;
        return l;
    }

    private static final String FULL_TEXT = "dev.vellum.fullText";

    /**
     * Shows {@code text} in {@code label}, shortened with an ellipsis to the label's width (the full
     * text is the tooltip). The label takes the width its layout gives it, not its text's: give it a
     * grabbing {@link GridData}.
     */
    public static void ellipsize(org.eclipse.swt.widgets.Label label, String text) {
        boolean first = label.getData(FULL_TEXT) == null;
        label.setData(FULL_TEXT, text == null ? "" : text);
        label.setToolTipText(text == null || text.isEmpty() ? null : text);
        if (first) {
            label.addListener(SWT.Resize, e -> fit(label));
            if (label.getLayoutData() instanceof GridData gd) {
                gd.widthHint = 1;
            }
        }
        fit(label);
    }

    private static void fit(org.eclipse.swt.widgets.Label label) {
        String full = (String) label.getData(FULL_TEXT);
        int width = label.getSize().x;
        if (full == null) {
            return;
        }
        String shown = full;
        if (width > 0) {
            org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(label);
            try {
                gc.setFont(label.getFont());
                if (gc.textExtent(full).x > width) {
                    int lo = 0;
                    int hi = full.length();
                    while (lo < hi) {
                        int mid = (lo + hi + 1) / 2;
                        if (gc.textExtent(full.substring(0, mid).stripTrailing() + "\u2026").x <= width) {
                            lo = mid;
                        } else {
                            hi = mid - 1;
                        }
                    }
                    shown = full.substring(0, lo).stripTrailing() + "\u2026";
                }
            } finally {
                gc.dispose();
            }
        }
        String escaped = shown.replace("&", "&&");
        if (!escaped.equals(label.getText())) {
            label.setText(escaped);
        }
    }

    /** "1 entry" / "3 entries" style counts. */
    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
