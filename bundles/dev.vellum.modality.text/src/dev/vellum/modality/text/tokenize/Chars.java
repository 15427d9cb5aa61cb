package dev.vellum.modality.text.tokenize;

/** How the tokenizers classify one code point. */
final class Chars {
    static final int ZWJ = 0x200D;

    private Chars() {
    }

    /**
     * Whether the code point separates tokens and belongs to none: white space of any kind
     * (including no-break spaces), and the invisible marks that only steer display or encoding
     * (byte order mark, zero width space, bidirectional controls), so that a span snapped to a
     * word in right-to-left text does not swallow a stray direction mark.
     */
    static boolean separates(int cp) {
        if (cp <= 0x20) {
            return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x1C || cp == 0x1D
                    || cp == 0x1E || cp == 0x1F;
        }
        if (cp < 0x85) {
            return false;
        }
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85 || cp == 0xFEFF || cp == 0x200B
                || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C;
    }

    /**
     * Whether the code point belongs to the character before it rather than starting one: combining
     * marks (accents, Arabic and Hebrew vowel points, Indic vowel signs, variation selectors, the
     * keycap), emoji skin tones, zero width (non-)joiners and other invisible format characters
     * such as the soft hyphen and emoji tag characters.
     */
    static boolean extendsPrevious(int cp) {
        if (cp < 0x300) {
            return cp == 0xAD;
        }
        if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK
                || t == Character.FORMAT && !separates(cp);
    }

    /** Whether the code point is one of a pair of regional indicators (a flag). */
    static boolean regionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /** Letters, digits and the connector underscore: what words are made of. */
    static boolean wordChar(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '_';
        }
        int t = Character.getType(cp);
        return t == Character.UPPERCASE_LETTER || t == Character.LOWERCASE_LETTER || t == Character.TITLECASE_LETTER
                || t == Character.MODIFIER_LETTER || t == Character.OTHER_LETTER || t == Character.DECIMAL_DIGIT_NUMBER
                || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER || t == Character.CONNECTOR_PUNCTUATION;
    }

    static boolean letter(int cp) {
        return cp < 0x80 ? cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' : Character.isLetter(cp);
    }

    static boolean digit(int cp) {
        return cp < 0x80 ? cp >= '0' && cp <= '9' : Character.isDigit(cp);
    }

    /** Characters written one per word: Chinese characters (also in Japanese and Korean). */
    static boolean ideograph(int cp) {
        return cp >= 0x2E80 && Character.isIdeographic(cp);
    }

    /**
     * The script a word run must not leave without a break, or null when the code point is shared
     * by scripts (digits, the Japanese long vowel mark) and so continues any run.
     */
    static Character.UnicodeScript script(int cp) {
        if (cp < 0x80) {
            return cp >= '0' && cp <= '9' || cp == '_' ? null : Character.UnicodeScript.LATIN;
        }
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.COMMON || s == Character.UnicodeScript.INHERITED || s == Character.UnicodeScript.UNKNOWN ? null : s;
    }

    /** Apostrophes that join letters: {@code don't}, {@code O’Brien}, Hebrew geresh and gershayim ({@code צה״ל}). */
    static boolean apostrophe(int cp) {
        return cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == 0x05F3 || cp == 0x05F4;
    }

    /** Hyphens that join words and numbers: {@code state-of-the-art}, {@code COVID-19}, the Hebrew maqaf. */
    static boolean hyphen(int cp) {
        return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x05BE;
    }

    /** Separators inside numbers: {@code 3.5}, {@code 1,000}, {@code 10:30}, {@code 3/4}, Arabic decimal and thousands signs. */
    static boolean numberSeparator(int cp) {
        return cp == '.' || cp == ',' || cp == ':' || cp == '/' || cp == 0x066B || cp == 0x066C;
    }
}
