package dev.vellum.modality.preference.ui.internal;

import dev.vellum.core.model.Annotation;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PayloadException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payloads of the judgements the editor makes, in one place: pairwise through the model's
 * {@link Pairwise}; ranking, rubric, flag and rationale as plain JSON-shaped maps. The editor reads
 * and writes judgements only through this class, so that pointing it at the model bundle's records
 * (when they exist) changes this file alone.
 * <p>
 * Payloads (each records {@code order}, the response ids as this annotator saw them, where a
 * judgement depends on positions):
 * <ul>
 * <li>{@value #RANKING}: {@code {"ranks": {id: rank, ...}, "order": [...]}}, rank 1 best, equal ranks tie</li>
 * <li>{@value #RUBRIC}: one per response, {@code {"response": id, "scores": {dimension: score}, "order": [...]}}</li>
 * <li>{@value #FLAG}: {@code {"flag": kind, "response": id, "span"?: {"start", "end", "text"}}}, the span in
 * UTF-16 offsets of the response's Markdown</li>
 * <li>{@value #RATIONALE}: {@code {"text": ...}}</li>
 * </ul>
 */
public final class Judgements {
    /** Pairwise choice type id (the model's). */
    public static final String PAIRWISE = Pairwise.TYPE;
    /** Ranking type id. */
    public static final String RANKING = "preference.ranking";
    /** Rubric scores type id (one annotation per response). */
    public static final String RUBRIC = "preference.rubric";
    /** Flag type id. */
    public static final String FLAG = "preference.flag";
    /** Rationale type id. */
    public static final String RATIONALE = "preference.rationale";

    private Judgements() {
    }

    /** A ranking: ranks by response id (1 best, equal ranks tie) and the order shown. */
    public record Ranking(Map<String, Integer> ranks, List<String> order) {
        public Ranking {
            ranks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ranks));
            order = List.copyOf(order);
        }
    }

    /** Rubric scores of one response, by dimension name. */
    public record Rubric(String response, Map<String, Integer> scores, List<String> order) {
        public Rubric {
            scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
            order = List.copyOf(order);
        }
    }

    /**
     * A flag on a response, optionally on a passage of it.
     *
     * @param kind     e.g. {@code unsafe}, {@code factual_error}, {@code refusal}
     * @param response the response id
     * @param start    first char of the passage in the response's Markdown, or -1 for the whole response
     * @param end      one past the last char, or -1
     * @param text     the passage's text as shown, or empty
     */
    public record Flag(String kind, String response, int start, int end, String text) {
        public Flag {
            text = text == null ? "" : text;
        }

        /** Whether the flag is on a passage rather than the whole response. */
        public boolean hasSpan() {
            return start >= 0 && end > start;
        }
    }

    // ---- pairwise

    public static Map<String, Object> pairwise(String preferred, int strength, List<String> order) {
        return new Pairwise(preferred, strength, order).toPayload();
    }

    public static Pairwise pairwise(Annotation a) {
        return Pairwise.fromPayload(a.payload());
    }

    // ---- ranking

    public static Map<String, Object> ranking(Ranking r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ranks", new LinkedHashMap<String, Object>(r.ranks()));
        m.put("order", r.order());
        return m;
    }

    public static Ranking ranking(Annotation a) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        if (a.payload().get("ranks") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getValue() instanceof Number n) || n.intValue() < 1) {
                    throw new PayloadException(RANKING + ": the rank of '" + e.getKey() + "' must be a whole number from 1, found " + e.getValue());
                }
                ranks.put(String.valueOf(e.getKey()), n.intValue());
            }
        }
        return new Ranking(ranks, order(a));
    }

    // ---- rubric

    public static Map<String, Object> rubric(Rubric r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("response", r.response());
        m.put("scores", new LinkedHashMap<String, Object>(r.scores()));
        m.put("order", r.order());
        return m;
    }

    public static Rubric rubric(Annotation a) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        if (a.payload().get("scores") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof Number n) {
                    scores.put(String.valueOf(e.getKey()), n.intValue());
                }
            }
        }
        return new Rubric(a.payload().get("response") instanceof String s ? s : "", scores, order(a));
    }

    // ---- flags

    public static Map<String, Object> flag(Flag f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flag", f.kind());
        m.put("response", f.response());
        if (f.hasSpan()) {
            Map<String, Object> span = new LinkedHashMap<>();
            span.put("start", f.start());
            span.put("end", f.end());
            span.put("text", f.text());
            m.put("span", span);
        }
        return m;
    }

    public static Flag flag(Annotation a) {
        Map<String, Object> p = a.payload();
        int start = -1;
        int end = -1;
        String text = "";
        if (p.get("span") instanceof Map<?, ?> s && s.get("start") instanceof Number x && s.get("end") instanceof Number y) {
            start = x.intValue();
            end = y.intValue();
            text = s.get("text") instanceof String t ? t : "";
        }
        return new Flag(p.get("flag") instanceof String k ? k : "", p.get("response") instanceof String r ? r : "", start, end, text);
    }

    // ---- rationale

    public static Map<String, Object> rationale(String text) {
        return Map.of("text", text);
    }

    public static String rationale(Annotation a) {
        return a.payload().get("text") instanceof String s ? s : "";
    }

    // ---- a set's judgements

    /**
     * One annotator's judgements of an item, as the editor shows them: the first pairwise choice,
     * ranking and rationale (an editor makes one of each), rubric scores by response, every flag.
     */
    public record Of(Annotation pairwise, Annotation ranking, Map<String, Annotation> rubrics, List<Annotation> flags,
            Annotation rationale, List<String> recordedOrder) {
    }

    /** Sorts a set's annotations into the judgements the editor shows. */
    public static Of of(List<Annotation> annotations) {
        Annotation pairwise = null;
        Annotation ranking = null;
        Annotation rationale = null;
        Map<String, Annotation> rubrics = new LinkedHashMap<>();
        List<Annotation> flags = new ArrayList<>();
        List<String> recorded = null;
        for (Annotation a : annotations) {
            switch (a.typeId()) {
                case PAIRWISE -> pairwise = pairwise == null ? a : pairwise;
                case RANKING -> ranking = ranking == null ? a : ranking;
                case RATIONALE -> rationale = rationale == null ? a : rationale;
                case RUBRIC -> rubrics.putIfAbsent(a.payload().get("response") instanceof String s ? s : "", a);
                case FLAG -> flags.add(a);
                default -> {
                    // another modality's or a newer type: kept, not shown
                }
            }
            List<String> o = order(a);
            if (recorded == null && !o.isEmpty()) {
                recorded = o;
            }
        }
        return new Of(pairwise, ranking, rubrics, flags, rationale, recorded == null ? List.of() : recorded);
    }

    private static List<String> order(Annotation a) {
        return a.payload().get("order") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
