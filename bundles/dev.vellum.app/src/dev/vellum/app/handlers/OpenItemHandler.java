package dev.vellum.app.handlers;

import org.eclipse.e4.core.di.annotations.Execute;

/** Placeholder handler. */
public final class OpenItemHandler {
    @Execute
    void execute() {
    }
}
