package dev.vellum.modality.preference.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading the pieces preference payloads share, with messages naming type and field. */
final class Payloads {
    private Payloads() {
    }

    static Map<String, Object> require(String type, Map<String, Object> p) {
        if (p == null) {
            throw new PayloadException(type + ": the payload is missing");
        }
        return p;
    }

    /** A non-empty string field. */
    static String id(String type, Map<String, Object> p, String field) {
        if (!(p.get(field) instanceof String s) || s.isEmpty()) {
            throw new PayloadException(type + ": '" + field + "' must name a response, found " + p.get(field));
        }
        return s;
    }

    /** A whole number, or null when absent. */
    static Integer whole(String type, String field, Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw new PayloadException(type + ": '" + field + "' must be a whole number, found " + v);
        }
        return n.intValue();
    }

    /** The optional {@code order}: distinct response ids, empty when absent. */
    static List<String> order(String type, Object v) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new PayloadException(type + ": 'order' must be a list of response ids, found " + v);
        }
        List<String> out = new ArrayList<>(l.size());
        Set<String> seen = new HashSet<>();
        for (Object o : l) {
            if (!(o instanceof String s) || s.isEmpty()) {
                throw new PayloadException(type + ": 'order' must be a list of response ids, found " + o);
            }
            if (!seen.add(s)) {
                throw new PayloadException(type + ": 'order' names '" + s + "' twice");
            }
            out.add(s);
        }
        return out;
    }

    static List<String> checkedOrder(String type, List<String> order) {
        if (order == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (String s : order) {
            if (s == null || s.isEmpty()) {
                throw new PayloadException(type + ": 'order' must be a list of response ids");
            }
            if (!seen.add(s)) {
                throw new PayloadException(type + ": 'order' names '" + s + "' twice");
            }
        }
        return List.copyOf(order);
    }
}
