package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.modality.text.model.CodePoints;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Span;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodePointsTest {
    @Test
    void offsetsCountAstralCharactersOnce() {
        String s = "a\uD83D\uDE00b \uD83D\uDC4Dc"; // a😀b 👍c
        CodePoints cp = new CodePoints(s);
        assertEquals(6, cp.codePointCount());
        assertEquals(s.codePointCount(0, s.length()), cp.codePointCount());
        for (int i = 0; i <= cp.codePointCount(); i++) {
            int u = cp.toUtf16(i);
            assertEquals(s.offsetByCodePoints(0, i), u, "code point " + i);
            assertEquals(i, cp.toCodePoint(u), "back from UTF-16 " + u);
        }
        assertEquals(1, cp.toCodePoint(2), "inside a surrogate pair: the character's start");
        assertThrows(IndexOutOfBoundsException.class, () -> cp.toUtf16(7));
    }

    @Test
    void plainTextNeedsNoTable() {
        CodePoints cp = new CodePoints("Ana Ruiz");
        assertEquals(8, cp.codePointCount());
        assertEquals(4, cp.toUtf16(4));
        assertEquals(4, cp.toCodePoint(4));
    }

    @Test
    void spanPayloadsAreChecked() {
        assertEquals(new Span(3, 15, "3 March 2026"), Span.fromPayload(Map.of("start", 3, "end", 15, "text", "3 March 2026")));
        assertThrows(PayloadException.class, () -> Span.fromPayload(Map.of("start", 5, "end", 2)));
        assertThrows(PayloadException.class, () -> Span.fromPayload(Map.of("start", 1.5, "end", 2)));
    }

    @Test
    void segmentationsAreStoredCompactlyAndReadInEitherForm() {
        dev.vellum.modality.text.model.Segmentation seg = new dev.vellum.modality.text.model.Segmentation(new int[] {0, 3, 4, 9, 9, 10},
                new int[] {0, 10});
        Map<String, Object> meta = seg.addTo(Map.of("characters", 10));
        assertEquals("0 3 1 5 0 1", meta.get("tokens"));
        assertEquals("0 10", meta.get("sentences"));
        dev.vellum.core.model.Asset compact = new dev.vellum.core.model.Asset("a.txt", "text", "", meta);
        assertEquals(seg, dev.vellum.modality.text.model.Segmentation.fromAsset(compact));
        dev.vellum.core.model.Asset plain = new dev.vellum.core.model.Asset("a.txt", "text", "",
                Map.of("tokens", java.util.List.of(0, 3, 4, 9, 9, 10), "sentences", java.util.List.of(0, 10)));
        assertEquals(seg, dev.vellum.modality.text.model.Segmentation.fromAsset(plain));
        assertThrows(PayloadException.class, () -> dev.vellum.modality.text.model.Segmentation.fromAsset(
                new dev.vellum.core.model.Asset("a.txt", "text", "", Map.of("tokens", "0 3 x"))));
    }
}
