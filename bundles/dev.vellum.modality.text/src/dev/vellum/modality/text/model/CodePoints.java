package dev.vellum.modality.text.model;

import java.util.Arrays;

/**
 * Converts between code point offsets (what payloads store) and UTF-16 indexes (what Java strings
 * and SWT widgets use) for one text, in O(log n) per conversion: only the positions of characters
 * outside the Basic Multilingual Plane (emoji, historic scripts) are kept. Immutable.
 */
public final class CodePoints {
    private final int length;
    private final int codePoints;
    /** UTF-16 indexes of the high surrogates of astral characters, ascending. */
    private final int[] astral;

    public CodePoints(CharSequence text) {
        length = text.length();
        int[] found = new int[16];
        int n = 0;
        for (int i = 0; i < length - 1; i++) {
            if (Character.isHighSurrogate(text.charAt(i)) && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, n * 2);
                }
                found[n++] = i;
                i++;
            }
        }
        astral = Arrays.copyOf(found, n);
        codePoints = length - n;
    }

    /** Code points in the text. */
    public int codePointCount() {
        return codePoints;
    }

    /** UTF-16 length of the text. */
    public int utf16Length() {
        return length;
    }

    /**
     * The UTF-16 index of code point offset {@code cp} (0..{@link #codePointCount()}).
     *
     * @throws IndexOutOfBoundsException outside the text
     */
    public int toUtf16(int cp) {
        if (cp < 0 || cp > codePoints) {
            throw new IndexOutOfBoundsException("code point offset " + cp + " outside 0.." + codePoints);
        }
        // astral characters before cp: the k with astral[k] - k < cp
        int lo = 0, hi = astral.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (astral[mid] - mid < cp) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return cp + lo;
    }

    /**
     * The code point offset of UTF-16 index {@code i} (0..{@link #utf16Length()}); an index in the
     * middle of a surrogate pair counts as the character's start.
     *
     * @throws IndexOutOfBoundsException outside the text
     */
    public int toCodePoint(int i) {
        if (i < 0 || i > length) {
            throw new IndexOutOfBoundsException("UTF-16 index " + i + " outside 0.." + length);
        }
        int before = Arrays.binarySearch(astral, i);
        if (before >= 0) {
            return i - before;
        }
        // k astral characters start before i; each is two units but one code point (inside a pair,
        // i - 1 - (k - 1) gives the same: the character's start)
        int k = -before - 1;
        return i - k;
    }
}
