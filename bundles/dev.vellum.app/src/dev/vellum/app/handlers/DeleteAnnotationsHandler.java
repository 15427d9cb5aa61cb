package dev.vellum.app.handlers;

import dev.vellum.app.parts.AnnotationListEditor;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;

/** Deletes the annotations selected in the generic editor as one undoable edit (its context menu; Delete in the table). */
public final class DeleteAnnotationsHandler {
    @CanExecute
    boolean canExecute(@Optional MPart part) {
        return part != null && part.getObject() instanceof AnnotationListEditor editor && editor.hasSelection();
    }

    @Execute
    void execute(MPart part) {
        if (part.getObject() instanceof AnnotationListEditor editor) {
            editor.deleteSelected();
        }
    }
}
