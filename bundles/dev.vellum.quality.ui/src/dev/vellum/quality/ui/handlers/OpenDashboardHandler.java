package dev.vellum.quality.ui.handlers;

import dev.vellum.quality.ui.parts.DashboardPart;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.IPresentationEngine;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * Quality > Dashboard: shows the dashboard and maximizes its stack, since five charts need the room
 * (double-clicking the tab restores the layout).
 */
public final class OpenDashboardHandler {
    @Execute
    void execute(EPartService parts) {
        MPart part = parts.showPart(DashboardPart.ID, PartState.ACTIVATE);
        if (part == null) {
            return;
        }
        MElementContainer<MUIElement> stack = part.getParent();
        if (stack != null && !stack.getTags().contains(IPresentationEngine.MAXIMIZED)) {
            stack.getTags().add(IPresentationEngine.MAXIMIZED);
        }
    }
}
