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
}
