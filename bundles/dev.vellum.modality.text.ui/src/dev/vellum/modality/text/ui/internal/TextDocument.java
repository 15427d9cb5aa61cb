package dev.vellum.modality.text.ui.internal;

import dev.vellum.modality.text.model.CodePoints;
import dev.vellum.modality.text.model.Segmentation;

/**
 * A document as the editor works on it: the text, its tokens and sentences converted once to
 * UTF-16 indexes (what SWT uses), and the conversion to and from the code point offsets that
 * payloads store. Immutable.
 */
public final class TextDocument {
    private final String text;
    private final CodePoints codePoints;
    private final int[] tokens;
    private final int[] sentences;

    /**
     * @param segmentation tokens and sentences in code points; sentences may be empty (then the
     *                     whole text is one sentence)
     */
    public TextDocument(String text, Segmentation segmentation) {
        this.text = text;
        this.codePoints = new CodePoints(text);
        this.tokens = toUtf16(segmentation.tokens());
        int[] s = toUtf16(segmentation.sentences());
        this.sentences = s.length == 0 && !text.isEmpty() ? new int[] {0, text.length()} : s;
    }

    private int[] toUtf16(int[] cp) {
        int[] out = new int[cp.length];
        for (int i = 0; i < cp.length; i++) {
            out[i] = codePoints.toUtf16(Math.min(cp[i], codePoints.codePointCount()));
        }
        return out;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** The UTF-16 index of a code point offset. */
    public int toUtf16(int codePoint) {
        return codePoints.toUtf16(codePoint);
    }

    /** The code point offset of a UTF-16 index. */
    public int toCodePoint(int utf16) {
        return codePoints.toCodePoint(utf16);
    }

    public int tokenCount() {
        return tokens.length / 2;
    }

    public int tokenStart(int i) {
        return tokens[2 * i];
    }

    public int tokenEnd(int i) {
        return tokens[2 * i + 1];
    }

    /** The first token ending after {@code offset} (it contains or follows it), or tokenCount(). */
    public int firstTokenEndingAfter(int offset) {
        int lo = 0, hi = tokenCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens[2 * mid + 1] <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The last token starting before {@code offset}, or -1. */
    public int lastTokenStartingBefore(int offset) {
        int lo = 0, hi = tokenCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens[2 * mid] < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /**
     * The range [start, end) widened to whole tokens: from the start of the first token it touches
     * to the end of the last; white space around is dropped. Null when it touches no token.
     */
    public int[] snap(int start, int end) {
        if (end <= start) {
            return null;
        }
        int first = firstTokenEndingAfter(start);
        int last = lastTokenStartingBefore(end);
        if (first >= tokenCount() || last < 0 || first > last) {
            return null;
        }
        return new int[] {tokenStart(first), tokenEnd(last)};
    }

    /** The smallest token end greater than {@code offset}, or -1. */
    public int nextTokenEnd(int offset) {
        int i = firstTokenEndingAfter(offset);
        return i < tokenCount() ? tokenEnd(i) : -1;
    }

    /** The largest token end smaller than {@code offset}, or -1. */
    public int previousTokenEnd(int offset) {
        int i = firstTokenEndingAfter(offset - 1) - 1;
        // firstTokenEndingAfter(offset - 1) is the first token with end >= offset
        return i >= 0 ? tokenEnd(i) : -1;
    }

    /** The smallest token start greater than {@code offset}, or -1. */
    public int nextTokenStart(int offset) {
        int i = lastTokenStartingBefore(offset + 1) + 1;
        return i < tokenCount() ? tokenStart(i) : -1;
    }

    /** The largest token start smaller than {@code offset}, or -1. */
    public int previousTokenStart(int offset) {
        int i = lastTokenStartingBefore(offset);
        return i >= 0 ? tokenStart(i) : -1;
    }

    public int sentenceCount() {
        return sentences.length / 2;
    }

    public int sentenceStart(int i) {
        return sentences[2 * i];
    }

    public int sentenceEnd(int i) {
        return sentences[2 * i + 1];
    }

    /** The sentence containing or following {@code offset}, or sentenceCount(). */
    public int sentenceAt(int offset) {
        int lo = 0, hi = sentenceCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sentences[2 * mid + 1] <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
