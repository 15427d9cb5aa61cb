package dev.vellum.app.handlers;

import dev.vellum.app.internal.EditorArea;
import dev.vellum.app.parts.ProjectExplorerPart;
import jakarta.inject.Named;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Execute;

/** Opens an item, given by the command parameter, in the editor its modality's provider chooses. */
public final class OpenItemHandler {
    @Execute
    void execute(IEclipseContext context, @Named(ProjectExplorerPart.OPEN_ITEM_PARAMETER) String itemId) {
        ContextInjectionFactory.make(EditorArea.class, context).open(itemId);
    }
}
