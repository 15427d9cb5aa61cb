package dev.vellum.modality.text.io;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How spaCy turns strings into the 64-bit ids a DocBin stores: a string of spaCy's symbol table
 * (attribute names, coarse POS tags, the OntoNotes entity types, English dependency labels) is its
 * symbol number, every other string the 64-bit MurmurHash2 (MurmurHash64A, seed 1) of its UTF-8
 * bytes; the empty string is 0. The symbol numbers follow spaCy v3's {@code symbols.pxd}; a DocBin
 * written by spaCy (PERSON = 380, ORTH = 65, ENT_IOB = 77, ENT_TYPE = 78) confirms them. The
 * morphological feature symbols (103..379) are left out: they are neither words nor entity labels,
 * so such a string is hashed here, and spaCy would store its symbol instead.
 */
final class SpacyStrings {
    private SpacyStrings() {
    }

    /** Attribute ids (they are symbols too). */
    static final int ORTH = 65;
    static final int ENT_IOB = 77;
    static final int ENT_TYPE = 78;
    static final int SENT_START = 80;

    private static final String[] LOW = {"", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER",
            "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL", "IS_STOP", "IS_OOV", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT",
            "IS_CURRENCY"};

    private static final String[] ATTRS = {"ID", "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "CLUSTER", "LEMMA", "POS",
            "TAG", "DEP", "ENT_IOB", "ENT_TYPE", "HEAD", "SENT_START", "SPACY", "PROB", "ADJ", "ADP", "ADV", "AUX", "CONJ", "CCONJ", "DET",
            "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "EOL", "SPACE"};

    /** From symbol 380 on: entity types, then dependency labels. */
    private static final String[] HIGH = {"PERSON", "NORP", "FACILITY", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LANGUAGE",
            "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr",
            "aux", "auxpass", "cc", "ccomp", "complm", "conj", "cop", "csubj", "csubjpass", "dep", "det", "dobj", "expl", "hmod", "hyph",
            "infmod", "intj", "iobj", "mark", "meta", "neg", "nmod", "nn", "npadvmod", "nsubj", "nsubjpass", "num", "number", "oprd", "obj",
            "obl", "parataxis", "partmod", "pcomp", "pobj", "poss", "possessive", "preconj", "prep", "prt", "punct", "quantmod", "rcmod",
            "root", "xcomp", "acl", "LAW"};

    private static final Map<String, Integer> SYMBOLS = new HashMap<>();

    static {
        for (int i = 0; i < LOW.length; i++) {
            SYMBOLS.put(LOW[i], i);
        }
        for (int i = 19; i <= 63; i++) {
            SYMBOLS.put("FLAG" + i, i);
        }
        for (int i = 0; i < ATTRS.length; i++) {
            SYMBOLS.put(ATTRS[i], 64 + i);
        }
        for (int i = 0; i < HIGH.length; i++) {
            SYMBOLS.put(HIGH[i], 380 + i);
        }
    }

    /** The id spaCy stores for {@code s}. */
    static long key(String s) {
        Integer symbol = SYMBOLS.get(s);
        return symbol != null ? symbol : murmur64a(s.getBytes(StandardCharsets.UTF_8), 1);
    }

    /** MurmurHash64A (Austin Appleby's 64-bit MurmurHash2 for 64-bit platforms), little-endian blocks. */
    static long murmur64a(byte[] data, long seed) {
        final long m = 0xc6a4a7935bd1e995L;
        final int r = 47;
        int len = data.length;
        long h = seed ^ (len * m);
        int blocks = len / 8;
        for (int i = 0; i < blocks; i++) {
            int o = i * 8;
            long k = (data[o] & 0xffL) | (data[o + 1] & 0xffL) << 8 | (data[o + 2] & 0xffL) << 16 | (data[o + 3] & 0xffL) << 24
                    | (data[o + 4] & 0xffL) << 32 | (data[o + 5] & 0xffL) << 40 | (data[o + 6] & 0xffL) << 48 | (data[o + 7] & 0xffL) << 56;
            k *= m;
            k ^= k >>> r;
            k *= m;
            h ^= k;
            h *= m;
        }
        int tail = blocks * 8;
        int rest = len & 7;
        if (rest > 0) {
            for (int i = rest - 1; i >= 0; i--) {
                h ^= (data[tail + i] & 0xffL) << (8 * i);
            }
            h *= m;
        }
        h ^= h >>> r;
        h *= m;
        h ^= h >>> r;
        return h;
    }
}
