package dev.vellum.modality.text.model;

import dev.vellum.core.model.Asset;
import java.util.ArrayList;
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

    /** The segmentation stored with a text asset, or null when it has none. */
    public static Segmentation fromAsset(Asset asset) {
        Map<String, Object> m = asset.metadata();
        if (!(m.get(TOKENS) instanceof List<?> t)) {
            return null;
        }
        return new Segmentation(ints(t, TOKENS), m.get(SENTENCES) instanceof List<?> s ? ints(s, SENTENCES) : new int[0]);
    }

    /** {@code metadata} with this segmentation added (a copy). */
    public Map<String, Object> addTo(Map<String, Object> metadata) {
        Map<String, Object> out = new LinkedHashMap<>(metadata);
        out.put(TOKENS, list(tokens));
        out.put(SENTENCES, list(sentences));
        return out;
    }

    private static List<Integer> list(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int v : a) {
            out.add(v);
        }
        return out;
    }

    private static int[] ints(List<?> l, String key) {
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new PayloadException("text asset metadata: '" + key + "' item " + i + " must be a whole number, found " + l.get(i));
            }
            out[i] = n.intValue();
        }
        return out;
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
