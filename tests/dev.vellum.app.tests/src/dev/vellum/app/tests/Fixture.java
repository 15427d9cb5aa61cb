package dev.vellum.app.tests;

import dev.vellum.app.internal.RecentProjects;
import dev.vellum.app.internal.WorkbenchProject;
import dev.vellum.app.parts.ProjectExplorerPart;
import dev.vellum.core.registry.StoreRegistry;
import dev.vellum.core.session.ProjectSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.e4.ui.workbench.modeling.ISelectionListener;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * A shell, an open sample project and an injection context holding what the workbench's parts
 * inject, without a running workbench.
 */
final class Fixture implements AutoCloseable {
    final Display display;
    final Shell shell;
    final MemoryStore store = new MemoryStore();
    final StoreRegistry stores = new StoreRegistry();
    final MemoryStore.MemoryProject stored;
    final WorkbenchProject workbench;
    final IEclipseContext context = EclipseContextFactory.create("test");
    final RecordingSelection selection = new RecordingSelection();

    Fixture(Path tmp) throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(1000, 700);
        shell.setLayout(new org.eclipse.swt.layout.FillLayout());
        stores.addStore(store);
        stored = SampleProject.addTo(store);
        workbench = new WorkbenchProject(stores, "tester", new RecentProjects(tmp.resolve("recent.txt")));
        workbench.open(SampleProject.LOCATION);
        context.set(WorkbenchProject.class, workbench);
        context.set(ProjectSession.class, session());
        context.set(ESelectionService.class, selection);
        context.set(Composite.class, shell);
        shell.open();
    }

    ProjectSession session() {
        return workbench.session().orElseThrow();
    }

    /** Lets the user ("tester") change every annotator's set, as a project may allow. */
    void allowEditingOthers() {
        session().project().setExtensions(java.util.Map.of(dev.vellum.core.ui.editors.ItemEditor.EDIT_OTHERS_SETS, true));
    }

    /**
     * Makes a part as the workbench would: its own composite in the shell and an injection context
     * below the fixture's, holding {@code part}. The part model gets the object.
     */
    <T> T make(Class<T> type, org.eclipse.e4.ui.model.application.ui.basic.MPart part) {
        IEclipseContext child = context.createChild(type.getSimpleName());
        Composite composite = new Composite(shell, org.eclipse.swt.SWT.NONE);
        child.set(Composite.class, composite);
        if (part != null) {
            child.set(org.eclipse.e4.ui.model.application.ui.basic.MPart.class, part);
        }
        T object = org.eclipse.e4.core.contexts.ContextInjectionFactory.make(type, child);
        if (part != null) {
            part.setObject(object);
        }
        shell.layout(true, true);
        spin();
        return object;
    }

    /** Lets SWT process what is pending (layouts, async runnables). */
    void spin() {
        while (display.readAndDispatch()) {
            // keep going until the queue is empty
        }
    }

    /** The control under {@code root} tagged with {@link ProjectExplorerPart#WIDGET_ID} {@code id}. */
    static <T extends Control> T find(Composite root, String id, Class<T> type) {
        List<Control> found = new ArrayList<>();
        collect(root, c -> id.equals(c.getData(ProjectExplorerPart.WIDGET_ID)), found);
        if (found.isEmpty()) {
            throw new AssertionError("no control '" + id + "'");
        }
        return type.cast(found.get(0));
    }

    static <T extends Control> List<T> all(Composite root, Class<T> type) {
        List<Control> found = new ArrayList<>();
        collect(root, type::isInstance, found);
        return found.stream().map(type::cast).toList();
    }

    private static void collect(Control c, Predicate<Control> test, List<Control> out) {
        if (test.test(c)) {
            out.add(c);
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                collect(child, test, out);
            }
        }
    }

    @Override
    public void close() {
        context.dispose();
        shell.dispose();
        spin();
    }

    /** Remembers what parts selected. */
    static final class RecordingSelection implements ESelectionService {
        Object selection;

        @Override
        public void setSelection(Object s) {
            selection = s;
        }

        @Override
        public void setPostSelection(Object s) {
            selection = s;
        }

        @Override
        public Object getSelection() {
            return selection;
        }

        @Override
        public Object getSelection(String partId) {
            return selection;
        }

        @Override
        public void addSelectionListener(ISelectionListener listener) {
        }

        @Override
        public void removeSelectionListener(ISelectionListener listener) {
        }

        @Override
        public void addSelectionListener(String partId, ISelectionListener listener) {
        }

        @Override
        public void removeSelectionListener(String partId, ISelectionListener listener) {
        }

        @Override
        public void addPostSelectionListener(ISelectionListener listener) {
        }

        @Override
        public void removePostSelectionListener(ISelectionListener listener) {
        }

        @Override
        public void addPostSelectionListener(String partId, ISelectionListener listener) {
        }

        @Override
        public void removePostSelectionListener(String partId, ISelectionListener listener) {
        }
    }
}
