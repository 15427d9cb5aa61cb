package dev.vellum.modality.text.model;

import dev.vellum.core.model.Asset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens and sentences of a text as code point ranges, each array holding start0, end0, start1,
 * end1... in ascending order, without overlaps. A pre-tokenized document (imported from CoNLL,
 * spaCy, WebAnno TSV...) keeps its segmentation in its text asset's metadata under
 * {@value #TOKENS} and {@value #SENTENCES} (flat number lists), so that spans snap to the tokens the
 * source had; other documents are segmented by the project's tokenizer when opened.
 *
 * @param tokens    token ranges, flat
 * @param sentences sentence ranges, flat (may be empty: the whole text is one sentence)
 */
public record Segmentation(int[] tokens, int[] sentences) {
    /** Asset metadata key of the token ranges. */
    public static final String TOKENS = "tokens";
    /** Asset metadata key of the sentence ranges. */
    public static final String SENTENCES = "sentences";

    public Segmentation {
        check(tokens, "token");
        check(sentences, "sentence");
    }

    /** Number of tokens. */
    public int tokenCount() {
        return tokens.length / 2;
    }

    /** Number of sentences. */
    public int sentenceCount() {
        return sentences.length / 2;
    }

    public int tokenStart(int i) {
        return tokens[2 * i];
    }

    public int tokenEnd(int i) {
        return tokens[2 * i + 1];
    }

    /** The index of the token containing code point offset {@code cp}, or -1 when it is between tokens. */
    public int tokenAt(int cp) {
        int lo = 0, hi = tokenCount() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens[2 * mid + 1] <= cp) {
                lo = mid + 1;
            } else if (tokens[2 * mid] > cp) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * The segmentation stored with a text asset, or null when it has none. Reads the compact form
     * this class writes (a string, see {@link #addTo}) and the plain form (a list of numbers).
     */
    public static Segmentation fromAsset(Asset asset) {
        Map<String, Object> m = asset.metadata();
        Object t = m.get(TOKENS);
        if (t == null) {
            return null;
        }
        Object s = m.get(SENTENCES);
        return new Segmentation(ints(t, TOKENS), s == null ? new int[0] : ints(s, SENTENCES));
    }

    /**
     * {@code metadata} with this segmentation added (a copy), each array as one string of
     * whole numbers separated by spaces: for every range, its distance from the end of the previous
     * range, then its length ({@code "0 3 1 5"} for 0..3 and 4..9). 200,000 tokens take about 1 MB
     * as a list of numbers and read slowly through a JSON tree; as this string they take a third of
     * that and read in milliseconds.
     */
    public Map<String, Object> addTo(Map<String, Object> metadata) {
        Map<String, Object> out = new LinkedHashMap<>(metadata);
        out.put(TOKENS, encode(tokens));
        out.put(SENTENCES, encode(sentences));
        return out;
    }

    static String encode(int[] ranges) {
        StringBuilder b = new StringBuilder(ranges.length * 3);
        int last = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(ranges[i] - last).append(' ').append(ranges[i + 1] - ranges[i]);
            last = ranges[i + 1];
        }
        return b.toString();
    }

    private static int[] ints(Object v, String key) {
        if (v instanceof String s) {
            return decode(s, key);
        }
        if (!(v instanceof List<?> l)) {
            throw new PayloadException("text asset metadata: '" + key + "' must be a string of ranges or a list of numbers, found " + v);
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new PayloadException("text asset metadata: '" + key + "' item " + i + " must be a whole number, found " + l.get(i));
            }
            out[i] = n.intValue();
        }
        return out;
    }

    private static int[] decode(String s, String key) {
        int[] out = new int[16];
        int n = 0, last = 0, i = 0, len = s.length();
        while (i < len) {
            while (i < len && s.charAt(i) == ' ') {
                i++;
            }
            if (i == len) {
                break;
            }
            long v = 0;
            int from = i;
            while (i < len && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                if (v > Integer.MAX_VALUE) {
                    throw new PayloadException("text asset metadata: '" + key + "': number too large at character " + from);
                }
                i++;
            }
            if (i == from || i < len && s.charAt(i) != ' ') {
                throw new PayloadException("text asset metadata: '" + key + "': not a whole number at character " + i);
            }
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            // even positions are gaps from the previous end, odd ones lengths
            int value = n % 2 == 0 ? last + (int) v : out[n - 1] + (int) v;
            if (n % 2 == 1) {
                last = value;
            }
            out[n++] = value;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static void check(int[] ranges, String what) {
        if (ranges.length % 2 != 0) {
            throw new PayloadException("text " + what + "s: start and end pairs expected, found " + ranges.length + " numbers");
        }
        int last = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] < last || ranges[i + 1] < ranges[i]) {
                throw new PayloadException("text " + what + " " + i / 2 + ": " + ranges[i] + ".." + ranges[i + 1]
                        + " is not after the previous one or ends before it starts");
            }
            last = ranges[i + 1];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segmentation s && Arrays.equals(tokens, s.tokens) && Arrays.equals(sentences, s.sentences);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + Arrays.hashCode(sentences);
    }

    @Override
    public String toString() {
        return "Segmentation[" + tokenCount() + " tokens, " + sentenceCount() + " sentences]";
    }
}
