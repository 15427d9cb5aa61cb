package dev.vellum.guidelines.ui.handlers;

import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Shows and activates one of the guideline views (the Guidelines menu). */
public final class ShowViewHandler {
    /** The command's parameter: the part id. */
    public static final String PART_ID = "dev.vellum.guidelines.ui.command.showView.partId";

    @Execute
    void execute(EPartService parts, @Named(PART_ID) String partId) {
        parts.showPart(partId, PartState.ACTIVATE);
    }
}
