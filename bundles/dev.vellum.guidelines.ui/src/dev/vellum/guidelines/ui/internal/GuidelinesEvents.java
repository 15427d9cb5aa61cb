package dev.vellum.guidelines.ui.internal;

import org.eclipse.e4.core.services.events.IEventBroker;

/**
 * The event the guideline views send each other when guidelines, the FAQ or acknowledgements
 * change, so every open view shows the change at once. The project's own change events do not
 * cover these documents.
 */
public final class GuidelinesEvents {
    /** Topic: the guidelines, the FAQ or an acknowledgement changed; the data says what, in words. */
    public static final String CHANGED = "dev/vellum/guidelines/ui/changed";

    private GuidelinesEvents() {
    }

    /** Tells every view; does nothing without a broker (tests). */
    public static void changed(IEventBroker broker, String what) {
        if (broker != null) {
            broker.send(CHANGED, what);
        }
    }
}
