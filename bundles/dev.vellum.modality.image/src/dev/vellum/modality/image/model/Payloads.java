package dev.vellum.modality.image.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading JSON-shaped payload trees with messages that name the type and the field. */
final class Payloads {
    private Payloads() {
    }

    static double number(Map<String, Object> p, String type, String key) {
        Object v = p == null ? null : p.get(key);
        if (!(v instanceof Number n)) {
            throw new PayloadException(type + ": '" + key + "' must be a number" + (v == null ? " and is missing" : ", found " + v));
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new PayloadException(type + ": '" + key + "' must be finite");
        }
        return d;
    }

    static List<Double> numbers(Object v, String type, String key) {
        if (!(v instanceof List<?> l)) {
            throw new PayloadException(type + ": '" + key + "' must be a list of numbers" + (v == null ? " and is missing" : ""));
        }
        List<Double> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new PayloadException(type + ": '" + key + "' item " + i + " must be a number, found " + l.get(i));
            }
            out.add(n.doubleValue());
        }
        return List.copyOf(out);
    }

    static String string(Map<String, Object> p, String key) {
        Object v = p == null ? null : p.get(key);
        return v instanceof String s ? s : "";
    }

    static Map<String, Object> requireMap(Map<String, Object> p, String type) {
        if (p == null) {
            throw new PayloadException(type + ": the payload is missing");
        }
        return p;
    }
}
