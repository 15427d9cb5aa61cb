package dev.vellum.modality.preference.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.Response;
import dev.vellum.modality.preference.model.Blinding;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.Rationale;
import dev.vellum.modality.preference.model.Rubric;
import dev.vellum.modality.preference.ui.parts.PreferenceEditor;
import dev.vellum.modality.preference.ui.viewers.ResponsePane;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preference editor driven as an annotator would: keys and clicks on the responses and the judgement controls. */
class PreferenceEditorTest {
    static final String LONG = "## Plan\n\n" + "Some words that say what to do first. ".repeat(30) + "\n\n"
            + "```python\ndef reverse(items):\n    return items[::-1]\n```\n\n- one\n- two\n- three\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            + "More text at the end. ".repeat(200);

    @TempDir
    Path tmp;
    private EditorFixture f;
    private PreferenceEditor editor;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    static Comparison pair(int i) {
        return new Comparison(List.of(new Message("system", "Be brief."), new Message("user", "Question " + i + "?")),
                List.of(new Response("model-alpha-" + i, "Answer **one** for " + i + ": use `items[::-1]`.", Map.of("model", "secret-model-x")),
                        new Response("model-beta-" + i, "Answer two for " + i + ": call items.reverse().", Map.of("model", "secret-model-y"))),
                Map.of("models", List.of("secret-model-x", "secret-model-y")));
    }

    static List<Comparison> pairs(int n) {
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pair(i));
        }
        return out;
    }

    static Comparison three() {
        return new Comparison(List.of(new Message("user", "Rank these.")),
                List.of(new Response("r1", "First response.", Map.of()), new Response("r2", "Second response.", Map.of()),
                        new Response("r3", "Third response.", Map.of())), Map.of());
    }

    private void open(Map<String, Object> settings, List<Comparison> comparisons) throws Exception {
        f = new EditorFixture(tmp, settings, comparisons);
        editor = f.open("c-0");
    }

    private Annotation only(String itemId, String type) {
        List<Annotation> found = f.annotations(itemId).stream().filter(a -> a.typeId().equals(type)).toList();
        assertEquals(1, found.size(), "one " + type + " in " + f.annotations(itemId));
        return found.get(0);
    }

    @Test
    void choosingAWithStrengthTwoAndEnterAdvancesToThePreloadedNext() throws Exception {
        open(null, pairs(3));
        f.key('1');
        f.key(0, SWT.ARROW_UP, (char) 0, 0);
        Pairwise p = Pairwise.fromPayload(only("c-0", Pairwise.TYPE).payload());
        assertEquals(editor.order().get(0), p.preferred(), "Response A is the one shown first");
        assertEquals(2, p.strength());
        assertEquals(editor.order(), p.order(), "the order shown is recorded");
        assertTrue(editor.scaleButtons().get(1).getSelection(), "A2 is pressed");
        f.waitFor(editor::nextIsReady);
        assertTrue(editor.nextIsReady(), "the next comparison is laid out ahead");
        f.key(0, SWT.CR, '\r', 0);
        assertEquals("c-1", editor.itemId());
        assertTrue(editor.lastSwitchPreloaded());
        System.out.printf("next comparison shown in %.1f ms (laid out ahead)%n", editor.lastSwitchNanos() / 1e6);
        assertTrue(editor.lastSwitchNanos() < 250_000_000L, "switch took " + editor.lastSwitchNanos() / 1e6 + " ms");
        assertTrue(f.annotations("c-1").isEmpty());
        assertTrue(editor.statusText().contains("2 of 3"), editor.statusText());
        f.key(0, SWT.CR, '\r', SWT.SHIFT);
        assertEquals("c-0", editor.itemId());
        assertTrue(editor.scaleButtons().get(1).getSelection(), "the choice made is shown again");
    }

    @Test
    void tieBothBadAndTheScaleByArrows() throws Exception {
        open(null, pairs(1));
        f.key('=');
        Pairwise p = Pairwise.fromPayload(only("c-0", Pairwise.TYPE).payload());
        assertEquals(Pairwise.TIE, p.preferred());
        assertEquals(0, p.strength());
        f.key(0, SWT.ARROW_RIGHT, (char) 0, 0);
        f.key(0, SWT.ARROW_RIGHT, (char) 0, 0);
        p = Pairwise.fromPayload(only("c-0", Pairwise.TYPE).payload());
        assertEquals(editor.order().get(1), p.preferred());
        assertEquals(2, p.strength());
        f.key(0, SWT.ARROW_DOWN, (char) 0, 0);
        assertEquals(1, Pairwise.fromPayload(only("c-0", Pairwise.TYPE).payload()).strength());
        f.key(0, SWT.ARROW_RIGHT, (char) 0, 0);
        f.key(0, SWT.ARROW_RIGHT, (char) 0, 0);
        f.key(0, SWT.ARROW_RIGHT, (char) 0, 0);
        assertEquals(3, Pairwise.fromPayload(only("c-0", Pairwise.TYPE).payload()).strength(), "the scale ends at the settings' maximum");
        f.key('0');
        assertEquals(Pairwise.BOTH_BAD, Pairwise.fromPayload(only("c-0", Pairwise.TYPE).payload()).preferred());
        assertEquals("bad", editor.view().panes().get(0).note());
    }

    @Test
    void aTieIsRefusedWhenTheSettingsForbidIt() throws Exception {
        open(Map.of("modes", List.of("pairwise"), "pairwise", Map.of("tie", false, "maxStrength", 2)), pairs(1));
        f.key('=');
        assertTrue(f.annotations("c-0").isEmpty());
        f.key(0, SWT.ARROW_LEFT, (char) 0, 0);
        f.key(0, SWT.ARROW_RIGHT, (char) 0, 0);
        Pairwise p = Pairwise.fromPayload(only("c-0", Pairwise.TYPE).payload());
        assertEquals(editor.order().get(1), p.preferred(), "moving right from A1 skips the tie");
        assertEquals(5, editor.scaleButtons().size());
    }

    @Test
    void undoAndRedoGoThroughTheSession() throws Exception {
        open(null, pairs(1));
        f.key('2');
        assertEquals(1, f.annotations("c-0").size());
        f.session.undo();
        f.spin();
        assertTrue(f.annotations("c-0").isEmpty());
        assertTrue(editor.scaleButtons().stream().noneMatch(Button::getSelection), "the undone choice is not shown");
        f.session.redo();
        f.spin();
        assertTrue(editor.scaleButtons().get(4).getSelection(), "B1 is pressed again");
    }

    @Test
    void rankingByKeysWithTiesAndByMovingRows() throws Exception {
        open(Map.of("modes", List.of("ranking")), List.of(three()));
        assertTrue(editor.scaleButtons().isEmpty(), "no pairwise scale in ranking mode");
        f.click(0);
        f.key(0, '1', '1', 0);
        f.click(1);
        f.key(1, '1', '1', 0);
        f.click(2);
        f.key(2, '2', '2', 0);
        Ranking r = Ranking.fromPayload(only("c-0", Ranking.TYPE).payload());
        List<String> o = editor.order();
        assertEquals(Map.of(o.get(0), 1, o.get(1), 1, o.get(2), 2), r.ranks(), "A and B tie for first");
        assertEquals(o, r.order());
        Table t = editor.rankingTable();
        assertEquals("2", t.getItem(2).getText(0));
        t.setFocus();
        t.setSelection(2);
        Event e = new Event();
        e.keyCode = SWT.ARROW_UP;
        e.stateMask = SWT.ALT;
        e.doit = true;
        t.notifyListeners(SWT.KeyDown, e);
        f.spin();
        r = Ranking.fromPayload(only("c-0", Ranking.TYPE).payload());
        assertEquals(1, r.ranks().get(o.get(0)));
        assertEquals(2, r.ranks().get(o.get(2)), "C moved above B");
        assertEquals(3, r.ranks().get(o.get(1)));
        assertTrue(editor.statusText().contains("done"), editor.statusText());
    }

    @Test
    void rubricScoresPerDimensionWithAnchorsShown() throws Exception {
        open(Map.of("modes", List.of("rubric"), "rubric", List.of(
                Map.of("id", "helpfulness", "min", 1, "max", 5, "anchors", Map.of("1", "useless", "5", "solves it")),
                Map.of("id", "honesty", "min", 0, "max", 2))), pairs(1));
        Combo c = editor.rubricCombo("helpfulness", 1);
        assertNotNull(c);
        c.select(4);
        c.notifyListeners(SWT.Selection, new Event());
        f.spin();
        Rubric r = Rubric.fromPayload(only("c-0", Rubric.TYPE).payload());
        assertEquals(editor.order().get(1), r.response());
        assertEquals(Map.of("helpfulness", 4), r.scores());
        assertTrue(texts(editor.rootControl()).stream().anyMatch(s -> s.contains("5 = solves it")), "anchors are shown");
        assertEquals(3, editor.rubricCombo("honesty", 0).getItemCount() - 1, "0..2 offers three scores");
        assertTrue(editor.statusText().contains("to do: rubric"), editor.statusText());
    }

    @Test
    void flagOnASelectedPassageKeepsItsPlaceInTheMarkdown() throws Exception {
        open(null, pairs(1));
        ResponsePane pane = editor.view().panes().get(1);
        f.click(1);
        StyledText t = pane.viewer().getControl();
        String shown = t.getText();
        String word = pane.content().contains("items.reverse()") ? "items.reverse()" : "items[::-1]";
        int at = shown.indexOf(word);
        assertTrue(at >= 0, shown);
        t.setSelection(at, at + word.length());
        f.key(1, 'f', 'f', 0);
        Annotation a = only("c-0", Flag.TYPE);
        assertEquals(List.of("response", "flag", "start", "end"), List.copyOf(a.payload().keySet()), "the model's payload, nothing else");
        Flag flag = Flag.fromPayload(a.payload());
        assertEquals("factual_error", flag.flag());
        assertEquals(editor.order().get(1), flag.response());
        String c = pane.content();
        assertEquals(word, c.substring(c.offsetByCodePoints(0, flag.start()), c.offsetByCodePoints(0, flag.end())),
                "the span is in code points of the response's Markdown");
        assertEquals(1, pane.viewer().highlights().size(), "the flagged passage is marked");
        assertEquals(at, pane.viewer().highlights().get(0).start());
        assertTrue(editor.flagRows()[0].startsWith("B \u00b7 Factual error"), editor.flagRows()[0]);
        f.key(1, 'u', 'u', 0);
        f.key(1, 'u', 'u', 0);
        assertEquals(1, f.annotations("c-0").size(), "a whole-response flag given twice is taken away");
    }

    @Test
    void blindOrderIsTheModelsAndRecorded() throws Exception {
        open(null, pairs(12));
        List<List<String>> seen = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            seen.add(editor.order());
            f.key(0, '1', '1', 0);
            f.key(0, SWT.CR, '\r', 0);
        }
        assertTrue(seen.stream().anyMatch(o -> o.get(0).startsWith("model-beta")), "some items show the second response first");
        assertTrue(seen.stream().anyMatch(o -> o.get(0).startsWith("model-alpha")));
        for (int i = 0; i < 12; i++) {
            Pairwise p = Pairwise.fromPayload(only("c-" + i, Pairwise.TYPE).payload());
            assertEquals(seen.get(i), p.order(), "c-" + i);
            assertEquals(Blinding.order("c-" + i, "alice", pair(i).ids()), p.order());
        }
    }

    @Test
    void codeBlocksAreMonospaceAndShaded() throws Exception {
        open(null, List.of(new Comparison(List.of(new Message("user", "Code?")),
                List.of(new Response("x", LONG, Map.of()), new Response("y", "No code here.", Map.of())), Map.of())));
        ResponsePane pane = editor.view().panes().stream().filter(p -> p.responseId().equals("x")).findFirst().orElseThrow();
        StyledText t = pane.viewer().getControl();
        int at = t.getText().indexOf("def reverse(items):");
        assertTrue(at >= 0);
        StyleRange r = t.getStyleRangeAtOffset(at + 2);
        assertNotNull(r);
        assertEquals(JFaceResources.getTextFont().getFontData()[0].getName(), r.font.getFontData()[0].getName(), "code is monospace");
        assertNotNull(t.getLineBackground(t.getLineAtOffset(at)), "code lines are shaded");
        int plain = t.getText().indexOf("Some words");
        StyleRange pr = t.getStyleRangeAtOffset(plain);
        assertTrue(pr == null || pr.font == null || !pr.font.getFontData()[0].getName().equals(r.font.getFontData()[0].getName()));
    }

    @Test
    void longResponsesScrollInStepAndDifferencesAreMarked() throws Exception {
        open(null, List.of(new Comparison(List.of(new Message("user", "Explain.")),
                List.of(new Response("x", LONG, Map.of()), new Response("y", LONG.replace("what to do first", "what to avoid"), Map.of())),
                Map.of())));
        StyledText a = editor.view().panes().get(0).viewer().getControl();
        StyledText b = editor.view().panes().get(1).viewer().getControl();
        a.setTopPixel(400);
        a.getVerticalBar().notifyListeners(SWT.Selection, new Event());
        f.spin();
        assertTrue(b.getTopPixel() > 100, "the other response followed: " + b.getTopPixel() + " a " + a.getTopPixel() + " lines "
                + a.getLineCount() + " last " + a.getLinePixel(a.getLineCount() - 1) + " client " + a.getClientArea() + " b last "
                + b.getLinePixel(b.getLineCount() - 1) + " client " + b.getClientArea());
        Button diff = find(editor.rootControl(), Button.class, "Mark differences");
        diff.setSelection(true);
        diff.notifyListeners(SWT.Selection, new Event());
        f.spin();
        List<dev.vellum.core.ui.widgets.MarkdownViewer.Highlight> ha = editor.view().panes().get(0).viewer().highlights();
        List<dev.vellum.core.ui.widgets.MarkdownViewer.Highlight> hb = editor.view().panes().get(1).viewer().highlights();
        assertFalse(ha.isEmpty());
        assertFalse(hb.isEmpty());
        String marked = a.getText().substring(ha.get(0).start(), ha.get(0).end()) + "|" + b.getText().substring(hb.get(0).start(), hb.get(0).end());
        assertTrue(marked.contains("do first") || marked.contains("avoid"), marked);
        assertTrue(marked.length() < 40, "words are marked, not whole paragraphs: " + marked);
    }

    @Test
    void modelIdsAndMetadataAreNeverShown() throws Exception {
        open(Map.of("modes", List.of("pairwise", "ranking", "rubric")), pairs(2));
        f.key('1');
        f.click(1);
        f.key(1, 'r', 'r', 0);
        List<String> texts = texts(editor.rootControl());
        for (String s : texts) {
            assertFalse(s.contains("model-alpha") || s.contains("model-beta") || s.contains("secret-model"), "shown: " + s);
        }
        assertTrue(texts.contains("Response A"));
        assertTrue(texts.contains("Response B"));
        assertTrue(texts.stream().anyMatch(s -> s.contains("Be brief.")), "the system turn is shown");
    }

    @Test
    void theRationaleIsAnAttributeOfTheChoiceWrittenWhenTheFieldIsLeft() throws Exception {
        open(null, pairs(2));
        f.key('1');
        Text r = editor.rationaleField();
        r.setFocus();
        r.setText("A cites the right method.");
        editor.commitRationale();
        Annotation choice = only("c-0", Pairwise.TYPE);
        assertEquals("A cites the right method.", Rationale.of(choice));
        assertEquals(1, f.annotations("c-0").size(), "no annotation of its own");
        r.setText("");
        editor.commitRationale();
        assertFalse(Rationale.isGiven(only("c-0", Pairwise.TYPE)), "emptied, the attribute goes; the choice stays");
    }

    @Test
    void aRationaleTypedBeforeTheChoiceIsWrittenWithIt() throws Exception {
        open(Map.of("rationale", "always"), pairs(1));
        Text r = editor.rationaleField();
        r.setFocus();
        r.setText("Both are fine.");
        editor.commitRationale();
        assertTrue(f.annotations("c-0").isEmpty());
        f.key('=');
        assertEquals("Both are fine.", Rationale.of(only("c-0", Pairwise.TYPE)));
        assertTrue(editor.statusText().contains("done"), editor.statusText());
    }

    @Test
    void badSettingsFallBackToDefaultsAndSaySo() throws Exception {
        open(Map.of("modes", List.of("nonsense"), "pairwise", Map.of("maxStrength", "lots")), pairs(1));
        assertTrue(editor.settings().enabled(dev.vellum.modality.preference.model.PreferenceMode.PAIRWISE));
        assertEquals(3, editor.settings().pairwise().maxStrength());
        assertTrue(editor.statusText().contains("preference.settings"), editor.statusText());
    }

    @Test
    void aMissingComparisonIsNamed() throws Exception {
        f = new EditorFixture(tmp, null, pairs(1));
        java.nio.file.Files.delete(tmp.resolve("project/media/chat/c-0.json"));
        org.eclipse.e4.ui.model.application.ui.basic.MPart part = org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory.INSTANCE.createPart();
        part.getPersistedState().put(dev.vellum.core.ui.editors.EditorProvider.ITEM_ID, "c-0");
        f.context.set(org.eclipse.e4.ui.model.application.ui.basic.MPart.class, part);
        PreferenceEditor e = org.eclipse.e4.core.contexts.ContextInjectionFactory.make(PreferenceEditor.class, f.context);
        f.spin();
        assertNotNull(e.message());
        assertTrue(e.message().contains("c-0.json"), e.message());
        assertNull(e.itemId());
    }

    // ---- helpers

    static List<String> texts(Control c) {
        List<String> out = new ArrayList<>();
        collect(c, out);
        return out;
    }

    private static void collect(Control c, List<String> out) {
        if (c instanceof Label l) {
            out.add(l.getText());
        } else if (c instanceof Button b) {
            out.add(b.getText());
            out.add(b.getToolTipText() == null ? "" : b.getToolTipText());
        } else if (c instanceof StyledText t) {
            out.add(t.getText());
        } else if (c instanceof Text t) {
            out.add(t.getText());
        } else if (c instanceof Combo co) {
            out.addAll(List.of(co.getItems()));
        } else if (c instanceof Table t) {
            for (TableItem ti : t.getItems()) {
                out.add(ti.getText(0));
                out.add(ti.getText(1));
            }
        } else if (c instanceof org.eclipse.swt.widgets.List l) {
            out.addAll(List.of(l.getItems()));
        }
        if (c instanceof Group g) {
            out.add(g.getText());
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                collect(child, out);
            }
        }
    }

    static <T extends Control> T find(Control c, Class<T> type, String text) {
        if (type.isInstance(c) && c instanceof Button b && b.getText().equals(text)) {
            return type.cast(c);
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                T found = find(child, type, text);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void twoAnnotatorsSeeTheirOwnOrder() throws Exception {
        f = new EditorFixture(tmp, null, pairs(20), "alice");
        List<List<String>> alice = new ArrayList<>();
        editor = f.open("c-0");
        for (int i = 0; i < 20; i++) {
            alice.add(editor.order());
            f.key(0, SWT.CR, '\r', 0);
        }
        f.close();
        f = new EditorFixture(tmp, null, null, "bob");
        editor = f.open("c-0");
        int differ = 0;
        for (int i = 0; i < 20; i++) {
            if (!editor.order().equals(alice.get(i))) {
                differ++;
            }
            f.key(0, SWT.CR, '\r', 0);
        }
        assertNotEquals(0, differ, "bob's order differs from alice's somewhere");
    }
}
