package dev.vellum.modality.preference.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flag on one response ({@code preference.flag}), such as {@code unsafe}, {@code factual_error}
 * or {@code refusal} (the project's list: {@link PreferenceSettings#flags()}), optionally on a
 * highlighted span of the response's text:
 * {@code {"response": "B", "flag": "factual_error", "start": 120, "end": 164}}. Offsets count
 * Unicode code points of the response's {@code content} as stored (Markdown source, not the
 * rendered text), end exclusive, as text spans do.
 *
 * @param response the response flagged
 * @param flag     the flag's id
 * @param start    first code point of the span, or null for the whole response
 * @param end      code point after the span, or null for the whole response
 */
public record Flag(String response, String flag, Integer start, Integer end) {
    /** The annotation type id. */
    public static final String TYPE = "preference.flag";

    public Flag {
        if (response == null || response.isEmpty()) {
            throw new PayloadException(TYPE + ": 'response' must name a response");
        }
        if (flag == null || flag.isEmpty()) {
            throw new PayloadException(TYPE + ": 'flag' must name a flag such as 'unsafe'");
        }
        if ((start == null) != (end == null)) {
            throw new PayloadException(TYPE + ": 'start' and 'end' come together (a span) or not at all (the whole response)");
        }
        if (start != null && (start < 0 || end <= start)) {
            throw new PayloadException(TYPE + ": the span " + start + ".." + end + " must have 0 <= start < end");
        }
    }

    /** A flag on the whole response. */
    public Flag(String response, String flag) {
        this(response, flag, null, null);
    }

    /** Whether the flag highlights a span rather than the whole response. */
    public boolean hasSpan() {
        return start != null;
    }

    /** Reads a payload. */
    public static Flag fromPayload(Map<String, Object> p) {
        Payloads.require(TYPE, p);
        String response = Payloads.id(TYPE, p, "response");
        if (!(p.get("flag") instanceof String flag) || flag.isEmpty()) {
            throw new PayloadException(TYPE + ": 'flag' must name a flag such as 'unsafe', found " + p.get("flag"));
        }
        return new Flag(response, flag, Payloads.whole(TYPE, "start", p.get("start")), Payloads.whole(TYPE, "end", p.get("end")));
    }

    /** The payload: {@code {response, flag}} and, for a span, {@code start, end}. */
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("response", response);
        m.put("flag", flag);
        if (start != null) {
            m.put("start", start);
            m.put("end", end);
        }
        return m;
    }
}
