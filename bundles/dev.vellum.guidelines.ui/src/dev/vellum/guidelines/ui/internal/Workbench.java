package dev.vellum.guidelines.ui.internal;

import java.util.Map;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * What these views ask of the workbench, by the ids its application model publishes (this bundle
 * does not depend on the workbench bundle): open an item in its editor, show a view.
 */
public final class Workbench {
    /** The workbench's command that opens an item in the editor its modality chooses. */
    public static final String OPEN_ITEM_COMMAND = "dev.vellum.app.command.openItem";
    /** Its parameter: the item id. */
    public static final String OPEN_ITEM_PARAMETER = "dev.vellum.app.command.openItem.itemId";

    /** The Guidelines view. */
    public static final String GUIDELINES = "dev.vellum.guidelines.ui.part.guidelines";
    /** The Guideline Diff view. */
    public static final String DIFF = "dev.vellum.guidelines.ui.part.diff";
    /** The FAQ view. */
    public static final String FAQ = "dev.vellum.guidelines.ui.part.faq";
    /** The What Changed view. */
    public static final String WHAT_CHANGED = "dev.vellum.guidelines.ui.part.whatChanged";
    /** The History view. */
    public static final String HISTORY = "dev.vellum.guidelines.ui.part.history";

    private Workbench() {
    }

    /**
     * Opens an item in its editor through the workbench's command.
     *
     * @return whether the command ran
     */
    public static boolean openItem(ECommandService commands, EHandlerService handlers, String itemId) {
        if (commands == null || handlers == null || itemId == null || itemId.isEmpty()) {
            return false;
        }
        ParameterizedCommand command = commands.createCommand(OPEN_ITEM_COMMAND, Map.of(OPEN_ITEM_PARAMETER, itemId));
        if (command == null || !handlers.canExecute(command)) {
            ILog.of(Workbench.class).warn("cannot open item '" + itemId + "': the command " + OPEN_ITEM_COMMAND + " is not available");
            return false;
        }
        handlers.executeHandler(command);
        return true;
    }

    /**
     * Shows a view of this bundle (activating it when {@code activate}) and returns its object.
     *
     * @return the part's object, or null when the view is not in the model
     */
    public static <T> T show(EPartService parts, String partId, Class<T> type, boolean activate) {
        if (parts == null) {
            return null;
        }
        MPart part = parts.showPart(partId, activate ? PartState.ACTIVATE : PartState.VISIBLE);
        return part != null && type.isInstance(part.getObject()) ? type.cast(part.getObject()) : null;
    }
}
