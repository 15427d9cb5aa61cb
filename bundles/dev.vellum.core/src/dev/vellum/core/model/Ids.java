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

    /** A fresh random id. */
    public static String random() {
        return UUID.randomUUID().toString();
    }
}
