package dev.vellum.modality.text.io;

import java.util.List;

/**
 * Entity tags per token, as the token formats (CoNLL-2003, CoNLL-U, spaCy) write them: reading any
 * scheme into spans, telling which scheme a file follows, and writing spans in a given scheme.
 * Package-private: the formats' own classes are the API.
 */
final class Tags {
    private Tags() {
    }

    /** Whether {@code tag} reads as an entity tag: {@code O}, or a B/I/E/L/S/U prefix, '-' and a label. */
    static boolean isTag(String tag) {
        if (tag.equals("O")) {
            return true;
        }
        return tag.length() > 2 && tag.charAt(1) == '-' && "BIELSU".indexOf(tag.charAt(0)) >= 0;
    }

    /**
     * Decodes one sentence's tags into spans over token indexes {@code [first, last]} (inclusive),
     * whatever the scheme: IOB1 (an entity starts with I- unless it follows one of the same type),
     * IOB2, BIOES/BILUO, and plain labels (IO: consecutive equal labels form one entity). {@code O},
     * {@code -}, {@code _} and empty tags are outside. An I- or E- tag that does not continue an
     * entity of its type starts one, so broken sequences still give spans.
     *
     * @param offset index of the sentence's first token in the document
     */
    static void decode(List<String> tags, int offset, ImportedDocument doc) {
        int open = -1;
        String openLabel = null;
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i);
            char p;
            String label;
            if (t == null || t.isEmpty() || t.equals("O") || t.equals("-") || t.equals("_")) {
                p = 'O';
                label = null;
            } else if (t.length() > 2 && t.charAt(1) == '-' && "BIELSU".indexOf(t.charAt(0)) >= 0) {
                p = t.charAt(0);
                label = t.substring(2);
            } else {
                p = 'I';
                label = t;
            }
            boolean continues = open >= 0 && label != null && label.equals(openLabel);
            switch (p) {
                case 'O' -> {
                    if (open >= 0) {
                        doc.spanOverTokens(offset + open, offset + i - 1, openLabel);
                    }
                    open = -1;
                }
                case 'B', 'S', 'U' -> {
                    if (open >= 0) {
                        doc.spanOverTokens(offset + open, offset + i - 1, openLabel);
                    }
                    open = i;
                    openLabel = label;
                }
                default -> { // I, E, L
                    if (!continues) {
                        if (open >= 0) {
                            doc.spanOverTokens(offset + open, offset + i - 1, openLabel);
                        }
                        open = i;
                        openLabel = label;
                    }
                }
            }
            if (p == 'S' || p == 'U' || p == 'E' || p == 'L') {
                doc.spanOverTokens(offset + open, offset + i, openLabel);
                open = -1;
            }
        }
        if (open >= 0) {
            doc.spanOverTokens(offset + open, offset + tags.size() - 1, openLabel);
        }
    }

    /**
     * The scheme a file's tags follow: BIOES when an E-, L-, S- or U- tag occurs, IOB1 when an I- tag
     * starts an entity (after O, another type or at a sentence start), else IOB2.
     */
    static TagScheme detect(List<List<String>> sentences) {
        boolean iob1 = false;
        for (List<String> tags : sentences) {
            String prev = "O";
            for (String t : tags) {
                if (t.length() > 2 && t.charAt(1) == '-') {
                    char p = t.charAt(0);
                    if (p == 'E' || p == 'L' || p == 'S' || p == 'U') {
                        return TagScheme.BIOES;
                    }
                    if (p == 'I' && !(prev.length() > 2 && prev.substring(2).equals(t.substring(2)))) {
                        iob1 = true;
                    }
                }
                prev = t;
            }
        }
        return iob1 ? TagScheme.IOB1 : TagScheme.IOB2;
    }

    /**
     * Encodes entities over tokens: {@code label[i]} is the entity label of token i or null, and
     * {@code begins[i]} whether an entity starts there.
     */
    static String[] encode(String[] label, boolean[] begins, int from, int to, TagScheme scheme, boolean biluo) {
        String[] out = new String[to - from];
        for (int i = from; i < to; i++) {
            if (label[i] == null) {
                out[i - from] = "O";
                continue;
            }
            boolean first = begins[i];
            boolean last = i + 1 >= to || begins[i + 1] || !label[i].equals(label[i + 1]);
            String p = switch (scheme) {
                case IOB2 -> first ? "B" : "I";
                // IOB1 marks B only where an entity follows one of the same type directly
                case IOB1 -> first && i > from && label[i].equals(label[i - 1]) ? "B" : "I";
                case BIOES -> first && last ? (biluo ? "U" : "S") : first ? "B" : last ? (biluo ? "L" : "E") : "I";
            };
            out[i - from] = p + "-" + label[i];
        }
        return out;
    }
}
