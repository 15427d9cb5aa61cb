package dev.vellum.core.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Deep, immutable copies of JSON-shaped trees: maps with string keys, lists, strings, numbers,
 * booleans and null. Payloads, attributes and metadata are such trees.
 */
public final class JsonTrees {
    private JsonTrees() {
    }

    /**
     * An unmodifiable deep copy of {@code map}. Key order is kept when the source has one (a
     * {@link SequencedMap}, e.g. a sorted map, such as what a JSON reader or a previous copy
     * produced); otherwise keys are sorted, so the same content always serializes the same way.
     * Null becomes an empty map. Numbers are normalized as {@link #copyValue} says.
     *
     * @throws IllegalArgumentException when a value is not JSON-shaped
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> copy(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        if (map instanceof Frozen<?, ?>) {
            // already a copy made here: immutable all the way down, so it can be shared
            return (Map<String, Object>) map;
        }
        return copyMap(map);
    }

    /**
     * An unmodifiable deep copy of one JSON-shaped value. Numbers are normalized so that a value
     * reads back equal after a save: whole numbers become {@link Integer} or {@link Long} by size
     * (or stay {@link BigInteger} beyond), fractional ones {@link BigDecimal}.
     *
     * @throws IllegalArgumentException for values JSON cannot hold (NaN, infinities, other types)
     */
    public static Object copyValue(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number n) {
            return number(n);
        }
        if (v instanceof Frozen<?, ?>) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            return copyMap(m);
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

    private static Map<String, Object> copyMap(Map<?, ?> source) {
        for (Object k : source.keySet()) {
            if (!(k instanceof String)) {
                throw new IllegalArgumentException("JSON object keys must be strings, found " + k);
            }
        }
        Map<?, ?> m = source instanceof SequencedMap<?, ?> ? source : new TreeMap<>(source);
        LinkedHashMap<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 2));
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put((String) e.getKey(), copyValue(e.getValue()));
        }
        return new Frozen<>(Collections.unmodifiableSequencedMap(out));
    }

    /**
     * What {@link #copy} returns: an unmodifiable map whose values are copies too, marked so that
     * copying it again (every model record copies what it is given) shares it instead. Importers
     * that give one attribute map to many annotations then hold it once.
     */
    private static final class Frozen<K, V> extends AbstractMap<K, V> implements SequencedMap<K, V> {
        private final SequencedMap<K, V> view;

        Frozen(SequencedMap<K, V> view) {
            this.view = view;
        }

        @Override
        public Set<Map.Entry<K, V>> entrySet() {
            return view.entrySet();
        }

        @Override
        public int size() {
            return view.size();
        }

        @Override
        public V get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public SequencedMap<K, V> reversed() {
            return view.reversed();
        }
    }

    private static Object number(Number n) {
        if (n instanceof Integer) {
            return n;
        }
        if (n instanceof Long || n instanceof Short || n instanceof Byte) {
            long l = n.longValue();
            if (l == (int) l) {
                return Integer.valueOf((int) l);
            }
            return Long.valueOf(l);
        }
        if (n instanceof BigInteger b) {
            return b.bitLength() < 64 ? number(b.longValue()) : b;
        }
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON cannot hold the number " + n);
            }
            return n instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(d);
        }
        throw new IllegalArgumentException("not a JSON number: " + n.getClass().getName());
    }
}
