package dev.vellum.modality.text.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Project;
import dev.vellum.core.spi.SetVisibility;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.editors.SetFilter;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.modality.text.ui.internal.SpanFigure;
import dev.vellum.modality.text.ui.parts.TextEditor;
import dev.vellum.modality.text.ui.viewers.SpanText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text editor driven as an annotator would: mouse drags, clicks and keys on the document. */
class TextEditorTest {
    static final String NEWS = "On 3 March 2026 the Harbor Authority of Portmere approved a new ferry line to Kelso Island. "
            + "Director Ana Ruiz said service starts in June.\nGreta Lind joined Northwind Robotics as chief engineer.";

    @TempDir
    Path tmp;
    private EditorFixture f;
    private TextEditor editor;
    private SpanText view;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    private void open(String text, AnnotationSet... sets) throws Exception {
        f = new EditorFixture(tmp, text, Map.of(), sets);
        editor = f.open();
        view = editor.view();
    }

    private static AnnotationSet set(String annotator, Annotation... annotations) {
        return new AnnotationSet(annotator, AnnotationState.IN_PROGRESS, 0, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), List.of(annotations));
    }

    /** A span over the first occurrence of {@code words} in {@code text}, offsets in code points. */
    private static Annotation span(String id, String label, String text, String words) {
        int i = text.indexOf(words);
        int start = text.codePointCount(0, i), end = start + words.codePointCount(0, words.length());
        return Annotation.create(id, Span.TYPE, label, new Span(start, end, words).toPayload(), "alice");
    }

    private static Annotation relation(String id, String label, String from, String to) {
        return Annotation.create(id, Relation.TYPE, label, new Relation(from, to).toPayload(), "alice");
    }

    private static Span payload(Annotation a) {
        return Span.fromPayload(a.payload());
    }

    /** Drags from inside the character at UTF-16 index {@code from} to inside the one at {@code to}. */
    private void drag(int from, int to, int state) {
        Point a = view.pointAt(from), b = view.pointAt(to);
        view.mouse(SWT.MouseDown, a.x, a.y, state, 1);
        view.mouse(SWT.MouseMove, (a.x + b.x) / 2, (a.y + b.y) / 2, state, 0);
        view.mouse(SWT.MouseMove, b.x, b.y, state, 0);
        view.mouse(SWT.MouseUp, b.x, b.y, state, 1);
        f.spin();
    }

    /** Drags from just after the leading edge of {@code from} to just after the leading edge of {@code to}. */
    private void dragEdges(int from, int to, int state) {
        Point a = view.pointBefore(from), b = view.pointBefore(to);
        view.mouse(SWT.MouseDown, a.x, a.y, state, 1);
        view.mouse(SWT.MouseMove, b.x, b.y, state, 0);
        view.mouse(SWT.MouseUp, b.x, b.y, state, 1);
        f.spin();
    }

    private void click(int offset) {
        Point p = view.pointAt(offset);
        view.mouse(SWT.MouseDown, p.x, p.y, 0, 1);
        view.mouse(SWT.MouseUp, p.x, p.y, 0, 1);
        f.spin();
    }

    private void key(char c) {
        view.key(c, c, 0);
        f.spin();
    }

    private void key(int keyCode, int state) {
        view.key(keyCode, (char) 0, state);
        f.spin();
    }

    private Point selection() {
        return view.textSelection();
    }

    private String selectedText() {
        Point s = selection();
        return view.document().text().substring(s.x, s.y);
    }

    @Test
    void aDragSelectsWholeTokensAndADigitLabelsItAsASpanThatUndoRemoves() throws Exception {
        open(NEWS);
        int harbor = NEWS.indexOf("Harbor"), authority = NEWS.indexOf("Authority");
        drag(harbor + 2, authority + 3, 0);
        assertEquals("Harbor Authority", selectedText(), "the drag snaps out to the tokens it touches");
        key('2');
        List<Annotation> all = f.annotations();
        assertEquals(1, all.size());
        Annotation a = all.get(0);
        assertEquals("ORG", a.label());
        assertEquals(Span.TYPE, a.typeId());
        assertEquals(new Span(harbor, authority + "Authority".length(), "Harbor Authority"), payload(a));
        assertEquals(a.id(), view.selectedSpan().id(), "the new span is selected");
        assertEquals(a.id(), editor.selectedAnnotations().get(0).annotation().id());
        assertEquals("alice", editor.selectedAnnotations().get(0).annotator());
        assertTrue(f.session.isDirty());
        f.session.undo();
        f.spin();
        assertTrue(f.annotations().isEmpty());
        assertNull(view.selectedSpan());
        assertEquals(0, view.scene().layer().size());
        f.session.redo();
        f.spin();
        assertEquals(1, view.scene().layer().size());
    }

    @Test
    void altDragSelectsCharactersExactly() throws Exception {
        open(NEWS);
        int port = NEWS.indexOf("Portmere");
        dragEdges(port + 4, port + 8, SWT.ALT);
        assertEquals("mere", selectedText());
        key('3');
        Span s = payload(f.annotations().get(0));
        assertEquals(port + 4, s.start());
        assertEquals("mere", s.text());
        // without Alt the same drag takes the whole token
        dragEdges(port + 1, port + 3, 0);
        assertEquals("Portmere", selectedText());
    }

    @Test
    void aSpanInsideAnotherIsAddedWithItsOwnUnderlineRow() throws Exception {
        open(NEWS);
        int org = NEWS.indexOf("Harbor"), loc = NEWS.indexOf("Portmere");
        drag(org, loc + 3, 0);
        assertEquals("Harbor Authority of Portmere", selectedText());
        key('2');
        drag(loc + 1, loc + 5, 0);
        assertEquals("Portmere", selectedText(), "a selection inside a span is still possible");
        key('3');
        assertEquals(2, f.annotations().size());
        SpanFigure outer = view.scene().layer().at(org).get(0);
        SpanFigure inner = view.scene().innermostAt(loc);
        assertEquals("ORG", outer.label());
        assertEquals("LOC", inner.label());
        assertEquals(0, outer.level());
        assertEquals(1, inner.level());
        assertEquals(2, view.scene().layer().depth());
        // a click selects the innermost span; a second click on the same place the one around it
        key(SWT.ESC, 0);
        assertNull(view.selectedSpan());
        click(loc + 2);
        assertEquals("LOC", view.selectedSpan().label());
        click(loc + 2);
        assertEquals("ORG", view.selectedSpan().label());
    }

    @Test
    void shiftArrowsSelectByTokenAltByCharacterAndCtrlShiftGrowsAndShrinks() throws Exception {
        open(NEWS);
        int ana = NEWS.indexOf("Ana");
        view.widget().setSelection(ana + 1);
        key(SWT.ARROW_RIGHT, SWT.SHIFT);
        assertEquals("Ana", selectedText(), "from inside a token, Shift+Right takes the whole token");
        key(SWT.ARROW_RIGHT, SWT.SHIFT);
        assertEquals("Ana Ruiz", selectedText());
        key(SWT.ARROW_RIGHT, SWT.MOD1 | SWT.SHIFT);
        assertEquals("Ana Ruiz said", selectedText());
        key(SWT.ARROW_LEFT, SWT.MOD1 | SWT.SHIFT);
        key(SWT.ARROW_LEFT, SWT.SHIFT);
        assertEquals("Ana", selectedText());
        key(SWT.ARROW_RIGHT, SWT.SHIFT | SWT.ALT);
        assertEquals("Ana ", selectedText(), "Alt moves one character");
        key(SWT.ARROW_RIGHT, SWT.SHIFT);
        key(SWT.ARROW_LEFT, SWT.SHIFT | SWT.ALT);
        assertEquals("Ana Rui", selectedText());
        key(SWT.ARROW_RIGHT, SWT.SHIFT | SWT.ALT);
        key('1');
        Annotation a = f.annotations().get(0);
        assertEquals("Ana Ruiz", payload(a).text());
        // with the span selected, Ctrl+Shift+Right grows the span itself by a token (one undoable edit)
        key(SWT.ARROW_RIGHT, SWT.MOD1 | SWT.SHIFT);
        assertEquals("Ana Ruiz said", payload(f.annotations().get(0)).text());
        assertEquals(a.id(), f.annotations().get(0).id());
        key(SWT.ARROW_LEFT, SWT.MOD1 | SWT.SHIFT);
        assertEquals("Ana Ruiz", payload(f.annotations().get(0)).text());
        f.session.undo();
        f.spin();
        assertEquals("Ana Ruiz said", payload(f.annotations().get(0)).text());
    }

    @Test
    void rMakesARelationFromTheSelectedSpanToTheClickedOneWithTheTypedType() throws Exception {
        open(NEWS, set("alice", span("s1", "PER", NEWS, "Ana Ruiz"), span("s2", "ORG", NEWS, "Harbor Authority of Portmere")));
        click(NEWS.indexOf("Ruiz"));
        assertEquals("s1", view.selectedSpan().id());
        key('r');
        assertTrue(view.isPickingTarget());
        click(NEWS.indexOf("Authority"));
        assertFalse(view.isPickingTarget());
        editor.relationTypeField().setText("works_for");
        editor.confirmRelation();
        f.spin();
        List<Annotation> all = f.annotations();
        assertEquals(3, all.size());
        Annotation rel = all.get(2);
        assertEquals(Relation.TYPE, rel.typeId());
        assertEquals("works_for", rel.label());
        assertEquals(new Relation("s1", "s2"), Relation.fromPayload(rel.payload()));
        assertEquals(rel.id(), view.selectedRelation().id(), "the new relation is selected");
        assertEquals(1, editor.listedRelations().size(), "and listed beside the text");
        view.widget().redraw();
        view.widget().update();
        f.session.undo();
        f.spin();
        assertEquals(2, f.annotations().size());
        assertTrue(editor.listedRelations().isEmpty());
    }

    @Test
    void relationTargetsCanBeChosenWithTabAndEnterAndEscapeCancels() throws Exception {
        open(NEWS, set("alice", span("s1", "PER", NEWS, "Ana Ruiz"), span("s2", "LOC", NEWS, "Kelso Island")));
        click(NEWS.indexOf("Ana"));
        key('r');
        key(SWT.ESC, 0);
        assertFalse(view.isPickingTarget());
        key('r');
        key(SWT.TAB, 0);
        key(SWT.CR, 0);
        editor.relationTypeField().setText("visits");
        editor.confirmRelation();
        f.spin();
        Annotation rel = f.annotations().get(2);
        assertEquals(new Relation("s1", "s2"), Relation.fromPayload(rel.payload()));
    }

    @Test
    void deleteRemovesTheSpanWithItsRelationsInOneUndoableEdit() throws Exception {
        open(NEWS, set("alice", span("s1", "PER", NEWS, "Ana Ruiz"), span("s2", "ORG", NEWS, "Harbor Authority of Portmere"),
                relation("r1", "works_for", "s1", "s2")));
        assertEquals(1, editor.listedRelations().size());
        click(NEWS.indexOf("Harbor"));
        assertEquals("s2", view.selectedSpan().id());
        key(SWT.DEL, 0);
        assertEquals(List.of("s1"), f.annotations().stream().map(Annotation::id).toList());
        f.session.undo();
        f.spin();
        assertEquals(List.of("s1", "s2", "r1"), f.annotations().stream().map(Annotation::id).toList());
        // a selected relation alone is deleted too
        view.selectRelation(view.scene().relation("r1"));
        key(SWT.DEL, 0);
        assertEquals(List.of("s1", "s2"), f.annotations().stream().map(Annotation::id).toList());
    }

    @Test
    void tabCyclesThroughTheSpansInDocumentOrderAndShiftTabBack() throws Exception {
        open(NEWS, set("alice", span("s3", "PER", NEWS, "Greta Lind"), span("s1", "DATE", NEWS, "3 March 2026"),
                span("s2", "LOC", NEWS, "Kelso Island")));
        view.widget().setSelection(0);
        key(SWT.TAB, 0);
        assertEquals("s1", view.selectedSpan().id());
        key(SWT.TAB, 0);
        assertEquals("s2", view.selectedSpan().id());
        key(SWT.TAB, 0);
        assertEquals("s3", view.selectedSpan().id());
        key(SWT.TAB, 0);
        assertEquals("s1", view.selectedSpan().id(), "wraps around");
        key(SWT.TAB, SWT.SHIFT);
        assertEquals("s3", view.selectedSpan().id());
        // a hidden label is skipped
        editor.palette().setHidden("LOC", true);
        key(SWT.TAB, SWT.SHIFT);
        assertEquals("s1", view.selectedSpan().id());
        assertNull(view.scene().innermostAt(NEWS.indexOf("Kelso")), "hidden spans cannot be clicked either");
    }

    @Test
    void nPutsTheCaretOnTheNextSentenceWithoutSpans() throws Exception {
        open(NEWS, set("alice", span("s1", "DATE", NEWS, "3 March 2026")));
        view.widget().setSelection(0);
        key('n');
        assertEquals(NEWS.indexOf("Director"), view.widget().getCaretOffset());
        key('n');
        assertEquals(NEWS.indexOf("Greta"), view.widget().getCaretOffset());
        key('n');
        assertEquals(NEWS.indexOf("Director"), view.widget().getCaretOffset(), "wraps, skipping the sentence with a span");
    }

    @Test
    void emojiAndOtherAstralCharactersCountAsOneCharacterInPayloads() throws Exception {
        String text = "Lunch \ud83c\udf55 with \ud83d\udc69\u200d\ud83d\udcbb Zo\u00eb in \ud835\udc00\ud835\udc01C Roma \ud83c\uddee\ud83c\uddf9 today.";
        open(text, set("alice", span("s1", "PER", text, "Zo\u00eb")));
        // the stored span (code points) is shown over the right characters (UTF-16)
        SpanFigure zoe = view.scene().span("s1");
        assertEquals("Zo\u00eb", text.substring(zoe.start(), zoe.end()));
        int roma = text.indexOf("Roma");
        drag(roma, roma + 2, 0);
        assertEquals("Roma", selectedText());
        key('3');
        Span s = payload(f.annotations().get(1));
        assertEquals(text.codePointCount(0, roma), s.start());
        assertEquals(text.codePointCount(0, roma) + 4, s.end());
        assertEquals(roma - 5, s.start(), "five astral characters before it, each two UTF-16 units");
        // a flag (two regional indicators) and the woman technologist (a ZWJ sequence) are one token each
        int flag = text.indexOf("\ud83c\uddee");
        view.widget().setSelection(flag);
        key(SWT.ARROW_RIGHT, SWT.SHIFT);
        assertEquals("\ud83c\uddee\ud83c\uddf9", selectedText());
        key('3');
        Span flagSpan = payload(f.annotations().get(2));
        assertEquals(2, flagSpan.length());
        assertEquals(text.codePointCount(0, flag), flagSpan.start());
        int woman = text.indexOf("\ud83d\udc69");
        view.widget().setSelection(woman);
        key(SWT.ARROW_RIGHT, SWT.SHIFT);
        assertEquals("\ud83d\udc69\u200d\ud83d\udcbb", selectedText());
    }

    @Test
    void rightToLeftTextIsSelectedAndLabelledByLogicalOffsets() throws Exception {
        String text = "\u05d3\u05d5\u05d3 \u05d1\u05df-\u05d2\u05d5\u05e8\u05d9\u05d5\u05df \u05e0\u05d5\u05dc\u05d3 \u05d1\u05e4\u05dc\u05d5\u05e0\u05e1\u05e7. "
                + "\u0632\u0627\u0631 \u0645\u062d\u0645\u062f \u0627\u0644\u0642\u0627\u0647\u0631\u0629.";
        String city = "\u0627\u0644\u0642\u0627\u0647\u0631\u0629";
        open(text, set("alice", span("s1", "PER", text, "\u05d3\u05d5\u05d3 \u05d1\u05df-\u05d2\u05d5\u05e8\u05d9\u05d5\u05df")));
        SpanFigure david = view.scene().span("s1");
        assertEquals(0, david.start());
        int c = text.indexOf(city);
        drag(c + 2, c + 4, 0);
        assertEquals(city, selectedText(), "a drag inside an Arabic word takes the word");
        key('3');
        Span s = payload(f.annotations().get(1));
        assertEquals(city, s.text());
        assertEquals(c, s.start());
        click(c + 3);
        assertEquals("LOC", view.selectedSpan().label(), "clicking the right-to-left word selects its span");
        view.widget().redraw();
        view.widget().update();
    }

    @Test
    void findSelectsMatchesInTurnAndTheMatchCanBeLabelled() throws Exception {
        open(NEWS);
        editor.findText("island");
        assertEquals("Island", selectedText());
        editor.findAgain(true);
        assertEquals("Island", selectedText(), "the only match, found again");
        editor.findText("in");
        Point first = selection();
        editor.findAgain(true);
        assertTrue(selection().x > first.x);
        editor.findAgain(false);
        assertEquals(first, selection());
        editor.findText("June");
        key('4');
        assertEquals("June", payload(f.annotations().get(0)).text());
    }

    @Test
    void thePaletteSearchFiltersLabelsAndAClickLabelsTheSelection() throws Exception {
        open(NEWS);
        editor.palette().search("o");
        assertEquals(List.of("ORG", "LOC"), editor.palette().shownLabels());
        editor.palette().search("");
        assertEquals(4, editor.palette().shownLabels().size());
        drag(NEWS.indexOf("Greta"), NEWS.indexOf("Lind") + 1, 0);
        view.applyLabel("PER");
        assertEquals("Greta Lind", payload(f.annotations().get(0)).text());
        // relabel the selected span
        key('2');
        assertEquals("ORG", f.annotations().get(0).label());
        assertEquals(1, f.annotations().size());
    }

    @Test
    void anotherAnnotatorsSetIsShownButNotChangedUnlessTheProjectAllowsIt() throws Exception {
        open(NEWS, set("bob", span("b1", "LOC", NEWS, "Portmere")));
        editor.setActiveAnnotator("bob");
        f.spin();
        assertNotNull(view.scene().span("b1"));
        click(NEWS.indexOf("Portmere"));
        key(SWT.DEL, 0);
        assertNotNull(editor.lastProblem());
        assertEquals(1, f.session.item("a").set("bob").orElseThrow().annotations().size());
        Project p = f.session.project();
        p.setExtensions(Map.of(ItemEditor.EDIT_OTHERS_SETS, true));
        key(SWT.DEL, 0);
        assertTrue(f.session.item("a").set("bob").orElseThrow().annotations().isEmpty());
    }

    @Test
    void aSetTheWorkflowHidesIsNeverShownNorChosen() throws Exception {
        f = new EditorFixture(tmp, NEWS, Map.of(), set("bob", span("b1", "LOC", NEWS, "Portmere")),
                set("carol", span("c1", "PER", NEWS, "Ana Ruiz")));
        f.context.set(SetFilter.class, new SetFilter(List.<SetVisibility>of(
                (project, item, set, user) -> !(user.equals("alice") && set.annotator().equals("bob")))));
        editor = f.open();
        view = editor.view();
        assertEquals("carol", editor.activeAnnotator(), "alice has no set yet: the first set she may see is shown");
        assertNotNull(view.scene().span("c1"));
        editor.setActiveAnnotator("bob");
        assertEquals("alice", editor.activeAnnotator(), "bob's hidden set cannot be chosen");
        assertNull(view.scene().span("b1"));
        Annotation b1 = f.session.item("a").set("bob").orElseThrow().annotations().get(0);
        editor.select(List.of(new ItemEditor.SelectedAnnotation("bob", b1)));
        assertEquals("alice", editor.activeAnnotator(), "a view cannot select into a hidden set");
        assertTrue(editor.selectedAnnotations().isEmpty());
    }

    @Test
    void badSpansAreReportedAndTheRestShown() throws Exception {
        open(NEWS, set("alice", Annotation.create("x", Span.TYPE, "PER", new Span(5, 5000, "?").toPayload(), "alice"),
                span("s1", "PER", NEWS, "Ana Ruiz")));
        assertNotNull(view.scene().span("s1"));
        assertNull(view.scene().span("x"));
        assertTrue(editor.lastProblem().contains("ends after the text"), editor.lastProblem());
    }

    @Test
    void declaredRelationLabelsAreNotOfferedAsSpanLabels() throws Exception {
        f = new EditorFixture(tmp, NEWS, Map.of());
        dev.vellum.core.model.LabelSchema schema = f.stored.project().schema("text").orElseThrow();
        List<dev.vellum.core.model.LabelClass> classes = new java.util.ArrayList<>(schema.classes());
        classes.add(new dev.vellum.core.model.LabelClass("works_for", "#911eb4", "5", List.of()));
        f.stored.project().putSchema(new dev.vellum.core.model.LabelSchema("text", classes));
        f.stored.project().setExtensions(Map.of(dev.vellum.modality.text.model.RelationLabels.EXTENSION, List.of("works_for")));
        editor = f.open();
        assertEquals(List.of("PER", "ORG", "LOC", "DATE"), editor.palette().shownLabels());
    }
}
