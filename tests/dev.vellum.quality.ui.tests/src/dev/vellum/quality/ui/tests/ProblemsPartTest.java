package dev.vellum.quality.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.validation.Validator;
import dev.vellum.quality.rules.ProjectRules;
import dev.vellum.quality.ui.internal.ItemOpener;
import dev.vellum.quality.ui.parts.ProblemsPart;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Problems view on a real project folder, in a shell without a workbench: it fills from every
 * rule, filters and sorts, re-validates after a save, and a double-click opens the item at the
 * annotation.
 */
class ProblemsPartTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final String RULES = """
            {"format": "vellum-rules", "formatVersion": 1, "rules": [
              {"id": "bike-rider", "kind": "label-combination", "when": "bicycle", "requires": ["person"], "severity": "warning",
               "description": "box the rider"},
              {"id": "car-kind", "kind": "required-attributes", "labels": ["car"], "attributes": ["kind"], "severity": "error"}
            ]}
            """;

    /** Columns by position: severity, message, item, annotator, annotation, rule. */
    private static final int ITEM = 2;
    private static final int RULE = 5;

    @TempDir
    Path tmp;
    private Display display;
    private Shell shell;
    private FolderProject stored;
    private ProjectSession session;
    private final IEclipseContext context = EclipseContextFactory.create("test");
    private final MPart part = MBasicFactory.INSTANCE.createPart();
    private final List<String> opened = new ArrayList<>();
    private final List<ItemEditor.SelectedAnnotation> revealed = new ArrayList<>();

    private static Annotation box(String id, String label, Map<String, Object> attributes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", 10);
        m.put("y", 20);
        m.put("width", 30);
        m.put("height", 40);
        return new Annotation(id, "image.bbox", label, attributes, 1, m, Provenance.HUMAN, "", T0, T0);
    }

    @BeforeEach
    void setUp() throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(1200, 500);
        shell.setLayout(new FillLayout());
        Path dir = tmp.resolve("p");
        stored = new FolderProjectStore().create(dir.toString(), "problems", "Problems test");
        List<LabelClass> classes = new ArrayList<>();
        for (String l : List.of("car", "person", "bicycle")) {
            classes.add(new LabelClass(l, "#808080", "", List.of()));
        }
        stored.project().putSchema(new LabelSchema("image", classes));
        stored.saveProject();
        Files.createDirectories(dir.resolve("media"));
        for (String id : List.of("s1", "s2")) {
            Files.write(dir.resolve("media/" + id + ".png"), new byte[] {1});
        }
        // s1: alice's car lacks its kind (error), her bicycle its rider (warning); s2: a label not in the schema (core's error).
        stored.saveItem(new Item("s1", "", List.of(new Asset("media/s1.png", "image", "", null)), null, null, List.of(
                new AnnotationSet("alice", AnnotationState.SUBMITTED, 0, T0, T0, List.of(box("a1", "car", Map.of()),
                        box("a2", "bicycle", Map.of()))),
                new AnnotationSet("bob", AnnotationState.SUBMITTED, 0, T0, T0, List.of(box("b1", "car", Map.of("kind", "suv")))))));
        stored.saveItem(new Item("s2", "", List.of(new Asset("media/s2.png", "image", "", null)), null, null, List.of(
                new AnnotationSet("bob", AnnotationState.SUBMITTED, 0, T0, T0, List.of(box("b1", "truck", Map.of()))))));
        new ProjectRules(stored).saveDraft("rules.json", RULES, "carol");
        session = new ProjectSession(stored, "tester");
        context.set(ProjectSession.class, session);
        context.set(Composite.class, shell);
        context.set(Validator.class, new Validator(new ModalityRegistry()));
        context.set(MPart.class, part);
        context.set(ItemOpener.class, itemId -> {
            opened.add(itemId);
            // Like the image editor, it is still loading when first told: it ignores the first two reveals.
            return Optional.of(new ItemEditor() {
                private List<SelectedAnnotation> selected = List.of();

                @Override
                public String itemId() {
                    return itemId;
                }

                @Override
                public List<SelectedAnnotation> selectedAnnotations() {
                    return selected;
                }

                @Override
                public void reveal(SelectedAnnotation annotation) {
                    revealed.add(annotation);
                    if (revealed.size() > 2) {
                        selected = List.of(annotation);
                    }
                }
            });
        });
        shell.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        context.dispose();
        shell.dispose();
        spin(0);
        stored.close();
    }

    private void spin(long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        do {
            while (display.readAndDispatch()) {
                // until the queue is empty
            }
            if (System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
        } while (System.currentTimeMillis() < end);
    }

    private void awaitIdle(ProblemsPart p) throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        spin(50);
        while (p.busy() && System.currentTimeMillis() < end) {
            spin(20);
        }
        assertFalse(p.busy(), "validation did not finish");
        spin(0);
    }

    private static <T extends Control> T find(Composite root, String id, Class<T> type) {
        for (Control c : root.getChildren()) {
            if (id.equals(c.getData(ProblemsPart.ID))) {
                return type.cast(c);
            }
            if (c instanceof Composite comp) {
                try {
                    return find(comp, id, type);
                } catch (AssertionError e) {
                    // not in this branch
                }
            }
        }
        throw new AssertionError("no control '" + id + "'");
    }

    private static List<String> column(Table t, int column) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.getItemCount(); i++) {
            out.add(t.getItem(i).getText(column));
        }
        return out;
    }

    @Test
    void theViewFillsWithCoreAndProjectFindingsAndCountsThemInItsTitle() throws Exception {
        ProblemsPart p = ContextInjectionFactory.make(ProblemsPart.class, context);
        awaitIdle(p);
        Table table = find(shell, "problems.table", Table.class);
        assertEquals(3, table.getItemCount(), column(table, 1).toString());
        assertEquals(List.of("Error", "Error", "Warning"), column(table, 0), "worst first");
        assertEquals(List.of("project.car-kind@draft", "schema.unknown-label", "project.bike-rider@draft"), column(table, RULE));
        assertEquals(List.of("s1", "s2", "s1"), column(table, ITEM));
        assertEquals(List.of("alice", "bob", "alice"), column(table, ITEM + 1));
        assertEquals(List.of("a1", "b1", "a2"), column(table, ITEM + 2));
        assertNotNull(table.getItem(0).getImage(0), "a coloured severity mark");
        assertEquals("'car' must have attribute 'kind' set", column(table, 1).get(0), "no description, no colon");
        assertEquals("Problems (2 errors, 1 warning)", part.getLabel());
        shell.layout(true, true);
        spin(0);
        int others = 0;
        for (int i = 0; i < table.getColumnCount(); i++) {
            others += i == 1 ? 0 : table.getColumn(i).getWidth();
        }
        assertEquals(table.getClientArea().width - others, table.getColumn(1).getWidth(), "the message takes the free width");

        Button errors = find(shell, "problems.show.error", Button.class);
        assertEquals("2 Errors", errors.getText());
        errors.setSelection(false);
        errors.notifyListeners(SWT.Selection, new Event());
        assertEquals(List.of("Warning"), column(table, 0), "errors hidden");
        assertTrue(find(shell, "problems.status", org.eclipse.swt.widgets.Label.class).getText().startsWith("1 of 3 shown."));
        errors.setSelection(true);
        errors.notifyListeners(SWT.Selection, new Event());

        table.getColumn(ITEM).notifyListeners(SWT.Selection, new Event());
        assertEquals(List.of("s1", "s1", "s2"), column(table, ITEM), "sorted by item");
        table.getColumn(ITEM).notifyListeners(SWT.Selection, new Event());
        assertEquals(List.of("s2", "s1", "s1"), column(table, ITEM), "a second click reverses");
    }

    @Test
    void aSaveRunsTheRulesAgain() throws Exception {
        ProblemsPart p = ContextInjectionFactory.make(ProblemsPart.class, context);
        awaitIdle(p);
        assertEquals(3, p.findings().size());
        // bob fixes s2 in the session and saves: the view follows without a Refresh.
        Item s2 = session.load("s2");
        AnnotationSet bob = s2.set("bob").orElseThrow();
        session.execute(new dev.vellum.core.edit.ReplaceAnnotation("s2", "bob",
                bob.annotations().get(0).withLabel("car", "bob").withAttributes(Map.of("kind", "van"), "bob"), "Fix label"));
        session.save();
        spin(300);
        awaitIdle(p);
        assertEquals(List.of("project.bike-rider@draft", "project.car-kind@draft"), p.findings().stream().map(Finding::ruleId).toList());
        assertEquals("Problems (1 error, 1 warning)", part.getLabel());
    }

    @Test
    void doubleClickOpensTheItemAndRevealsTheAnnotation() throws Exception {
        ProblemsPart p = ContextInjectionFactory.make(ProblemsPart.class, context);
        awaitIdle(p);
        Table table = find(shell, "problems.table", Table.class);
        int row = column(table, RULE).indexOf("project.bike-rider@draft");
        table.setSelection(row);
        Event e = new Event();
        e.item = table.getItem(row);
        table.notifyListeners(SWT.DefaultSelection, e);
        spin(800);
        assertEquals(List.of("s1"), opened);
        assertEquals(3, revealed.size(), "revealed again until the editor showed it, then no more");
        assertEquals("alice", revealed.get(0).annotator());
        assertEquals("a2", revealed.get(0).annotation().id());
        assertEquals("bicycle", revealed.get(0).annotation().label());
    }
}
