package dev.vellum.modality.text.tokenize;

import dev.vellum.modality.text.model.CodePoints;
import java.text.BreakIterator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** Sentence ranges over tokens: boundaries found in the text, then snapped to the tokens around them. */
final class Sentences {
    /** Titles after which BreakIterator's break (it ends a sentence at any ". " before a capital) is wrong. */
    private static final Set<String> TITLES = Set.of("Mr", "Mrs", "Ms", "Dr", "Prof");

    private Sentences() {
    }

    /**
     * Sentence ranges, flat: each from the start of its first token to the end of its last. A
     * boundary inside a token counts after it, so tokens never straddle sentences.
     */
    static int[] of(String text, int[] cps, Ranges tokens, SentenceMode mode) {
        if (mode == SentenceMode.NONE || tokens.pairs() == 0) {
            return new int[0];
        }
        Ranges boundaries = new Ranges(1024);
        if (mode == SentenceMode.LINES) {
            for (int i = 0; i < cps.length; i++) {
                if (lineBreak(cps[i])) {
                    boundaries.add(i + 1, 0);
                }
            }
        } else {
            textBoundaries(text, cps, tokens, boundaries);
        }
        int[] b = new int[boundaries.pairs()];
        for (int i = 0; i < b.length; i++) {
            b[i] = boundaries.start(i);
        }
        Arrays.sort(b);
        Ranges out = new Ranges(b.length + 1);
        int next = 0, start = -1, end = -1;
        for (int t = 0; t < tokens.pairs(); t++) {
            int ts = tokens.start(t);
            boolean crossed = false;
            while (next < b.length && b[next] <= ts) {
                next++;
                crossed = true;
            }
            if (start < 0) {
                start = ts;
            } else if (crossed) {
                out.add(start, end);
                start = ts;
            }
            end = tokens.end(t);
        }
        out.add(start, end);
        return out.toArray();
    }

    private static void textBoundaries(String text, int[] cps, Ranges tokens, Ranges boundaries) {
        CodePoints index = new CodePoints(text);
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        int token = 0;
        for (int u = it.next(); u != BreakIterator.DONE; u = it.next()) {
            int cp = index.toCodePoint(u);
            while (token < tokens.pairs() && tokens.end(token) <= cp) {
                token++;
            }
            if (!afterTitle(cps, tokens, token)) {
                boundaries.add(cp, 0);
            }
        }
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (lineBreak(c)) {
                // a blank line: a break, then only horizontal space, then another break
                int j = i + 1;
                if (c == '\r' && j < cps.length && cps[j] == '\n') {
                    j++;
                }
                while (j < cps.length && Chars.separates(cps[j]) && !lineBreak(cps[j])) {
                    j++;
                }
                if (j < cps.length && lineBreak(cps[j])) {
                    boundaries.add(j, 0);
                }
            } else if (c == 0x061F || c == 0x06D4 || c == 0x0964 || c == 0x0965) {
                // terminators BreakIterator does not know: a break at the space after them (and
                // after closing quotes or brackets)
                int j = i + 1;
                while (j < cps.length && closing(cps[j])) {
                    j++;
                }
                if (j == cps.length || Chars.separates(cps[j])) {
                    boundaries.add(j, 0);
                }
            }
        }
    }

    /** Whether the tokens just before index {@code token} are a title and its full stop, e.g. "Dr" ".". */
    private static boolean afterTitle(int[] cps, Ranges tokens, int token) {
        if (token < 2) {
            return false;
        }
        int dot = token - 1, word = token - 2;
        if (tokens.end(dot) - tokens.start(dot) != 1 || cps[tokens.start(dot)] != '.' || tokens.end(word) != tokens.start(dot)) {
            return false;
        }
        int len = tokens.end(word) - tokens.start(word);
        if (len < 2 || len > 4) {
            return false;
        }
        StringBuilder w = new StringBuilder(len);
        for (int i = tokens.start(word); i < tokens.end(word); i++) {
            w.appendCodePoint(cps[i]);
        }
        return TITLES.contains(w.toString());
    }

    private static boolean closing(int cp) {
        int t = Character.getType(cp);
        return t == Character.END_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION || cp == '"' || cp == '\'';
    }

    static boolean lineBreak(int cp) {
        return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
    }
}
