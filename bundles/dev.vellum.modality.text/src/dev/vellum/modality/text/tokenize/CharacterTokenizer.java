package dev.vellum.modality.text.tokenize;

/**
 * Every user-perceived character outside white space is a token: a letter with its combining marks,
 * an emoji with its skin tone or joined family, a flag. For scripts written without spaces that the
 * default tokenizer does not split (Thai, Lao, Khmer, Myanmar), and for character-level labelling.
 */
public final class CharacterTokenizer extends CodePointTokenizer {
    /** The project setting's kind. */
    public static final String KIND = "characters";

    /** @param sentences where sentences end */
    public CharacterTokenizer(SentenceMode sentences) {
        super(sentences);
    }

    @Override
    int tokenEnd(int[] cps, int start) {
        return character(cps, start);
    }
}
