package dev.vellum.store.folder.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fields of an item file that this version of Vellum does not know (written by a newer plugin or
 * Vellum), kept per object so that saving the item writes them back where they were. The model has
 * no place for them, so the store holds them beside the item.
 */
public final class ItemExtras {
    private Map<String, Object> item;
    private final Map<String, Map<String, Object>> assets = new HashMap<>();
    private final Map<String, Map<String, Object>> sets = new HashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> annotations = new HashMap<>();

    /** Unknown fields of the item object itself, in file order; empty if none. */
    public Map<String, Object> item() {
        return item == null ? Map.of() : item;
    }

    /** Unknown fields of the asset with that uri. */
    public Map<String, Object> asset(String uri) {
        return assets.getOrDefault(uri, Map.of());
    }

    /** Unknown fields of the annotation set of {@code annotator}. */
    public Map<String, Object> set(String annotator) {
        return sets.getOrDefault(annotator, Map.of());
    }

    /** Unknown fields of annotation {@code id} in the set of {@code annotator}. */
    public Map<String, Object> annotation(String annotator, String id) {
        Map<String, Map<String, Object>> bySet = annotations.get(annotator);
        return bySet == null ? Map.of() : bySet.getOrDefault(id, Map.of());
    }

    /** Unknown fields of the annotations of {@code annotator}'s set, by annotation id; null when none has any. */
    Map<String, Map<String, Object>> annotations(String annotator) {
        return annotations.get(annotator);
    }

    /** Whether no object had unknown fields. */
    public boolean isEmpty() {
        return item == null && assets.isEmpty() && sets.isEmpty() && annotations.isEmpty();
    }

    void putItem(String key, Object value) {
        if (item == null) {
            item = new LinkedHashMap<>();
        }
        item.put(key, value);
    }

    void putAsset(String uri, Map<String, Object> fields) {
        if (!fields.isEmpty()) {
            assets.put(uri, fields);
        }
    }

    void putSet(String annotator, Map<String, Object> fields) {
        if (!fields.isEmpty()) {
            sets.put(annotator, fields);
        }
    }

    void putAnnotations(String annotator, Map<String, Map<String, Object>> byId) {
        if (!byId.isEmpty()) {
            annotations.put(annotator, byId);
        }
    }
}
