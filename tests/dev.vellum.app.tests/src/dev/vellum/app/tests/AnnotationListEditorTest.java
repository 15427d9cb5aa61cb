package dev.vellum.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.app.parts.AnnotationListEditor;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.ui.editors.EditorProvider;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationListEditorTest {
    @TempDir
    Path tmp;
    private Fixture f;
    private MPart part;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
        f.allowEditingOthers();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private AnnotationListEditor open(String itemId) {
        part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(EditorProvider.ITEM_ID, itemId);
        f.context.set(MPart.class, part);
        AnnotationListEditor editor = ContextInjectionFactory.make(AnnotationListEditor.class, f.context);
        f.shell.layout(true, true);
        f.spin();
        return editor;
    }

    /** The tab shows unsaved changes of its item with a '*'; it is not MDirtyable (see the editor). */
    private boolean dirty() {
        assertFalse(part.isDirty(), "the tab must not offer a per-tab save that cannot discard anything");
        return part.getLabel() != null && part.getLabel().startsWith("*");
    }

    private Table table() {
        return Fixture.find(f.shell, "editor.table", Table.class);
    }

    private void pressDelete() {
        Event e = new Event();
        e.keyCode = SWT.DEL;
        e.character = SWT.DEL;
        table().notifyListeners(SWT.KeyDown, e);
    }

    @Test
    void listsTheAnnotationsOfEveryAnnotator() {
        open("c2");
        Table t = table();
        assertEquals(2, t.getItemCount());
        assertEquals("alice", t.getItem(0).getText(0));
        assertEquals("car", t.getItem(0).getText(3));
        assertEquals("bob", t.getItem(1).getText(0));
        assertEquals("truck", t.getItem(1).getText(3));
        assertEquals("occluded: false", t.getItem(0).getText(4));
        assertEquals("human", t.getItem(0).getText(5));
    }

    @Test
    void deleteThenUndoRestoresTheAnnotations() throws Exception {
        AnnotationListEditor editor = open("c1");
        Table t = table();
        assertEquals(2, t.getItemCount());
        t.selectAll();
        pressDelete();
        assertEquals(0, t.getItemCount());
        assertTrue(dirty());
        assertEquals("Delete 2 annotations", f.session().undoLabel().orElseThrow(), "one undo step for the selection");

        f.session().undo();
        assertEquals(2, t.getItemCount());
        assertEquals(List.of("car", "person"), editor.rows().stream().map(r -> r.annotation().label()).toList());
        assertFalse(dirty(), "undo back to the save point is clean");
    }

    @Test
    void theOpenItemStaysTheOneEditsChangeWhileManyOthersAreBrowsed() throws Exception {
        for (int i = 0; i < 400; i++) {
            f.stored.put(SampleProject.item("x" + i, "bulk", "image"));
        }
        open("c1");
        table().select(0);
        pressDelete();
        f.session().save();
        for (int i = 0; i < 400; i++) {
            f.session().load("x" + i);
        }
        table().select(0);
        pressDelete();
        assertEquals(0, table().getItemCount(), "the editor shows the item the second delete changed");
        assertEquals(0, f.session().load("c1").set("alice").orElseThrow().annotations().size());
    }

    @Test
    void savingClearsDirtyAndWritesOnlyTheChangedItem() throws Exception {
        open("c1");
        table().select(0);
        pressDelete();
        assertTrue(dirty());
        f.session().save();
        assertFalse(dirty());
        assertEquals(List.of("c1"), f.stored.saved);
        assertEquals(1, f.stored.storedCopy("c1").set("alice").orElseThrow().annotations().size());
    }

    @Test
    void submitButtonMovesTheSetOn() throws Exception {
        open("c1");
        Button submit = Fixture.find(f.shell, "editor.set.alice.submit", Button.class);
        Button accept = Fixture.find(f.shell, "editor.set.alice.accept", Button.class);
        assertTrue(submit.isEnabled());
        assertFalse(accept.isEnabled(), "work in progress cannot be accepted");
        submit.notifyListeners(SWT.Selection, null);
        assertEquals(AnnotationState.SUBMITTED, f.session().load("c1").set("alice").orElseThrow().state());
        assertTrue(Fixture.find(f.shell, "editor.set.alice.accept", Button.class).isEnabled());
        assertEquals(AnnotationState.SUBMITTED, f.session().project().item("c1").orElseThrow().overallState());
    }

    @Test
    void relabellingOffersTheModalitySchemaAndIsUndoable() throws Exception {
        AnnotationListEditor editor = open("c1");
        assertEquals(List.of("car", "person", "truck", "tree"), editor.labelChoices());
        editor.relabel(editor.rows().get(0), "truck");
        assertEquals("truck", table().getItem(0).getText(3));
        assertEquals("tester", editor.rows().get(0).annotation().author());
        f.session().undo();
        assertEquals("car", table().getItem(0).getText(3));
    }

    @Test
    void othersSetsAreReadOnlyUnlessTheProjectAllowsChangingThem() throws Exception {
        f.session().project().setExtensions(java.util.Map.of());
        AnnotationListEditor editor = open("c2");
        assertFalse(editor.mayEdit("alice"));
        editor.relabel(editor.rows().get(0), "tree");
        assertEquals("car", editor.rows().get(0).annotation().label(), "alice's set is not tester's");
        table().selectAll();
        pressDelete();
        assertEquals(2, editor.rows().size());
        assertFalse(f.session().canUndo(), "nothing was changed");

        f.allowEditingOthers();
        editor.relabel(editor.rows().get(0), "tree");
        assertEquals("tree", editor.rows().get(0).annotation().label());
    }

    @Test
    void theOwnSetIsEditableWithoutPermission() throws Exception {
        f.session().project().setExtensions(java.util.Map.of());
        f.stored.put(SampleProject.item("own", "city", "image", SampleProject.set("tester", AnnotationState.IN_PROGRESS, "car")));
        AnnotationListEditor editor = open("own");
        editor.relabel(editor.rows().get(0), "truck");
        assertEquals("truck", editor.rows().get(0).annotation().label());
    }

    @Test
    void selectAndRevealChooseRowsByAnnotatorAndId() {
        AnnotationListEditor editor = open("c2");
        List<dev.vellum.core.ui.editors.ItemEditor.SelectedAnnotation> rows = editor.rows().stream()
                .map(r -> new dev.vellum.core.ui.editors.ItemEditor.SelectedAnnotation(r.annotator(), r.annotation())).toList();
        editor.select(rows);
        assertEquals(2, table().getSelectionCount());
        assertEquals(rows, editor.selectedAnnotations());
        editor.reveal(rows.get(1));
        assertEquals(List.of(rows.get(1)), editor.selectedAnnotations());
        assertEquals("bob", assertInstanceOf(Annotation.class, f.selection.selection).author(), "the new selection is published");
    }

    @Test
    void selectingAnAnnotationPublishesIt() {
        open("c2");
        Table t = table();
        t.select(1);
        t.notifyListeners(SWT.Selection, new Event());
        Annotation a = assertInstanceOf(Annotation.class, f.selection.selection);
        assertEquals("truck", a.label());
    }

    @Test
    void aBrokenItemFileShowsTheStoreMessageInsteadOfTheEditor() {
        f.stored.broken.add("c2");
        AnnotationListEditor editor = open("c2");
        Label error = Fixture.find(f.shell, "editor.error", Label.class);
        assertEquals("/p/items/c2.json: line 3: unexpected end of file", error.getText());
        assertTrue(error.isVisible());
        assertEquals("/p/items/c2.json: line 3: unexpected end of file", editor.problem());
        assertNull(editor.item());
    }

    @Test
    void missingMediaIsShownAboveTheAnnotations() {
        f.stored.missingMedia.put("c1", List.of("items/c1.json: media/c1.png is missing"));
        AnnotationListEditor editor = open("c1");
        Label warning = Fixture.find(f.shell, "editor.warning", Label.class);
        assertTrue(warning.getText().contains("media/c1.png is missing"), warning.getText());
        assertTrue(warning.isVisible());
        assertEquals(2, editor.rows().size(), "the annotations are still shown");
    }
}
