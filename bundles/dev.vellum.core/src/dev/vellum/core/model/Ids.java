package dev.vellum.core.model;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifier rules. Ids are used as file names and in URLs, so they are restricted to letters,
 * digits, '.', '_' and '-', start with a letter or digit, and are at most 128 characters.
 */
public final class Ids {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Ids() {
    }

    /** Whether {@code id} follows the rules. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
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
