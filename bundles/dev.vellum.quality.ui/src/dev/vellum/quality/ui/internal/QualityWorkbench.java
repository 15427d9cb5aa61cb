package dev.vellum.quality.ui.internal;

import java.util.Map;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * What the quality views and handlers ask of the workbench, by the ids its application model
 * publishes (this bundle does not depend on the workbench bundle): open an item, show a view, and
 * tell the user one line on the status line instead of a dialog.
 */
public final class QualityWorkbench {
    /** The workbench's command that opens an item in the editor its modality chooses. */
    public static final String OPEN_ITEM_COMMAND = "dev.vellum.app.command.openItem";
    /** Its parameter: the item id. */
    public static final String OPEN_ITEM_PARAMETER = "dev.vellum.app.command.openItem.itemId";
    /** The Review view. */
    public static final String REVIEW_PART = "dev.vellum.quality.ui.part.review";
    /** The Queue view. */
    public static final String QUEUE_PART = "dev.vellum.quality.ui.part.queue";
    /**
     * The event topic of status messages (the data is a {@link Status}); the quality status line
     * shows the last one.
     */
    public static final String STATUS_TOPIC = "dev/vellum/quality/ui/status";
    /** The event topic sent after a review step was recorded (the data is the item id), so views reload. */
    public static final String REVIEWED_TOPIC = "dev/vellum/quality/ui/reviewed";

    /**
     * One line for the status line.
     *
     * @param text    what to say
     * @param problem whether it reports something that did not happen (shown in red)
     */
    public record Status(String text, boolean problem) {
    }

    /** Opens an item in its editor. */
    @FunctionalInterface
    public interface ItemOpener {
        /**
         * Opens {@code itemId}.
         *
         * @return whether it could be opened
         */
        boolean open(String itemId);
    }

    private QualityWorkbench() {
    }

    /** An opener running the workbench's open-item command; one that opens nothing without the services. */
    public static ItemOpener opener(ECommandService commands, EHandlerService handlers) {
        return itemId -> {
            if (commands == null || handlers == null || itemId == null || itemId.isEmpty()) {
                return false;
            }
            ParameterizedCommand command = commands.createCommand(OPEN_ITEM_COMMAND, Map.of(OPEN_ITEM_PARAMETER, itemId));
            if (command == null || !handlers.canExecute(command)) {
                ILog.of(QualityWorkbench.class).warn("cannot open item '" + itemId + "': the command " + OPEN_ITEM_COMMAND
                        + " is not available");
                return false;
            }
            handlers.executeHandler(command);
            return true;
        };
    }

    /** Shows the Review view (activating it when {@code activate}) and returns its part, or null. */
    public static MPart showReview(EPartService parts, boolean activate) {
        return show(parts, REVIEW_PART, activate);
    }

    /** Shows the view {@code partId} (activating it when {@code activate}) and returns its part, or null. */
    public static MPart show(EPartService parts, String partId, boolean activate) {
        if (parts == null) {
            return null;
        }
        try {
            return parts.showPart(partId, activate ? PartState.ACTIVATE : PartState.VISIBLE);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // no such part in the model (a stripped product): the status line still tells
            ILog.of(QualityWorkbench.class).warn("cannot show the view " + partId + ": " + e.getMessage(), e);
            return null;
        }
    }

    /** Puts {@code text} on the status line; logged when there is no event broker. */
    public static void status(IEventBroker events, String text, boolean problem) {
        if (events != null) {
            events.send(STATUS_TOPIC, new Status(text, problem));
        } else if (problem) {
            ILog.of(QualityWorkbench.class).warn(text);
        }
    }
}
