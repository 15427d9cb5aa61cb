package dev.vellum.guidelines.ui.tests;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.guidelines.ui.internal.Widgets;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * A shell, a real project folder (two street scenes annotated by alice and bob, image and text label
 * schemas) open in a session of "tester", and an injection context holding what the views inject,
 * without a running workbench.
 */
final class Fixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    final Display display;
    final Shell shell;
    final FolderProject stored;
    final ProjectSession session;
    final IEclipseContext context = EclipseContextFactory.create("test");

    Fixture(Path dir) throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(1100, 760);
        shell.setLayout(new FillLayout());
        stored = new FolderProjectStore().create(dir.resolve("project").toString(), "ui-test", "UI test");
        stored.project().putSchema(schema("image", List.of("car", "person", "bicycle", "traffic-light"),
                List.of("#e6194b", "#3cb44b", "#4363d8", "#f58231")));
        stored.project().putSchema(schema("text", List.of("PER", "ORG", "LOC", "DATE"), List.of("#911eb4", "#46f0f0", "#f032e6", "#bcf60c")));
        stored.saveProject();
        stored.saveItem(item("street-001", set("alice", "car", "car", "person"), set("bob", "car", "person")));
        stored.saveItem(item("street-002", set("alice", "traffic-light")));
        session = new ProjectSession(stored, "tester");
        context.set(ProjectSession.class, session);
        context.set(Composite.class, shell);
        shell.open();
    }

    private static LabelSchema schema(String modality, List<String> labels, List<String> colors) {
        List<LabelClass> classes = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            classes.add(new LabelClass(labels.get(i), colors.get(i), Integer.toString(i + 1), List.of()));
        }
        return new LabelSchema(modality, classes);
    }

    /** A set of boxes a1, a2... with these labels. */
    static AnnotationSet set(String annotator, String... labels) {
        List<Annotation> boxes = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            boxes.add(new Annotation((annotator.equals("alice") ? "a" : "b") + (i + 1), "image.bbox", labels[i], Map.of(), 1,
                    box(10 + 40 * i, 20, 30, 40), Provenance.HUMAN, annotator, T0, T0));
        }
        return new AnnotationSet(annotator, AnnotationState.SUBMITTED, 0, T0, T0, boxes);
    }

    static Map<String, Object> box(int x, int y, int w, int h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x);
        m.put("y", y);
        m.put("width", w);
        m.put("height", h);
        return m;
    }

    static Item item(String id, AnnotationSet... sets) {
        return new Item(id, "street", List.of(new Asset("media/" + id + ".png", "image", "", Map.of("width", 640, "height", 400))),
                Map.of(), List.of(), List.of(sets));
    }

    /** Lets SWT process what is pending (layouts, async runnables). */
    void spin() {
        while (display.readAndDispatch()) {
            // until the queue is empty
        }
    }

    /** Lets SWT run for {@code ms} milliseconds (timers, debounced work). */
    void spin(long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                Thread.sleep(10);
            }
        }
        spin();
    }

    /** The control under {@code root} tagged {@code id}. */
    static <T extends Control> T find(Composite root, String id, Class<T> type) {
        List<Control> found = new ArrayList<>();
        collect(root, c -> id.equals(c.getData(Widgets.ID)), found);
        if (found.isEmpty()) {
            throw new AssertionError("no control '" + id + "'");
        }
        return type.cast(found.get(0));
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
    public void close() throws Exception {
        context.dispose();
        shell.dispose();
        spin();
        stored.close();
    }
}
