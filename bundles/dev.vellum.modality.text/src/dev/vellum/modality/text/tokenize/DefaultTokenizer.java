package dev.vellum.modality.text.tokenize;

/**
 * The default tokenizer: white space separates tokens, and punctuation is split off words, with
 * these rules (each decided on code points, so they hold for every script):
 * <ul>
 * <li>A word is a run of letters, digits, combining marks and {@code _}. It ends where the script
 * changes ({@code Googleで} is two tokens), but digits and marks shared by scripts continue it.</li>
 * <li>Inside a word stay: an apostrophe between letters ({@code don't}, {@code O’Brien},
 * {@code l'homme}; Hebrew geresh and gershayim, {@code צה״ל}); a hyphen between letters or digits
 * ({@code state-of-the-art}, {@code COVID-19}; the Hebrew maqaf); {@code . , : /} between digits
 * ({@code 3.5}, {@code 1,000}, {@code 10:30}, {@code 3/4}; the Arabic decimal and thousands
 * separators); the full stops of single-letter abbreviations ({@code U.S.}, {@code e.g.},
 * {@code U.S.A.}, the final full stop included).</li>
 * <li>Chinese characters (Han ideographs, also in Japanese and Korean text) are one token each;
 * kana and Hangul runs are words.</li>
 * <li>Any other punctuation mark or symbol is a token of its own, except that a run of one
 * repeated punctuation mark stays together ({@code ...}, {@code --}, {@code !!}). An emoji is one
 * token with its skin tone, variation selector and zero-width-joined family members; two regional
 * indicators make one flag.</li>
 * <li>Invisible direction marks, the byte order mark and zero width spaces separate tokens like
 * white space and belong to none.</li>
 * </ul>
 * Not handled: clitics are not split ({@code don't} is one token, not {@code do n't}), URLs and
 * e-mail addresses are split at their punctuation, and scripts written without spaces other than
 * Chinese (Thai, Lao, Khmer, Myanmar) come out as one token per space-separated run; use
 * {@link CharacterTokenizer} for those.
 */
public final class DefaultTokenizer extends CodePointTokenizer {
    /** The project setting's kind. */
    public static final String KIND = "default";

    /** The default tokenizer with sentences found in the text. */
    public DefaultTokenizer() {
        this(SentenceMode.TEXT);
    }

    /** @param sentences where sentences end */
    public DefaultTokenizer(SentenceMode sentences) {
        super(sentences);
    }

    @Override
    int tokenEnd(int[] cps, int i) {
        int c = cps[i];
        if (Chars.ideograph(c)) {
            return extend(cps, i + 1);
        }
        if (Chars.wordChar(c)) {
            return word(cps, i);
        }
        if (repeatable(c)) {
            int j = i + 1;
            while (j < cps.length && cps[j] == c) {
                j++;
            }
            return extend(cps, j);
        }
        return character(cps, i);
    }

    /** The end of the word starting at {@code i} (a word character). */
    private static int word(int[] cps, int i) {
        int n = cps.length;
        Character.UnicodeScript script = Chars.script(cps[i]);
        int last = cps[i]; // the last code point that was not a mark
        int segment = 1; // word characters since the start or the last abbreviation full stop
        boolean abbreviation = Chars.letter(cps[i]); // every segment so far one letter
        int dots = 0;
        int j = i + 1;
        while (j < n) {
            int c = cps[j];
            if (c == Chars.ZWJ || Chars.extendsPrevious(c)) {
                j = extend(cps, j);
                continue;
            }
            if (Chars.wordChar(c)) {
                if (Chars.ideograph(c)) {
                    break;
                }
                Character.UnicodeScript s = Chars.script(c);
                if (s != null) {
                    if (script != null && s != script) {
                        break;
                    }
                    script = s;
                }
                segment++;
                abbreviation &= segment == 1 && Chars.letter(c);
                last = c;
                j++;
                continue;
            }
            int next = j + 1 < n ? cps[j + 1] : -1;
            if (c == '.' && abbreviation && segment == 1) {
                if (next >= 0 && Chars.letter(next) && !Chars.ideograph(next)) {
                    dots++;
                    segment = 0;
                    j++;
                    continue;
                }
                if (dots > 0) {
                    return extend(cps, j + 1); // the final full stop of U.S.
                }
                break;
            }
            boolean joins = Chars.apostrophe(c) && Chars.letter(last) && next >= 0 && Chars.letter(next)
                    || Chars.hyphen(c) && Chars.wordChar(last) && next >= 0 && Chars.wordChar(next)
                    || Chars.numberSeparator(c) && Chars.digit(last) && next >= 0 && Chars.digit(next);
            if (!joins || Chars.ideograph(next)) {
                break;
            }
            abbreviation = false;
            last = c;
            j++;
        }
        return j;
    }

    /** Punctuation kept together when repeated: {@code ...}, {@code --}, {@code !!}, {@code ??}. */
    private static boolean repeatable(int c) {
        if (c < 0x80) {
            return c == '.' || c == '-' || c == '!' || c == '?' || c == '*' || c == '=' || c == '~';
        }
        int t = Character.getType(c);
        return t == Character.OTHER_PUNCTUATION || t == Character.DASH_PUNCTUATION;
    }
}
