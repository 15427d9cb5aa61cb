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
    void tokens(int[] cps, Ranges out) {
        int i = 0;
        while (i < cps.length) {
            if (Chars.separates(cps[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < cps.length && !Chars.separates(cps[i])) {
                i++;
            }
            out.add(start, i);
        }
    }
}
