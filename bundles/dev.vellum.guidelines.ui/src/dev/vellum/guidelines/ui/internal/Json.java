package dev.vellum.guidelines.ui.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON-shaped data (maps, lists, strings, numbers, booleans, null) as text people read. */
public final class Json {
    private Json() {
    }

    /** Indented JSON, two spaces a level, keys in their order. */
    public static String pretty(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0);
        return b.toString();
    }

    /** One-line JSON: {@code {"x": 3, "y": 4}}. */
    public static String compact(Object value) {
        if (value instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ", ").append(quote(String.valueOf(e.getKey()))).append(": ").append(compact(e.getValue()));
                first = false;
            }
            return b.append('}').toString();
        }
        if (value instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(compact(l.get(i)));
            }
            return b.append(']').toString();
        }
        return scalar(value);
    }

    /**
     * The leaves of a tree by path ({@code payload.x}, {@code points[2]}), each as compact JSON; an
     * empty map or list is a leaf of its own.
     */
    public static Map<String, String> flatten(Map<String, Object> tree) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tree != null) {
            flatten("", tree, out);
        }
        return out;
    }

    private static void flatten(String path, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (value instanceof List<?> l && !l.isEmpty() && l.stream().anyMatch(x -> x instanceof Map || x instanceof List)) {
            for (int i = 0; i < l.size(); i++) {
                flatten(path + "[" + i + "]", l.get(i), out);
            }
        } else {
            out.put(path, compact(value));
        }
    }

    private static void write(StringBuilder b, Object value, int depth) {
        if (value instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                indent(b, depth + 1);
                b.append(quote(String.valueOf(e.getKey()))).append(": ");
                write(b, e.getValue(), depth + 1);
                b.append(++i < m.size() ? ",\n" : "\n");
            }
            indent(b, depth);
            b.append('}');
        } else if (value instanceof List<?> l) {
            if (l.isEmpty()) {
                b.append("[]");
                return;
            }
            if (l.stream().noneMatch(x -> x instanceof Map || x instanceof List)) {
                b.append(compact(l));
                return;
            }
            b.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                indent(b, depth + 1);
                write(b, l.get(i), depth + 1);
                b.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            indent(b, depth);
            b.append(']');
        } else {
            b.append(scalar(value));
        }
    }

    private static void indent(StringBuilder b, int depth) {
        b.append("  ".repeat(depth));
    }

    private static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        return String.valueOf(value);
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }
}
