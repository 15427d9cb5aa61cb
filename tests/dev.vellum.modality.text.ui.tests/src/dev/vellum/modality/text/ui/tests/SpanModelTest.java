package dev.vellum.modality.text.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vellum.core.model.Annotation;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.modality.text.tokenize.Tokenizers;
import dev.vellum.modality.text.ui.internal.SpanFigure;
import dev.vellum.modality.text.ui.internal.SpanLayer;
import dev.vellum.modality.text.ui.internal.SpanScene;
import dev.vellum.modality.text.ui.internal.TextDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The editor's model without SWT: segmenting, snapping, the interval index and nesting rows. */
class SpanModelTest {
    private static List<String> tokens(String text) {
        Segmentation s = Tokenizers.standard().segment(text);
        List<String> out = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < s.tokenCount(); i++) {
            out.add(new String(cps, s.tokenStart(i), s.tokenEnd(i) - s.tokenStart(i)));
        }
        return out;
    }

    @Test
    void theTokenizerTheEditorUsesSplitsWordsPunctuationAndEmojiSequences() {
        assertEquals(List.of("Ana's", "co-op", "(", "Kelso", ")", "costs", "3.5", "\u20ac", "."),
                tokens("Ana's co-op (Kelso) costs 3.5\u20ac."), "inner hyphens, apostrophes and decimal points stay in the word");
        assertEquals(List.of("I", "\ud83d\udc69\u200d\ud83d\udcbb", "\ud83c\uddee\ud83c\uddf9", "\ud83d\udc4d\ud83c\udffd", "!"),
                tokens("I \ud83d\udc69\u200d\ud83d\udcbb\ud83c\uddee\ud83c\uddf9 \ud83d\udc4d\ud83c\udffd!"));
        Segmentation s = Tokenizers.standard().segment("One two. Three!\nFour five");
        assertArrayEquals(new int[] {0, 8, 9, 15, 16, 25}, s.sentences());
    }

    @Test
    void snappingWidensToWholeTokensAndDropsSpaces() {
        String text = "the Harbor Authority  of";
        TextDocument d = new TextDocument(text, Tokenizers.standard().segment(text));
        assertArrayEquals(new int[] {4, 20}, d.snap(6, 13));
        assertArrayEquals(new int[] {4, 10}, d.snap(3, 5));
        assertNull(d.snap(20, 22), "only spaces");
        assertEquals(20, d.nextTokenEnd(10));
        assertEquals(10, d.previousTokenEnd(20));
        assertEquals(11, d.nextTokenStart(4));
        assertEquals(4, d.previousTokenStart(11));
    }

    @Test
    void theLayerFindsExactlyTheOverlappingSpansAndStacksNestedOnes() {
        Random r = new Random(3);
        List<SpanFigure> figures = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int s = r.nextInt(10_000), len = 1 + r.nextInt(r.nextInt(10) == 0 ? 400 : 12);
            figures.add(new SpanFigure(Annotation.create("s" + i, Span.TYPE, "X", new Span(s, s + len, "").toPayload(), "a"), s, s + len));
        }
        SpanLayer layer = new SpanLayer(figures);
        for (int q = 0; q < 500; q++) {
            int from = r.nextInt(10_000), to = from + 1 + r.nextInt(200);
            List<SpanFigure> expected = figures.stream().filter(f -> f.start() < to && f.end() > from).sorted(SpanLayer.ORDER).toList();
            assertEquals(expected, layer.overlapping(from, to));
        }
        // no two spans sharing a character share a row
        for (SpanFigure a : figures) {
            for (SpanFigure b : layer.overlapping(a.start(), a.end())) {
                if (a != b) {
                    assertEquals(true, a.level() != b.level(), a + " and " + b + " overlap on row " + a.level());
                }
            }
        }
    }

    @Test
    void theSceneRereadsOnlyChangedAnnotations() {
        String text = "Ana met Bob in Rome.";
        TextDocument d = new TextDocument(text, Tokenizers.standard().segment(text));
        SpanScene scene = new SpanScene(d);
        Annotation a = Annotation.create("a", Span.TYPE, "PER", new Span(0, 3, "Ana").toPayload(), "x");
        Annotation b = Annotation.create("b", Span.TYPE, "PER", new Span(8, 11, "Bob").toPayload(), "x");
        scene.update(List.of(a, b));
        SpanFigure fa = scene.span("a");
        scene.update(List.of(a, b.withLabel("ORG", "x")));
        assertEquals(fa, scene.span("a"), "an unchanged annotation keeps its figure");
        assertEquals("ORG", scene.span("b").label());
        assertEquals(0, scene.nextSentenceWithoutSpans(0) < 0 ? 0 : 1, "the only sentence has spans");
    }
}
