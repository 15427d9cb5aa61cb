package dev.vellum.modality.preference.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pairwise judgement ({@code preference.pairwise}) between two responses.
 *
 * @param preferred the id of the better response, or {@link #TIE}, or {@link #BOTH_BAD}
 * @param strength  how much better, 0 (for ties) up to the project's scale (e.g. 3)
 * @param order     the response ids in the order this annotator saw them (left to right): blinding
 *                  randomizes it per annotator, and it is recorded for position-bias analysis
 */
public record Pairwise(String preferred, int strength, List<String> order) {
    /** The annotation type id. */
    public static final String TYPE = "preference.pairwise";
    /** {@code preferred} of a tie. */
    public static final String TIE = "tie";
    /** {@code preferred} when both responses are unacceptable. */
    public static final String BOTH_BAD = "both_bad";

    public Pairwise {
        if (preferred == null || preferred.isEmpty()) {
            throw new PayloadException(TYPE + ": 'preferred' must name a response, 'tie' or 'both_bad'");
        }
        if (strength < 0) {
            throw new PayloadException(TYPE + ": 'strength' must not be negative, found " + strength);
        }
        order = order == null ? List.of() : List.copyOf(order);
    }

    /** Reads a payload. */
    public static Pairwise fromPayload(Map<String, Object> p) {
        if (p == null) {
            throw new PayloadException(TYPE + ": the payload is missing");
        }
        Object s = p.get("strength");
        if (s != null && !(s instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()))) {
            throw new PayloadException(TYPE + ": 'strength' must be a whole number, found " + s);
        }
        List<String> order = p.get("order") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        return new Pairwise(p.get("preferred") instanceof String x ? x : "", s == null ? 0 : ((Number) s).intValue(), order);
    }

    /** The payload: {@code {preferred, strength, order}}. */
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preferred", preferred);
        m.put("strength", strength);
        m.put("order", order);
        return m;
    }
}
