package dev.vellum.quality.ui.handlers;

import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.quality.ui.internal.QualityWorkbench;
import dev.vellum.quality.workflow.ReviewEvent;
import dev.vellum.quality.workflow.Reviews;
import jakarta.inject.Named;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

/**
 * Submits the user's own set on the item of the active editor (Quality > Submit, Ctrl+Alt+S),
 * through {@link Reviews} in the workbench's session. Enabled when that set is in progress or
 * rejected; a refusal is said on the status line.
 */
public final class SubmitHandler {
    @CanExecute
    boolean canExecute(@Optional ProjectSession session, @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active) {
        String itemId = itemOf(active);
        if (session == null || itemId == null) {
            return false;
        }
        // from the summary: no item load on every menu and key update
        return session.project().item(itemId).map(ItemSummary::sets).orElse(java.util.List.of()).stream()
                .anyMatch(s -> s.annotator().equals(session.user())
                        && (s.state() == AnnotationState.IN_PROGRESS || s.state() == AnnotationState.REJECTED));
    }

    @Execute
    void execute(ProjectSession session, @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active, @Optional IEventBroker events) {
        String itemId = itemOf(active);
        if (itemId != null && submit(session, itemId, (text, problem) -> QualityWorkbench.status(events, text, problem)) && events != null) {
            events.send(QualityWorkbench.REVIEWED_TOPIC, itemId);
        }
    }

    /**
     * Submits the session user's set on {@code itemId}, telling {@code status} (text, whether a problem) the outcome.
     *
     * @return whether it was submitted
     */
    public static boolean submit(ProjectSession session, String itemId, BiConsumer<String, Boolean> status) {
        try {
            ReviewEvent e = new Reviews(session).submit(itemId, session.user());
            status.accept("Submitted your set on " + itemId + " (now " + e.to().displayName().toLowerCase(Locale.ROOT) + ")", false);
            return true;
        } catch (StoreException | IllegalStateException | IllegalArgumentException e) {
            ILog.of(SubmitHandler.class).warn(e.getMessage(), e);
            status.accept("Could not submit: " + e.getMessage(), true);
            return false;
        }
    }

    /** The item of an item editor part, or null. */
    static String itemOf(MPart part) {
        if (part == null || part.getObject() == null) {
            return null;
        }
        return part.getObject() instanceof ItemEditor e ? e.itemId() : part.getPersistedState().get(EditorProvider.ITEM_ID);
    }
}
