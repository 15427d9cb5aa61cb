package dev.vellum.app.internal;

import dev.vellum.core.registry.StoreRegistry;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MToolItem;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.IWindowCloseHandler;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Sets the workbench up: puts the {@link WorkbenchProject} (and the open {@link ProjectSession}) in
 * the application context, opens the project to start with ({@code -Dvellum.project}, else the most
 * recent one), and once the window is up installs autosave, the unsaved-changes question on close,
 * the Edit menu's "Undo Add 'car'" labels and, with {@code -Dvellum.smoke}, the startup report.
 */
public final class LifeCycle {
    private static final String WINDOW = "dev.vellum.app.window.main";

    private WorkbenchProject workbench;
    private Autosave autosave;

    /** The view each shared stack shows first, whatever order the bundles' fragments were merged in. */
    private static final java.util.Map<String, String> FIRST_SHOWN = java.util.Map.of(
            "dev.vellum.app.partstack.bottom", "dev.vellum.guidelines.ui.part.guidelines",
            "dev.vellum.app.partstack.right", "dev.vellum.app.part.properties");

    /**
     * Selects the view each shared stack starts with. Several bundles add views to the bottom and
     * right stacks, and the order their model fragments are merged in varies from one start to the
     * next; without this the first merged (Problems, Review...) would be shown instead of the
     * Guidelines.
     */
    @ProcessAdditions
    void processAdditions(MApplication application, EModelService models) {
        FIRST_SHOWN.forEach((stackId, partId) -> {
            if (models.find(stackId, application) instanceof org.eclipse.e4.ui.model.application.ui.basic.MPartStack stack
                    && models.find(partId, application) instanceof org.eclipse.e4.ui.model.application.ui.basic.MStackElement part
                    && stack.getChildren().contains(part)) {
                stack.setSelectedElement(part);
            }
        });
    }

    @PostContextCreate
    void postContextCreate(IEclipseContext context, @Optional StoreRegistry stores, IEventBroker broker) {
        if (stores == null) {
            // Without the core bundle's services no project can open; say so instead of failing to start.
            ILog.of(LifeCycle.class).error("the StoreRegistry service is not available: is dev.vellum.core started?");
            stores = new StoreRegistry();
        }
        workbench = new WorkbenchProject(stores, WorkbenchProject.defaultUser(), RecentProjects.inUserHome());
        context.set(WorkbenchProject.class, workbench);
        workbench.addListener(new WorkbenchProject.Listener() {
            @Override
            public void projectSwitched(ProjectSession session) {
                context.set(ProjectSession.class, session);
            }
        });
        String start = System.getProperty("vellum.project");
        if (start == null || start.isBlank()) {
            List<String> recent = workbench.recent().list();
            start = recent.isEmpty() ? null : recent.get(0);
        }
        if (start != null) {
            workbench.openAtStart(start);
        }
        broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, e -> started(context, broker));
        broker.subscribe(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED, e -> shuttingDown());
    }

    private void started(IEclipseContext context, IEventBroker broker) {
        Display display = Display.getCurrent();
        MApplication application = context.get(MApplication.class);
        EModelService models = context.get(EModelService.class);
        MWindow window = (MWindow) models.find(WINDOW, application);
        IEclipseContext windowContext = window == null ? context : window.getContext();
        if (window != null) {
            windowContext.set(IWindowCloseHandler.class, w -> {
                boolean close = ProjectSwitch.confirmLeaving((Shell) w.getWidget(), workbench);
                if (close) {
                    workbench.close();
                }
                return close;
            });
        }

        EditorArea editors = ContextInjectionFactory.make(EditorArea.class, windowContext);
        editors.updateHint();
        broker.subscribe(UIEvents.ElementContainer.TOPIC_CHILDREN, e -> display.asyncExec(editors::updateHint));
        broker.subscribe(UIEvents.UIElement.TOPIC_TOBERENDERED, e -> display.asyncExec(editors::updateHint));

        autosave = new Autosave(display, workbench, Autosave.configuredSeconds());
        autosave.start();

        if (window != null) {
            WorkbenchProject.Listener editMenu = new WorkbenchProject.Listener() {
                @Override
                public void projectSwitched(ProjectSession session) {
                    updateTitle(window);
                    updateEditMenu(models, window, broker);
                }

                @Override
                public void projectChanged(ProjectChange change) {
                    updateEditMenu(models, window, broker);
                }
            };
            workbench.addListener(editMenu);
            updateTitle(window);
            updateEditMenu(models, window, broker);
        }

        String smoke = System.getProperty(SmokeReport.PROPERTY);
        if (smoke != null && !smoke.isBlank()) {
            display.asyncExec(() -> runSmoke(Path.of(smoke), models, application, editors));
        }
    }

    private void runSmoke(Path file, EModelService models, MApplication application, EditorArea editors) {
        try {
            new SmokeReport(workbench, models, application, editors).write(file);
        } catch (IOException | RuntimeException e) {
            ILog.of(LifeCycle.class).error("smoke report: " + e.getMessage(), e);
        } finally {
            // A moment's delay lets the startup events still in flight reach their handlers before the
            // display goes away.
            Display.getCurrent().timerExec(500, () -> {
                workbench.close();
                application.getContext().get(IWorkbench.class).close();
            });
        }
    }

    private void updateTitle(MWindow window) {
        window.setLabel(workbench.session().map(s -> s.project().name() + " \u2014 Vellum").orElse("Vellum"));
    }

    // Labels like "Undo Add 'car'" tell the user what the key will do before pressing it.
    private void updateEditMenu(EModelService models, MWindow window, IEventBroker broker) {
        java.util.Optional<ProjectSession> session = workbench.session();
        String undo = session.flatMap(ProjectSession::undoLabel).map(l -> "Undo " + l).orElse("Undo");
        String redo = session.flatMap(ProjectSession::redoLabel).map(l -> "Redo " + l).orElse("Redo");
        label(models, window, "dev.vellum.app.menuitem.undo", "&" + escape(undo));
        label(models, window, "dev.vellum.app.menuitem.redo", "&" + escape(redo));
        tooltip(models, window, "dev.vellum.app.toolitem.undo", undo + " (Ctrl+Z)");
        tooltip(models, window, "dev.vellum.app.toolitem.redo", redo + " (Ctrl+Shift+Z)");
        broker.send(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC, UIEvents.ALL_ELEMENT_ID);
    }

    private static String escape(String label) {
        return label.replace("&", "&&");
    }

    private static void label(EModelService models, MWindow window, String id, String label) {
        for (MMenuItem item : models.findElements(window, id, MMenuItem.class, null, EModelService.IN_MAIN_MENU)) {
            if (!label.equals(item.getLabel())) {
                item.setLabel(label);
            }
        }
    }

    private static void tooltip(EModelService models, MWindow window, String id, String tooltip) {
        for (MToolItem item : models.findElements(window, id, MToolItem.class, null, EModelService.IN_TRIM)) {
            if (!tooltip.equals(item.getTooltip())) {
                item.setTooltip(tooltip);
            }
        }
    }

    private void shuttingDown() {
        if (autosave != null) {
            autosave.stop();
        }
        workbench.close();
    }
}
