package dev.vellum.quality.ui.handlers;

import dev.vellum.quality.ui.internal.QualityWorkbench;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Shows the Review view (Quality > Review). */
public final class ShowReviewHandler {
    @Execute
    void execute(@Optional EPartService parts) {
        QualityWorkbench.showReview(parts, true);
    }
}
