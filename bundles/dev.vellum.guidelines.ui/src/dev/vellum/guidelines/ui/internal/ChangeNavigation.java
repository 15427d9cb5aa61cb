package dev.vellum.guidelines.ui.internal;

/** A view that steps through the changes of a diff (Ctrl+. and Ctrl+,). */
public interface ChangeNavigation {
    /** Shows the next change; false when there is none. */
    boolean nextChange();

    /** Shows the previous change; false when there is none. */
    boolean previousChange();
}
