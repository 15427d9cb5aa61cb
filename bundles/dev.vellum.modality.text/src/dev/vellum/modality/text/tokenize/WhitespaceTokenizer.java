package dev.vellum.modality.text.tokenize;

/**
 * Tokens are the runs of text between white space, punctuation included ({@code "Hello,"} is one
 * token): for text whose words are already separated by spaces, such as a detokenized corpus.
 */
public final class WhitespaceTokenizer extends CodePointTokenizer {
    /** The project setting's kind. */
    public static final String KIND = "whitespace";

    /** @param sentences where sentences end */
    public WhitespaceTokenizer(SentenceMode sentences) {
        super(sentences);
    }

    @Override
    int tokenEnd(int[] cps, int start) {
        int i = start + 1;
        while (i < cps.length && !Chars.separates(cps[i])) {
            i++;
        }
        return i;
    }
}
