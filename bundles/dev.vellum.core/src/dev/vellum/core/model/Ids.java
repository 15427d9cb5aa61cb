package dev.vellum.core.model;

import java.util.UUID;

/**
 * Identifier rules. Ids are used as file names and in URLs, so they are restricted to letters,
 * digits, '.', '_' and '-', start with a letter or digit, and are at most 128 characters.
 */
public final class Ids {
    private Ids() {
    }

    /** Whether {@code id} follows the rules. */
    public static boolean isValid(String id) {
        // The same rule as VALID, checked by hand: ids are checked for every annotation read or
        // imported, and the matcher was a visible part of importing millions.
        if (id == null || id.isEmpty() || id.length() > 128 || !letterOrDigit(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!letterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /**
     * Returns {@code id} when valid.
     *
     * @throws IllegalArgumentException naming {@code what} and the bad value
     */
    public static String requireValid(String id, String what) {
        if (!isValid(id)) {
            throw new IllegalArgumentException(what + " '" + id + "' is not valid: use letters, digits, '.', '_' or '-' (at most 128)");
        }
        return id;
    }

    /**
     * A valid id made from any name (a file name, a document id of another tool): ASCII letters,
     * digits, '.', '_' and '-' kept, every other character '_', leading punctuation dropped, at most
     * 100 characters (the end kept, where numbers tell names apart); {@code fallback} when nothing
     * usable is left.
     */
    public static String from(String name, String fallback) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? c : '_');
        }
        String id = stripLeadingPunctuation(b.toString());
        if (id.length() > 100) {
            id = stripLeadingPunctuation(id.substring(id.length() - 100));
        }
        return isValid(id) ? id : fallback;
    }

    private static String stripLeadingPunctuation(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == '_' || s.charAt(i) == '-')) {
            i++;
        }
        return s.substring(i);
    }

    /** A fresh random id. */
    public static String random() {
        return UUID.randomUUID().toString();
    }
}
