package dev.vellum.modality.text.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A directed relation ({@code text.relation}) from one span to another of the same annotation set,
 * by annotation id; the annotation's label is the relation's type (e.g. {@code works_for}).
 */
public record Relation(String from, String to) {
    /** The annotation type id. */
    public static final String TYPE = "text.relation";

    public Relation {
        if (from == null || from.isEmpty() || to == null || to.isEmpty()) {
            throw new PayloadException(TYPE + ": 'from' and 'to' must name span annotations");
        }
    }

    /** Reads a payload. */
    public static Relation fromPayload(Map<String, Object> p) {
        if (p == null) {
            throw new PayloadException(TYPE + ": the payload is missing");
        }
        return new Relation(p.get("from") instanceof String s ? s : "", p.get("to") instanceof String s ? s : "");
    }

    /** The payload: {@code {from, to}}. */
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        return m;
    }
}
