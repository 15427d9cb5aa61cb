package dev.vellum.app.handlers;

import dev.vellum.app.internal.WorkbenchProject;
import java.util.List;
import org.eclipse.e4.ui.di.AboutToShow;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.commands.MParameter;
import org.eclipse.e4.ui.model.application.ui.menu.MDirectMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

/** Fills File > Open Recent with the projects opened lately, most recent first. */
public final class RecentProjectsMenu {
    private static final String COMMAND = "dev.vellum.app.command.openRecent";

    @AboutToShow
    void aboutToShow(List<MMenuElement> items, WorkbenchProject workbench, EModelService models, MApplication application) {
        List<String> recent = workbench.recent().list();
        MCommand command = application.getCommands().stream().filter(c -> COMMAND.equals(c.getElementId())).findFirst().orElse(null);
        if (recent.isEmpty() || command == null) {
            MDirectMenuItem none = models.createModelElement(MDirectMenuItem.class);
            none.setLabel("(no recent projects)");
            none.setEnabled(false);
            none.setContributionURI("bundleclass://dev.vellum.app/dev.vellum.app.handlers.RecentProjectsMenu");
            items.add(none);
            return;
        }
        int n = 1;
        for (String location : recent) {
            MHandledMenuItem item = models.createModelElement(MHandledMenuItem.class);
            item.setElementId("dev.vellum.app.menuitem.recent." + n);
            String mnemonic = n < 10 ? "&" + n + " " : n + " ";
            item.setLabel(mnemonic + location.replace("&", "&&"));
            item.setTooltip(location);
            item.setCommand(command);
            MParameter parameter = models.createModelElement(MParameter.class);
            parameter.setName(OpenRecentHandler.PATH_PARAMETER);
            parameter.setValue(location);
            item.getParameters().add(parameter);
            items.add(item);
            n++;
        }
    }
}
