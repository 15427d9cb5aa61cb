package dev.vellum.app.handlers;

import dev.vellum.app.parts.AnnotationListEditor;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;

/** Starts relabelling the annotation selected in the generic editor (its context menu; F2 in the table). */
public final class ChangeLabelHandler {
    @CanExecute
    boolean canExecute(@Optional MPart part) {
        return part != null && part.getObject() instanceof AnnotationListEditor editor && editor.canChangeLabel();
    }

    @Execute
    void execute(MPart part) {
        if (part.getObject() instanceof AnnotationListEditor editor) {
            editor.changeLabel();
        }
    }
}
