package dev.vellum.core.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable copies of JSON-shaped trees: maps with string keys, lists, strings, numbers,
 * booleans and null. Payloads, attributes and metadata are such trees.
 */
public final class JsonTrees {
    private JsonTrees() {
    }

    /**
     * An unmodifiable deep copy of {@code map} that keeps key order; null becomes an empty map.
     *
     * @throws IllegalArgumentException when a value is not JSON-shaped
     */
    public static Map<String, Object> copy(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<String, ?> e : map.entrySet()) {
            out.put(e.getKey(), copyValue(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** An unmodifiable deep copy of one JSON-shaped value. */
    public static Object copyValue(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Double || v instanceof Float || v instanceof BigDecimal || v instanceof BigInteger
                || v instanceof Short || v instanceof Byte) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 2));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, found " + e.getKey());
                }
                out.put(k, copyValue(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(copyValue(o));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
}
