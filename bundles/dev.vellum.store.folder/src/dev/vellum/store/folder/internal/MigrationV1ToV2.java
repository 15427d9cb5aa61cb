package dev.vellum.store.folder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Format 1 to 2. Format 1 (Vellum 0.0.x) differed in this way:
 * <ul>
 * <li>manifest: {@code "version"} instead of {@code "formatVersion"}; {@code annotatorsPerItem} and
 * {@code reviewStages} at the top level instead of in {@code "workflow"}; label classes as one flat
 * list {@code "labels": [{"modality", "name", "color"}]} without hotkeys or attributes;</li>
 * <li>items: no {@code "formatVersion"}; annotation sets as an object keyed by annotator,
 * {@code "annotations": {"alice": {"state": "SUBMITTED", ..., "items": [...]}}}, with upper-case
 * state and provenance names.</li>
 * </ul>
 */
final class MigrationV1ToV2 implements FormatMigration {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public int fromVersion() {
        return 1;
    }

    @Override
    public void migrateManifest(ObjectNode m) {
        m.remove("version");
        ObjectNode workflow = m.has("workflow") && m.get("workflow").isObject() ? (ObjectNode) m.get("workflow") : NODES.objectNode();
        moveInto(m, "annotatorsPerItem", workflow);
        moveInto(m, "reviewStages", workflow);
        if (!workflow.isEmpty()) {
            m.set("workflow", workflow);
        }
        JsonNode labels = m.remove("labels");
        if (labels != null && !labels.isNull()) {
            if (!labels.isArray()) {
                throw new FormatProblem("labels: expected an array of {modality, name, color} (format 1), found " + JsonValues.describe(labels));
            }
            Map<String, ArrayNode> byModality = new LinkedHashMap<>();
            for (int i = 0; i < labels.size(); i++) {
                JsonNode l = labels.get(i);
                if (!l.isObject() || !l.path("modality").isTextual()) {
                    throw new FormatProblem("labels[" + i + "]: expected an object with a \"modality\" (format 1)");
                }
                ObjectNode c = NODES.objectNode();
                c.set("name", l.get("name"));
                c.set("color", l.get("color"));
                c.put("hotkey", "");
                c.putArray("attributes");
                byModality.computeIfAbsent(l.get("modality").asText(), k -> NODES.arrayNode()).add(c);
            }
            ObjectNode schemas = m.putObject("labelSchemas");
            byModality.forEach((modality, classes) -> schemas.putObject(modality).set("classes", classes));
        }
        m.put("formatVersion", 2);
    }

    @Override
    public void migrateItem(ObjectNode item) {
        if (item.has("annotationSets")) {
            // Format 1 had no "annotationSets"; reading such a file as format 1 would drop its work.
            throw new FormatProblem("has \"annotationSets\" (format 2) but no \"formatVersion\": add \"formatVersion\": 2");
        }
        JsonNode old = item.remove("annotations");
        ArrayNode sets = NODES.arrayNode();
        if (old != null && !old.isNull()) {
            if (!old.isObject()) {
                throw new FormatProblem("annotations: expected an object of annotation sets by annotator (format 1), found "
                        + JsonValues.describe(old));
            }
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(old.properties());
            for (Map.Entry<String, JsonNode> e : entries) {
                if (!e.getValue().isObject()) {
                    throw new FormatProblem("annotations." + e.getKey() + ": expected an annotation set object (format 1)");
                }
                ObjectNode oldSet = (ObjectNode) e.getValue();
                ObjectNode set = NODES.objectNode();
                set.put("annotator", e.getKey());
                set.set("state", lowerCase(oldSet.remove("state")));
                JsonNode annotations = oldSet.remove("items");
                if (annotations != null && annotations.isArray()) {
                    for (JsonNode a : annotations) {
                        if (a.isObject()) {
                            ((ObjectNode) a).set("provenance", lowerCase(a.get("provenance")));
                        }
                    }
                }
                set.setAll(oldSet);
                set.set("annotations", annotations);
                sets.add(set);
            }
        }
        item.set("annotationSets", sets);
        item.put("formatVersion", 2);
    }

    private static void moveInto(ObjectNode from, String field, ObjectNode to) {
        JsonNode v = from.remove(field);
        if (v != null) {
            to.set(field, v);
        }
    }

    /** Format 1 wrote enum names ({@code IN_PROGRESS}); format 2 writes ids ({@code in_progress}). */
    private static JsonNode lowerCase(JsonNode n) {
        return n != null && n.isTextual() ? NODES.textNode(n.asText().toLowerCase(Locale.ROOT)) : n;
    }
}
