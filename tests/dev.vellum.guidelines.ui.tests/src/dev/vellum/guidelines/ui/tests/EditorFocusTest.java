package dev.vellum.guidelines.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.guidelines.FaqContext;
import dev.vellum.guidelines.ui.internal.EditorFocus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raising a question from what an editor shows builds the FAQ context of that annotation, whatever the editor. */
class EditorFocusTest {
    @TempDir
    Path tmp;
    private Fixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    private Annotation annotation(String annotator, String id) throws Exception {
        return f.session.load("street-001").set(annotator).orElseThrow().annotation(id).orElseThrow();
    }

    @Test
    void anItemEditorsSelectionGivesItemAnnotatorLabelAndRegion() throws Exception {
        Annotation bobsCar = annotation("bob", "b1");
        ItemEditor editor = new ItemEditor() {
            @Override
            public String itemId() {
                return "street-001";
            }

            @Override
            public List<SelectedAnnotation> selectedAnnotations() {
                return List.of(new SelectedAnnotation("bob", bobsCar));
            }
        };
        FaqContext context = EditorFocus.of(f.session, editor, null, null).toFaqContext(3);
        assertEquals(new FaqContext("street-001", "bob", "b1", "car", "image", Fixture.box(10, 20, 30, 40), 3), context);
    }

    @Test
    void anyEditorThatPublishesTheAnnotationWorksTooAndTheSetIsFound() throws Exception {
        Annotation person = annotation("alice", "a3");
        Object someEditor = new Object();
        EditorFocus focus = EditorFocus.of(f.session, someEditor, "street-001", person);
        assertEquals(new FaqContext("street-001", "alice", "a3", "person", "image", Fixture.box(90, 20, 30, 40), 0),
                focus.toFaqContext(0));
        EditorFocus fromList = EditorFocus.of(f.session, someEditor, "street-001", List.of(annotation("bob", "b2")));
        assertEquals("bob", fromList.annotator(), "a multiple selection raises about its first annotation");
        assertEquals("person", fromList.label());
    }

    @Test
    void withoutASelectedAnnotationTheQuestionIsAboutTheItem() throws Exception {
        ItemSummary summary = f.session.project().item("street-002").orElseThrow();
        EditorFocus focus = EditorFocus.find(f.session, null, null, summary);
        assertEquals(new FaqContext("street-002", "", "", "", "image", Map.of(), 2), focus.toFaqContext(2));
        assertNull(focus.annotation());
        assertEquals(EditorFocus.NONE, EditorFocus.find(f.session, null, null, null), "nothing selected: a general question");
        assertEquals(EditorFocus.NONE, EditorFocus.find(null, null, null, summary), "no project: nothing");
    }
}
