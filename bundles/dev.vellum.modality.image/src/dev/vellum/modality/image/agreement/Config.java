package dev.vellum.modality.image.agreement;

import java.util.Map;

/** Reading component properties, which Configuration Admin may give as strings. */
final class Config {
    private Config() {
    }

    static double number(Map<String, Object> properties, String key, double fallback) {
        Object v = properties == null ? null : properties.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("component property " + key + " must be a number, found '" + s + "'", e);
            }
        }
        return fallback;
    }

    static boolean flag(Map<String, Object> properties, String key, boolean fallback) {
        Object v = properties == null ? null : properties.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        return v instanceof String s && !s.isBlank() ? Boolean.parseBoolean(s.trim()) : fallback;
    }
}
