package dev.vellum.store.folder.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of the value at a parser's current token, each failing with a {@link FormatProblem}
 * that names the JSON path, the line and what was found instead.
 */
final class Fields {
    private Fields() {
    }

    /** A string, or null for JSON null. */
    static String string(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw FormatProblem.at(p, path, "expected a string, found " + describe(t));
    }

    /** An integer that fits an int; {@code orElse} for JSON null. */
    static int integer(JsonParser p, String path, int orElse) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return orElse;
        }
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        throw FormatProblem.at(p, path, "expected a whole number, found " + describe(t)
                + (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT ? " " + p.getText() : ""));
    }

    /** A boolean; {@code orElse} for JSON null. */
    static boolean bool(JsonParser p, String path, boolean orElse) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> orElse;
            default -> throw FormatProblem.at(p, path, "expected true or false, found " + describe(t));
        };
    }

    /** A JSON object as a JSON-shaped tree; empty for JSON null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (t != JsonToken.START_OBJECT) {
            throw FormatProblem.at(p, path, "expected an object, found " + describe(t));
        }
        return (Map<String, Object>) JsonValues.readValue(p);
    }

    /** Checks that the value is a JSON object (or null) and skips it: for reads that need no content. */
    static Map<String, Object> skipObject(JsonParser p, String path) throws IOException {
        if (startObject(p, path)) {
            p.skipChildren();
        }
        return Map.of();
    }

    /** An array of strings; empty for JSON null. */
    static List<String> strings(JsonParser p, String path) throws IOException {
        List<String> out = new ArrayList<>();
        if (!startArray(p, path)) {
            return out;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String s = string(p, path + "[" + out.size() + "]");
            if (s == null) {
                throw FormatProblem.at(p, path + "[" + out.size() + "]", "expected a string, found null");
            }
            out.add(s);
        }
        return out;
    }

    /** An ISO-8601 time, e.g. {@code 2025-03-01T10:15:30Z}; null for JSON null. */
    static Instant instant(JsonParser p, String path) throws IOException {
        String s = string(p, path);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw FormatProblem.at(p, path, "'" + s + "' is not an ISO-8601 time such as 2025-03-01T10:15:30Z");
            }
        }
    }

    /**
     * Checks that the current token starts an object.
     *
     * @return false for JSON null (absent)
     */
    static boolean startObject(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        if (t != JsonToken.START_OBJECT) {
            throw FormatProblem.at(p, path, "expected an object, found " + describe(t));
        }
        return true;
    }

    /**
     * Checks that the current token starts an array.
     *
     * @return false for JSON null (absent)
     */
    static boolean startArray(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        if (t != JsonToken.START_ARRAY) {
            throw FormatProblem.at(p, path, "expected an array, found " + describe(t));
        }
        return true;
    }

    /** Words for a token: "a string", "an array"... */
    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    /** A problem for a required field that is absent or null. */
    static FormatProblem missing(com.fasterxml.jackson.core.JsonLocation objectStart, String path, String field) {
        return FormatProblem.at(objectStart, path, "missing required field \"" + field + "\"");
    }

    /** Joins a parent path and a child key. */
    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
