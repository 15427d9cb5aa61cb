package dev.vellum.app.handlers;

import org.eclipse.e4.core.di.annotations.Execute;

/** Placeholder handler. */
public final class RedoHandler {
    @Execute
    void execute() {
    }
}
