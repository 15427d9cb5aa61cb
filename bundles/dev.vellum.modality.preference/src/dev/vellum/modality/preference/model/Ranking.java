package dev.vellum.modality.preference.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ranking of a comparison's responses ({@code preference.ranking}), best first, ties allowed:
 * {@code {"ranks": {"A": 1, "B": 2, "C": 2}, "order": ["C", "A", "B"]}}. Ranks are positive whole
 * numbers and only their order means something: 1, 2, 2 and 1, 3, 3 say the same thing (A best, B
 * and C tied behind it). A response without a rank is not ranked yet (an incomplete ranking is a
 * validation finding, not a payload error, so work in progress can be saved).
 *
 * @param ranks by response id, in the order written
 * @param order the response ids in the order this annotator saw them (top to bottom); empty when
 *              not recorded (imported judgements)
 */
public record Ranking(Map<String, Integer> ranks, List<String> order) {
    /** The annotation type id. */
    public static final String TYPE = "preference.ranking";

    public Ranking {
        LinkedHashMap<String, Integer> copy = new LinkedHashMap<>();
        if (ranks != null) {
            ranks.forEach((id, rank) -> {
                if (id == null || id.isEmpty()) {
                    throw new PayloadException(TYPE + ": 'ranks' must be keyed by response ids");
                }
                if (rank == null || rank < 1) {
                    throw new PayloadException(TYPE + ": the rank of '" + id + "' must be a whole number from 1, found " + rank);
                }
                copy.put(id, rank);
            });
        }
        ranks = Collections.unmodifiableMap(copy);
        order = Payloads.checkedOrder(TYPE, order);
    }

    /** Reads a payload. */
    public static Ranking fromPayload(Map<String, Object> p) {
        Payloads.require(TYPE, p);
        Object r = p.get("ranks");
        if (r != null && !(r instanceof Map<?, ?>)) {
            throw new PayloadException(TYPE + ": 'ranks' must map response ids to ranks, found " + r);
        }
        LinkedHashMap<String, Integer> ranks = new LinkedHashMap<>();
        if (r instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Integer rank = Payloads.whole(TYPE, "ranks." + e.getKey(), e.getValue());
                if (rank == null) {
                    continue; // an explicit null: not ranked yet
                }
                ranks.put(String.valueOf(e.getKey()), rank);
            }
        }
        return new Ranking(ranks, Payloads.order(TYPE, p.get("order")));
    }

    /** The payload: {@code {ranks, order}}. */
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ranks", new LinkedHashMap<>(ranks));
        m.put("order", order);
        return m;
    }

    /**
     * The ranked responses in groups of equal rank, best group first, each group in the order its
     * ids were written: {@code [[A], [B, C]]} for the example above.
     */
    public List<List<String>> groups() {
        TreeMap<Integer, List<String>> byRank = new TreeMap<>();
        ranks.forEach((id, rank) -> byRank.computeIfAbsent(rank, k -> new ArrayList<>()).add(id));
        List<List<String>> out = new ArrayList<>(byRank.size());
        byRank.values().forEach(g -> out.add(List.copyOf(g)));
        return out;
    }

    /**
     * The standard fractional ranks ("mid-ranks"): a group of tied responses gets the mean of the
     * positions it covers ({@code A 1, B 2.5, C 2.5} above). Agreement uses these, so the tie
     * conventions of different annotators or tools (1, 2, 2 or 1, 3, 3) compare equal.
     */
    public Map<String, Double> midRanks() {
        Map<String, Double> out = new LinkedHashMap<>();
        int position = 1;
        for (List<String> g : groups()) {
            double mid = position + (g.size() - 1) / 2.0;
            g.forEach(id -> out.put(id, mid));
            position += g.size();
        }
        return out;
    }

    /** Whether two or more responses share a rank. */
    public boolean hasTies() {
        return ranks.values().stream().distinct().count() < ranks.size();
    }

    /** The ids of {@code all} that have no rank, in their order. */
    public List<String> unranked(List<String> all) {
        return all.stream().filter(id -> !ranks.containsKey(id)).toList();
    }

    /** This ranking with {@code id} at {@code rank} (added, or moved). */
    public Ranking with(String id, int rank) {
        LinkedHashMap<String, Integer> m = new LinkedHashMap<>(ranks);
        m.put(id, rank);
        return new Ranking(m, order);
    }
}
