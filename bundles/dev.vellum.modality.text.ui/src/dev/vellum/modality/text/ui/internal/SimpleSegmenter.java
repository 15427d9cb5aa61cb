package dev.vellum.modality.text.ui.internal;

import dev.vellum.modality.text.model.Segmentation;
import java.util.Arrays;

/**
 * The fallback segmenter: a token is a run of letters, digits and combining marks (with inner
 * apostrophes and hyphens), or one other visible character with what joins to it (an emoji with
 * its modifiers and zero-width joiners); sentences end after {@code . ! ?} (and the Arabic and CJK
 * equivalents) followed by white space, and at line breaks.
 */
public final class SimpleSegmenter implements Segmenter {
    @Override
    public Segmentation segment(String text) {
        IntList tokens = new IntList();
        IntList sentences = new IntList();
        int n = text.length();
        int cp = 0; // code point offset of index i
        int sentenceStart = -1;
        int i = 0;
        while (i < n) {
            int c = text.codePointAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (c == '\n' && sentenceStart >= 0) {
                    sentences.add(sentenceStart, lastEnd(tokens));
                    sentenceStart = -1;
                }
                i += Character.charCount(c);
                cp++;
                continue;
            }
            int start = cp;
            boolean word = isWordChar(c);
            i += Character.charCount(c);
            cp++;
            while (i < n) {
                int d = text.codePointAt(i);
                boolean joins = isJoining(d) || (word && isWordChar(d)) || (word && (d == '\'' || d == '\u2019' || d == '-')
                        && i + 1 < n && isWordChar(text.codePointAt(i + 1)))
                        || (word && (d == '.' || d == ',') && Character.isDigit(text.codePointBefore(i)) && i + 1 < n
                                && Character.isDigit(text.codePointAt(i + 1))) || (!word && i > 0 && text.charAt(i - 1) == '\u200d')
                        || (!word && cp == start + 1 && isRegionalIndicator(c) && isRegionalIndicator(d));
                if (!joins) {
                    break;
                }
                i += Character.charCount(d);
                cp++;
            }
            tokens.add(start, cp);
            if (sentenceStart < 0) {
                sentenceStart = start;
            }
            if (!word && isSentenceEnd(c) && (i >= n || Character.isWhitespace(text.codePointAt(i)))) {
                sentences.add(sentenceStart, cp);
                sentenceStart = -1;
            }
        }
        if (sentenceStart >= 0) {
            sentences.add(sentenceStart, lastEnd(tokens));
        }
        return new Segmentation(tokens.toArray(), sentences.toArray());
    }

    private static int lastEnd(IntList tokens) {
        return tokens.size == 0 ? 0 : tokens.values[tokens.size - 1];
    }

    private static boolean isWordChar(int c) {
        int t = Character.getType(c);
        return Character.isLetterOrDigit(c) || t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK
                || t == Character.ENCLOSING_MARK || t == Character.CONNECTOR_PUNCTUATION;
    }

    /** Characters that belong to the character before them: joiners, variation selectors, skin tones, tags. */
    private static boolean isJoining(int c) {
        return c == 0x200d || (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0x1f3fb && c <= 0x1f3ff) || (c >= 0xe0020 && c <= 0xe007f)
                || c == 0x20e3;
    }

    /** Two regional indicator letters make one flag. */
    private static boolean isRegionalIndicator(int c) {
        return c >= 0x1f1e6 && c <= 0x1f1ff;
    }

    private static boolean isSentenceEnd(int c) {
        return c == '.' || c == '!' || c == '?' || c == '\u061f' || c == '\u06d4' || c == '\u3002' || c == '\uff01' || c == '\uff1f'
                || c == '\u2026';
    }

    private static final class IntList {
        int[] values = new int[256];
        int size;

        void add(int a, int b) {
            if (size + 2 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = a;
            values[size++] = b;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
