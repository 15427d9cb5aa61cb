package dev.vellum.guidelines.ui.handlers;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.guidelines.ui.internal.EditorFocus;
import dev.vellum.guidelines.ui.internal.Workbench;
import dev.vellum.guidelines.ui.parts.FaqPart;
import dev.vellum.guidelines.ui.parts.GuidelinesPart;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Shell;

/**
 * Shows what the guidelines say about the label of the selected annotation (F1): the FAQ entries
 * concerning it, and the section of the guidelines that names it.
 */
public final class LabelGuidelinesHandler {
    // Not from inside a dialog: the key is bound in dialogs too, as all of the workbench's keys are.
    @CanExecute
    boolean canExecute(@Optional ProjectSession session, @Optional @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        return session != null && (shell == null || shell.getParent() == null);
    }

    @Execute
    void execute(ProjectSession session, EPartService parts, @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active,
            @Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object selection) {
        String label = EditorFocus.find(session, parts, active, selection).label();
        FaqPart faq = Workbench.show(parts, Workbench.FAQ, FaqPart.class, false);
        if (faq != null && !label.isEmpty()) {
            faq.showLabel(label);
        }
        GuidelinesPart guidelines = Workbench.show(parts, Workbench.GUIDELINES, GuidelinesPart.class, !label.isEmpty() || active == null);
        if (guidelines != null && !label.isEmpty()) {
            guidelines.showLabel(label);
        }
    }
}
