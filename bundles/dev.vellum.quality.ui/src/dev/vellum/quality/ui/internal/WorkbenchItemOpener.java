package dev.vellum.quality.ui.internal;

import dev.vellum.core.ui.editors.ItemEditor;
import java.util.Map;
import java.util.Optional;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * Opens items through the workbench's open-item command, by the ids its application model
 * publishes (this bundle does not depend on the workbench bundle), then finds the editor part.
 */
public final class WorkbenchItemOpener implements ItemOpener {
    /** The workbench's command that opens an item in the editor its modality chooses. */
    public static final String OPEN_ITEM_COMMAND = "dev.vellum.app.command.openItem";
    /** Its parameter: the item id. */
    public static final String OPEN_ITEM_PARAMETER = "dev.vellum.app.command.openItem.itemId";

    private final ECommandService commands;
    private final EHandlerService handlers;
    private final EPartService parts;

    public WorkbenchItemOpener(ECommandService commands, EHandlerService handlers, EPartService parts) {
        this.commands = commands;
        this.handlers = handlers;
        this.parts = parts;
    }

    @Override
    public Optional<ItemEditor> open(String itemId) {
        if (commands == null || handlers == null || itemId == null || itemId.isEmpty()) {
            return Optional.empty();
        }
        ParameterizedCommand command = commands.createCommand(OPEN_ITEM_COMMAND, Map.of(OPEN_ITEM_PARAMETER, itemId));
        if (command == null || !handlers.canExecute(command)) {
            ILog.of(WorkbenchItemOpener.class).warn("cannot open item '" + itemId + "': the command " + OPEN_ITEM_COMMAND
                    + " is not available");
            return Optional.empty();
        }
        handlers.executeHandler(command);
        if (parts == null) {
            return Optional.empty();
        }
        MPart active = parts.getActivePart();
        if (active != null && active.getObject() instanceof ItemEditor e && itemId.equals(e.itemId())) {
            return Optional.of(e);
        }
        for (MPart p : parts.getParts()) {
            if (p.getObject() instanceof ItemEditor e && itemId.equals(e.itemId())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
