package dev.vellum.modality.text.tokenize;

import java.util.Locale;

/** Where a tokenizer ends sentences. */
public enum SentenceMode {
    /**
     * At sentence ends as {@link java.text.BreakIterator} finds them (terminal punctuation of most
     * scripts followed by space, and CJK full stops), and also at blank lines, after the Arabic
     * question mark {@code ؟}, the Urdu full stop {@code ۔} and the Devanagari dandas, but not
     * after the English titles {@code Mr. Mrs. Ms. Dr. Prof.}.
     */
    TEXT,
    /** At every line break: each non-blank line is a sentence, as in one-sentence-per-line corpora. */
    LINES,
    /** Nowhere: the segmentation has no sentences, which means the whole text is one. */
    NONE;

    /** The id used in the project setting: {@code text}, {@code lines} or {@code none}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of an id; throws naming the id and the known ones. */
    public static SentenceMode fromId(String id) {
        for (SentenceMode m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown sentence mode '" + id + "' (text, lines or none)");
    }
}
