package dev.vellum.quality.ui.handlers;

import dev.vellum.quality.ui.internal.QualityWorkbench;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Shows a quality view, given by the command parameter (Quality > Review, Quality > Queue). */
public final class ShowViewHandler {
    /** The command's parameter: the part id. */
    public static final String PART_PARAMETER = "dev.vellum.quality.ui.command.showView.partId";

    @Execute
    void execute(@Optional EPartService parts, @Named(PART_PARAMETER) String partId) {
        QualityWorkbench.show(parts, partId, true);
    }
}
