package dev.vellum.modality.text.tokenize;

import dev.vellum.modality.text.model.Segmentation;
import java.util.Objects;

/** What the built-in tokenizers share: they scan the text's code points once, then find sentences. */
abstract sealed class CodePointTokenizer implements Tokenizer permits DefaultTokenizer, WhitespaceTokenizer, CharacterTokenizer {
    private final SentenceMode sentences;

    CodePointTokenizer(SentenceMode sentences) {
        this.sentences = Objects.requireNonNull(sentences, "sentences");
    }

    /** Where this tokenizer ends sentences. */
    public final SentenceMode sentenceMode() {
        return sentences;
    }

    @Override
    public final Segmentation segment(String text) {
        int[] cps = text.codePoints().toArray();
        Ranges tokens = new Ranges(cps.length / 5 + 16);
        tokens(cps, tokens);
        return new Segmentation(tokens.toArray(), Sentences.of(text, cps, tokens, sentences));
    }

    /** Adds the tokens of {@code cps}, in order, to {@code out}: white space separates them, {@link #tokenEnd} says where each ends. */
    private void tokens(int[] cps, Ranges out) {
        int i = 0;
        while (i < cps.length) {
            if (Chars.separates(cps[i])) {
                i++;
                continue;
            }
            int end = tokenEnd(cps, i);
            out.add(i, end);
            i = end;
        }
    }

    /** The end of the token starting at {@code start}, a code point that is no separator; after {@code start}. */
    abstract int tokenEnd(int[] cps, int start);

    /**
     * The end of the character that starts before {@code i}: past combining marks, skin tones,
     * joiners and the code point each zero width joiner joins (an emoji family is one character).
     */
    static int extend(int[] cps, int i) {
        while (i < cps.length) {
            int c = cps[i];
            if (c == Chars.ZWJ && i + 1 < cps.length && !Chars.separates(cps[i + 1])) {
                i += 2;
            } else if (Chars.extendsPrevious(c)) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    /** The end of the single character (with its marks, or a two-letter flag) starting at {@code i}. */
    static int character(int[] cps, int i) {
        if (Chars.regionalIndicator(cps[i]) && i + 1 < cps.length && Chars.regionalIndicator(cps[i + 1])) {
            return extend(cps, i + 2);
        }
        return extend(cps, i + 1);
    }
}
