package dev.vellum.guidelines.ui.handlers;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.guidelines.Faq;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.ui.internal.EditorFocus;
import dev.vellum.guidelines.ui.internal.GuidelinesEvents;
import dev.vellum.guidelines.ui.internal.Problems;
import dev.vellum.guidelines.ui.internal.RaiseQuestionDialog;
import dev.vellum.guidelines.ui.internal.Workbench;
import dev.vellum.guidelines.ui.parts.FaqPart;
import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

/**
 * Raises a question about what the user works on (Ctrl+Shift+Q, or the editor's context menu): the
 * annotation selected in the active editor, with its item, label and region; else the item; else a
 * general question. The FAQ view then shows the new entry.
 */
public final class RaiseQuestionHandler {
    // Not from inside a dialog: the key is bound in dialogs too, as all of the workbench's keys are.
    @CanExecute
    boolean canExecute(@Optional ProjectSession session, @Optional @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        return session != null && (shell == null || shell.getParent() == null);
    }

    @Execute
    void execute(ProjectSession session, @Optional EPartService parts, @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active,
            @Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object selection, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell,
            @Optional IEventBroker broker) {
        EditorFocus focus = EditorFocus.find(session, parts, active, selection);
        int version = new Guidelines(session.stored()).current();
        RaiseQuestionDialog dialog = new RaiseQuestionDialog(shell, focus, version);
        if (dialog.open() != Window.OK) {
            return;
        }
        FaqEntry raised;
        try {
            raised = new Faq(session.stored()).raise(focus.toFaqContext(version), dialog.question(), session.user());
        } catch (StoreException | RuntimeException e) {
            Problems.show(shell, "Cannot Raise the Question", e);
            return;
        }
        GuidelinesEvents.changed(broker, raised.id() + " raised");
        FaqPart faq = Workbench.show(parts, Workbench.FAQ, FaqPart.class, false);
        if (faq != null) {
            faq.reload();
            if (!faq.select(raised.id())) {
                faq.clearFilters();
                faq.select(raised.id());
            }
        }
    }
}
