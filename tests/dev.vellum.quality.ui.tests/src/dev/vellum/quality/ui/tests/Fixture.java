package dev.vellum.quality.ui.tests;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.model.WorkflowSettings;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.quality.ui.internal.Ids;
import dev.vellum.quality.workflow.QualitySettings;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * A project folder with a review and an audit stage (reviewer rita, auditor audrey, overlap 2):
 * street-001 with alice's submitted boxes a1 (car) and a2 (person) and bob's boxes in progress,
 * street-002 nobody started, street-003 with alice's rejected work. A shell and an injection
 * context like the workbench's, with the session of whichever user a test is.
 */
final class Fixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    final Display display = Display.getDefault();
    final Shell shell = new Shell(display);
    final FolderProject stored;
    final IEclipseContext context = EclipseContextFactory.create("quality-ui-test");
    ProjectSession session;

    Fixture(Path dir) throws Exception {
        stored = new FolderProjectStore().create(dir.resolve("project").toString(), "review-test", "Review test");
        stored.project().putSchema(new LabelSchema("image", List.of(new LabelClass("car", "#e6194b", "1", List.of()),
                new LabelClass("person", "#3cb44b", "2", List.of()))));
        stored.project().setWorkflow(new WorkflowSettings(2, List.of(QualitySettings.REVIEW_STAGE, QualitySettings.AUDIT_STAGE)));
        new QualitySettings(List.of(), List.of("rita"), List.of("audrey"), 1.0, 0.0, 0.8, 0).writeTo(stored.project());
        stored.saveProject();
        stored.saveItem(item("street-001", set("alice", AnnotationState.SUBMITTED, "car", "person"),
                set("bob", AnnotationState.IN_PROGRESS, "car")));
        stored.saveItem(item("street-002"));
        stored.saveItem(item("street-003", set("alice", AnnotationState.REJECTED, "car")));
        shell.setSize(1000, 420);
        shell.setLayout(new FillLayout());
        context.set(Composite.class, shell);
        shell.open();
    }

    /** Works as {@code user} from now on (a new session, as on another machine). */
    ProjectSession as(String user) {
        session = new ProjectSession(stored, user);
        context.set(ProjectSession.class, session);
        return session;
    }

    /** A set of boxes a1, a2... (b1... for bob) with these labels. */
    static AnnotationSet set(String annotator, AnnotationState state, String... labels) {
        List<Annotation> boxes = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            Map<String, Object> box = new LinkedHashMap<>();
            box.put("x", 10 + 40 * i);
            box.put("y", 20);
            box.put("width", 30);
            box.put("height", 40);
            boxes.add(new Annotation(annotator.charAt(0) + Integer.toString(i + 1), "image.bbox", labels[i], Map.of(), 1, box,
                    Provenance.HUMAN, annotator, T0, T0));
        }
        return new AnnotationSet(annotator, state, 0, T0, T0, boxes);
    }

    static Item item(String id, AnnotationSet... sets) {
        return new Item(id, "street", List.of(new Asset("media/" + id + ".png", "image", "", Map.of("width", 640, "height", 400))),
                Map.of(), List.of(), List.of(sets));
    }

    /** Makes a part's object in its own composite and context, as the workbench would. */
    <T> T make(Class<T> type) {
        IEclipseContext child = context.createChild(type.getSimpleName());
        Composite composite = new Composite(shell, org.eclipse.swt.SWT.NONE);
        composite.setLayout(new FillLayout());
        child.set(Composite.class, composite);
        T object = ContextInjectionFactory.make(type, child);
        shell.layout(true, true);
        spin();
        return object;
    }

    /** An editor of {@code itemId} made active, with {@code selected} selected in it. */
    FakeEditor activate(String itemId, ItemEditor.SelectedAnnotation... selected) {
        FakeEditor editor = new FakeEditor(itemId, List.of(selected));
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(EditorProvider.ITEM_ID, itemId);
        part.setObject(editor);
        editor.part = part;
        context.set(org.eclipse.e4.ui.services.IServiceConstants.ACTIVE_PART, part);
        context.set(org.eclipse.e4.ui.services.IServiceConstants.ACTIVE_SELECTION,
                selected.length == 0 ? null : selected[0].annotation());
        spin();
        return editor;
    }

    /** The annotation {@code id} of {@code annotator}'s set on {@code itemId}, selected as an editor reports it. */
    ItemEditor.SelectedAnnotation selection(String itemId, String annotator, String id) throws Exception {
        return new ItemEditor.SelectedAnnotation(annotator, session.load(itemId).set(annotator).orElseThrow().annotation(id).orElseThrow());
    }

    void spin() {
        while (display.readAndDispatch()) {
            // until the queue is empty
        }
    }

    static <T extends Control> T find(Composite root, String id, Class<T> type) {
        List<Control> found = new ArrayList<>();
        collect(root, c -> id.equals(c.getData(Ids.KEY)), found);
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

    /** An item editor that records what views ask of it. */
    static final class FakeEditor implements ItemEditor {
        final String itemId;
        List<SelectedAnnotation> selected;
        SelectedAnnotation revealed;
        MPart part;

        FakeEditor(String itemId, List<SelectedAnnotation> selected) {
            this.itemId = itemId;
            this.selected = selected;
        }

        @Override
        public String itemId() {
            return itemId;
        }

        @Override
        public List<SelectedAnnotation> selectedAnnotations() {
            return selected;
        }

        @Override
        public void select(List<SelectedAnnotation> annotations) {
            selected = annotations;
        }

        @Override
        public void reveal(SelectedAnnotation annotation) {
            revealed = annotation;
            selected = List.of(annotation);
        }
    }
}
