package dev.vellum.modality.text.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entity span ({@code text.span}): characters {@code start} (inclusive) to {@code end}
 * (exclusive) of the item's text, counted in Unicode code points, as brat, spaCy and doccano count
 * them (an emoji is one character, not two UTF-16 units). {@code text} repeats the covered
 * characters, so that a span whose document changed is noticed.
 */
public record Span(int start, int end, String text) {
    /** The annotation type id. */
    public static final String TYPE = "text.span";

    public Span {
        if (start < 0 || end < start) {
            throw new PayloadException(TYPE + ": 'start' and 'end' must satisfy 0 <= start <= end, found " + start + ", " + end);
        }
        text = text == null ? "" : text;
    }

    /** Reads a payload. */
    public static Span fromPayload(Map<String, Object> p) {
        if (p == null) {
            throw new PayloadException(TYPE + ": the payload is missing");
        }
        return new Span(whole(p, "start"), whole(p, "end"), p.get("text") instanceof String s ? s : "");
    }

    /** The payload: {@code {start, end, text}}. */
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", start);
        m.put("end", end);
        m.put("text", text);
        return m;
    }

    /** Characters covered. */
    public int length() {
        return end - start;
    }

    /** Whether the two spans share at least one character. */
    public boolean overlaps(Span o) {
        return start < o.end && o.start < end;
    }

    static int whole(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() > Integer.MAX_VALUE) {
            throw new PayloadException(TYPE + ": '" + key + "' must be a whole number" + (v == null ? " and is missing" : ", found " + v));
        }
        return n.intValue();
    }
}
