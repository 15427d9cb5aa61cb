package dev.vellum.quality.ui.internal;

import org.eclipse.swt.widgets.Widget;

/** Names controls for tests, under the widget data key the workbench's own views use. */
public final class Ids {
    /** The widget data key. */
    public static final String KEY = "dev.vellum.widgetId";

    private Ids() {
    }

    /** Tags {@code widget} with {@code id} and returns it. */
    public static <T extends Widget> T id(T widget, String id) {
        widget.setData(KEY, id);
        return widget;
    }
}
