package dev.vellum.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.app.parts.AnnotationListEditor;
import dev.vellum.app.parts.PropertiesPart;
import dev.vellum.core.edit.ReplaceAnnotation;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.ItemEditor.SelectedAnnotation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Properties view's form edits the label and attributes of the annotations selected in an editor. */
class AttributeEditingTest {
    @TempDir
    Path tmp;
    private Fixture f;
    private MPart editorPart;
    private AnnotationListEditor editor;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
        f.allowEditingOthers();
        f.session().project().putSchema(new LabelSchema("image", List.of(
                new LabelClass("car", "#e53935", "", List.of(
                        new AttributeDef("occluded", AttributeType.BOOLEAN, List.of(), false),
                        new AttributeDef("kind", AttributeType.CHOICE, List.of("sedan", "suv", "van"), true),
                        new AttributeDef("width", AttributeType.NUMBER, List.of(), false),
                        new AttributeDef("note", AttributeType.TEXT, List.of(), false),
                        new AttributeDef("tags", AttributeType.MULTI_CHOICE, List.of("parked", "moving"), false))),
                new LabelClass("person", "#1e88e5", "", List.of()),
                new LabelClass("truck", "#43a047", "", List.of()))));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** Opens the generic editor on the item and the Properties view beside it. */
    private PropertiesPart open(String itemId) {
        editorPart = MBasicFactory.INSTANCE.createPart();
        editorPart.getPersistedState().put(EditorProvider.ITEM_ID, itemId);
        editor = f.make(AnnotationListEditor.class, editorPart);
        return f.make(PropertiesPart.class, null);
    }

    /** Selects annotations in the editor as a user would, and lets the workbench publish the selection. */
    private void selectInEditor(String... ids) {
        List<SelectedAnnotation> wanted = editor.rows().stream().filter(r -> Arrays.asList(ids).contains(r.annotation().id()))
                .map(r -> new SelectedAnnotation(r.annotator(), r.annotation())).toList();
        editor.select(wanted);
        f.context.set(IServiceConstants.ACTIVE_PART, editorPart);
        f.context.set(IServiceConstants.ACTIVE_SELECTION, f.selection.selection);
        f.spin();
    }

    private <T extends Control> T field(String id, Class<T> type) {
        return Fixture.find(f.shell, "properties." + id, type);
    }

    private Annotation stored(String itemId, String annotator, String id) throws Exception {
        return f.session().load(itemId).set(annotator).orElseThrow().annotation(id).orElseThrow();
    }

    private void type(Text text, String value) {
        text.setFocus();
        text.setText(value);
        text.notifyListeners(SWT.DefaultSelection, new Event());
        f.spin();
    }

    @Test
    void editingANumberExecutesOneUndoableEditWithTheNewValue() throws Exception {
        open("c1");
        selectInEditor("alice-1");
        assertTrue(field("header", Label.class).getText().startsWith("Annotation alice-1 \u00b7 alice"), field("header", Label.class).getText());
        Text width = field("attribute.width", Text.class);
        assertEquals("", width.getText());

        type(width, "12.5");
        assertEquals(0, new BigDecimal("12.5").compareTo((BigDecimal) stored("c1", "alice", "alice-1").attributes().get("width")));
        assertEquals("tester", stored("c1", "alice", "alice-1").author());
        assertEquals("Set 'width'", f.session().undoLabel().orElseThrow());
        assertEquals("12.5", field("attribute.width", Text.class).getText());

        f.session().undo();
        f.spin();
        assertNull(stored("c1", "alice", "alice-1").attributes().get("width"), "one undo restores the value");
        assertFalse(f.session().canUndo(), "the change was one edit");
        assertEquals("", field("attribute.width", Text.class).getText(), "the form shows the undone value");
    }

    @Test
    void checkBoxChoiceAndLabelEachApplyAtOnce() throws Exception {
        open("c1");
        selectInEditor("alice-1");
        Button occluded = field("attribute.occluded", Button.class);
        assertFalse(occluded.getSelection());
        occluded.setSelection(true);
        occluded.notifyListeners(SWT.Selection, new Event());
        assertEquals(true, stored("c1", "alice", "alice-1").attributes().get("occluded"));

        Combo kind = field("attribute.kind", Combo.class);
        assertEquals(List.of("(not set)", "sedan", "suv", "van"), List.of(kind.getItems()));
        kind.select(3);
        kind.notifyListeners(SWT.Selection, new Event());
        assertEquals("van", stored("c1", "alice", "alice-1").attributes().get("kind"));

        field("attribute.kind", Combo.class).select(0);
        field("attribute.kind", Combo.class).notifyListeners(SWT.Selection, new Event());
        assertEquals("van", stored("c1", "alice", "alice-1").attributes().get("kind"), "a required attribute cannot be unset");
        assertTrue(field("message", Label.class).getText().contains("required"), field("message", Label.class).getText());

        Combo label = field("label", Combo.class);
        label.select(List.of(label.getItems()).indexOf("truck"));
        label.notifyListeners(SWT.Selection, new Event());
        assertEquals("truck", stored("c1", "alice", "alice-1").label());
        assertEquals("Relabel as 'truck'", f.session().undoLabel().orElseThrow());
        // truck defines no attributes: the values stay and are shown as not defined.
        assertTrue(field("attribute.kind", Text.class).getText().contains("not defined"));
    }

    @Test
    void severalSelectedAnnotationsShowMixedValuesAndChangeAsOneEdit() throws Exception {
        Annotation car = stored("c1", "alice", "alice-1");
        Map<String, Object> attributes = new LinkedHashMap<>(car.attributes());
        attributes.put("note", "left lane");
        f.session().execute(new ReplaceAnnotation("c1", "alice", car.withAttributes(attributes, "alice"), "setup"));
        open("c1");
        selectInEditor("alice-1", "alice-2");
        assertTrue(field("header", Label.class).getText().startsWith("2 annotations"));
        assertEquals("(mixed)", field("label", Combo.class).getText());
        Text note = field("attribute.note", Text.class);
        assertEquals("", note.getText());
        assertEquals("(mixed)", note.getMessage());
        assertFalse(field("attribute.occluded", Button.class).getGrayed(), "both are not occluded");

        type(field("attribute.width", Text.class), "7");
        assertEquals(7L, ((Number) stored("c1", "alice", "alice-1").attributes().get("width")).longValue());
        assertEquals(7L, ((Number) stored("c1", "alice", "alice-2").attributes().get("width")).longValue());
        assertEquals("Set 'width' on 2 annotations", f.session().undoLabel().orElseThrow());

        f.session().undo();
        f.spin();
        assertNull(stored("c1", "alice", "alice-1").attributes().get("width"));
        assertNull(stored("c1", "alice", "alice-2").attributes().get("width"), "one undo restores both");

        Button parked = field("attribute.tags.parked", Button.class);
        parked.setSelection(true);
        parked.notifyListeners(SWT.Selection, new Event());
        assertEquals(List.of("parked"), stored("c1", "alice", "alice-2").attributes().get("tags"));
        assertEquals(List.of("parked"), stored("c1", "alice", "alice-1").attributes().get("tags"));
    }

    @Test
    void anInvalidNumberIsRefusedWithAMessageAndEscapeReverts() throws Exception {
        open("c1");
        selectInEditor("alice-1");
        Text width = field("attribute.width", Text.class);
        type(width, "twelve");
        assertTrue(field("message", Label.class).getText().contains("'width' must be a number"), field("message", Label.class).getText());
        assertNull(stored("c1", "alice", "alice-1").attributes().get("width"));
        assertFalse(f.session().canUndo(), "nothing was changed");
        assertEquals("twelve", width.getText(), "the input stays for correction");

        Event escape = new Event();
        escape.keyCode = SWT.ESC;
        width.notifyListeners(SWT.KeyDown, escape);
        assertEquals("", width.getText());
        assertEquals("", field("message", Label.class).getText());
    }

    @Test
    void anotherAnnotatorsSetIsReadOnlyUnlessTheProjectAllowsIt() throws Exception {
        f.session().project().setExtensions(Map.of());
        open("c2");
        selectInEditor("bob-1");
        assertTrue(field("header", Label.class).getText().contains("Read-only"));
        assertFalse(field("label", Combo.class).getEnabled());
        assertFalse(field("attribute.occluded", Text.class).getEditable());
    }

    @Test
    void anEditorThatIsNoItemEditorHasItsAnnotationsLookedUpInTheItem() throws Exception {
        f.make(PropertiesPart.class, null);
        MPart part = MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(EditorProvider.ITEM_ID, "c2");
        part.setObject(new Object());
        f.context.set(IServiceConstants.ACTIVE_PART, part);
        f.context.set(IServiceConstants.ACTIVE_SELECTION, stored("c2", "bob", "bob-1"));
        f.spin();
        assertTrue(field("header", Label.class).getText().contains("bob"), field("header", Label.class).getText());
        Combo label = field("label", Combo.class);
        label.select(List.of(label.getItems()).indexOf("car"));
        label.notifyListeners(SWT.Selection, new Event());
        assertEquals("car", stored("c2", "bob", "bob-1").label());
    }

    @Test
    void aSelectionOutsideEditorsShowsNoFormButTheTreeAsBefore() throws Exception {
        f.make(PropertiesPart.class, null);
        f.context.set(IServiceConstants.ACTIVE_SELECTION, stored("c2", "bob", "bob-1"));
        f.spin();
        Composite form = Fixture.find(f.shell, "properties.form", Composite.class);
        assertFalse(form.isVisible());
        assertEquals(0, form.getChildren().length);
    }
}
