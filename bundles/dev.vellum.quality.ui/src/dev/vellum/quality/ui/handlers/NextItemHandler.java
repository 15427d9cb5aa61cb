package dev.vellum.quality.ui.handlers;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.quality.ui.internal.NextWork;
import dev.vellum.quality.ui.internal.NextWork.Role;
import dev.vellum.quality.ui.internal.QualityWorkbench;
import dev.vellum.quality.ui.internal.QualityWorkbench.ItemOpener;
import dev.vellum.quality.ui.parts.ReviewPart;
import dev.vellum.quality.workflow.Queues.SetRef;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * Opens the user's next piece of work from the project's queues (Quality > Next Item, Ctrl+Alt+N;
 * Next to Review; Next to Audit): the item in its editor and, for review and audit, the Review view
 * on the set to decide. An empty queue or a failure is said on the status line.
 */
public final class NextItemHandler {
    /** The command's parameter: {@code annotate} (default), {@code review} or {@code audit}. */
    public static final String ROLE_PARAMETER = "dev.vellum.quality.ui.command.nextItem.role";

    @CanExecute
    boolean canExecute(@org.eclipse.e4.core.di.annotations.Optional ProjectSession session) {
        return session != null;
    }

    @Execute
    void execute(ProjectSession session, @org.eclipse.e4.core.di.annotations.Optional @Named(ROLE_PARAMETER) String role,
            @org.eclipse.e4.core.di.annotations.Optional ECommandService commands,
            @org.eclipse.e4.core.di.annotations.Optional EHandlerService handlers,
            @org.eclipse.e4.core.di.annotations.Optional EPartService parts,
            @org.eclipse.e4.core.di.annotations.Optional IEventBroker events) {
        Optional<SetRef> next = open(session, role, QualityWorkbench.opener(commands, handlers),
                (text, problem) -> QualityWorkbench.status(events, text, problem));
        if (next.isPresent() && Role.of(role) != Role.ANNOTATE) {
            MPart review = QualityWorkbench.showReview(parts, false);
            if (review != null && review.getObject() instanceof ReviewPart part) {
                part.show(next.get().itemId());
                part.choose(next.get().annotator());
            }
        }
    }

    /**
     * Finds the next work of the session's user in {@code role} and opens its item with {@code opener},
     * telling {@code status} (text, whether a problem) what happened.
     *
     * @return the set opened, or empty when there was nothing or it failed
     */
    public static Optional<SetRef> open(ProjectSession session, String role, ItemOpener opener, BiConsumer<String, Boolean> status) {
        Role r;
        Optional<SetRef> next;
        try {
            r = Role.of(role);
            next = NextWork.find(session, r);
        } catch (StoreException | IllegalArgumentException e) {
            ILog.of(NextItemHandler.class).warn(e.getMessage(), e);
            status.accept("Could not find the next item: " + e.getMessage(), true);
            return Optional.empty();
        }
        if (next.isEmpty()) {
            status.accept(NextWork.nothingLeft(r, session.user()), false);
            return next;
        }
        SetRef set = next.get();
        if (!opener.open(set.itemId())) {
            status.accept("Could not open " + set.itemId() + ".", true);
            return Optional.empty();
        }
        status.accept(switch (r) {
            case ANNOTATE -> "Next item: " + set.itemId();
            case REVIEW -> "To review: " + set.annotator() + "'s set on " + set.itemId();
            case AUDIT -> "To audit: " + set.annotator() + "'s set on " + set.itemId();
        }, false);
        return next;
    }
}
