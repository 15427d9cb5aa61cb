package dev.vellum.app.handlers;

import java.util.List;
import org.eclipse.e4.ui.di.AboutToShow;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;

/** Placeholder recent projects menu. */
public final class RecentProjectsMenu {
    @AboutToShow
    void aboutToShow(List<MMenuElement> items) {
    }
}
