package dev.vellum.app.internal;

import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;

/** Placeholder life cycle (replaced by the workbench implementation). */
public final class LifeCycle {
    @PostContextCreate
    void postContextCreate() {
    }
}
