package dev.vellum.modality.preference.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rubric scores of one response ({@code preference.rubric}): one annotation per response, with a
 * score per dimension of the project's rubric (see {@link RubricDimension}):
 * {@code {"response": "B", "scores": {"helpfulness": 4, "honesty": 5}, "order": [...]}}. One
 * annotation per response (rather than one per item with a map per response) keeps an edit of one
 * response's scores one small replacement, and lets a flag or rationale sit beside the response it
 * is about. A dimension without a score (absent, or {@code null}) is left empty: a validation
 * finding, not a payload error, so work in progress can be saved.
 *
 * @param response the response scored
 * @param scores   by dimension id, whole numbers, in the order written
 * @param order    the response ids in the order this annotator saw them; empty when not recorded
 */
public record Rubric(String response, Map<String, Integer> scores, List<String> order) {
    /** The annotation type id. */
    public static final String TYPE = "preference.rubric";

    public Rubric {
        if (response == null || response.isEmpty()) {
            throw new PayloadException(TYPE + ": 'response' must name a response");
        }
        LinkedHashMap<String, Integer> copy = new LinkedHashMap<>();
        if (scores != null) {
            scores.forEach((dimension, score) -> {
                if (dimension == null || dimension.isEmpty()) {
                    throw new PayloadException(TYPE + ": 'scores' must be keyed by dimension ids");
                }
                if (score != null) {
                    copy.put(dimension, score);
                }
            });
        }
        scores = Collections.unmodifiableMap(copy);
        order = Payloads.checkedOrder(TYPE, order);
    }

    /** Reads a payload. */
    public static Rubric fromPayload(Map<String, Object> p) {
        Payloads.require(TYPE, p);
        String response = Payloads.id(TYPE, p, "response");
        Object s = p.get("scores");
        if (s != null && !(s instanceof Map<?, ?>)) {
            throw new PayloadException(TYPE + ": 'scores' must map dimension ids to scores, found " + s);
        }
        LinkedHashMap<String, Integer> scores = new LinkedHashMap<>();
        if (s instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Integer score = Payloads.whole(TYPE, "scores." + e.getKey(), e.getValue());
                if (score != null) {
                    scores.put(String.valueOf(e.getKey()), score);
                }
            }
        }
        return new Rubric(response, scores, Payloads.order(TYPE, p.get("order")));
    }

    /** The payload: {@code {response, scores, order}} ({@code order} only when recorded). */
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("response", response);
        m.put("scores", new LinkedHashMap<>(scores));
        if (!order.isEmpty()) {
            m.put("order", order);
        }
        return m;
    }

    /** This rubric with {@code dimension} scored {@code score}, or emptied when {@code score} is null. */
    public Rubric with(String dimension, Integer score) {
        LinkedHashMap<String, Integer> m = new LinkedHashMap<>(scores);
        if (score == null) {
            m.remove(dimension);
        } else {
            m.put(dimension, score);
        }
        return new Rubric(response, m, order);
    }
}
