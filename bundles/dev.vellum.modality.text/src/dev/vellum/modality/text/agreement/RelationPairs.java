package dev.vellum.modality.text.agreement;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.core.spi.MeasurementLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Relation units over span units: once spans are matched (exactly or by overlap), a relation is
 * about the pair (unit of its from-span, unit of its to-span), and each such pair any annotator
 * related is one unit whose values are the relation labels. An annotator who has spans in both
 * units but no relation between them rates it {@value #NO_RELATION} (a judgement, as an absent tag
 * is); one lacking either span is missing. Direction counts: A→B and B→A are two units.
 */
final class RelationPairs {
    /** The value of an annotator who marked both spans but did not relate them. */
    static final String NO_RELATION = "none";

    /**
     * Where one annotator's span landed.
     *
     * @param unit    the span unit's index in the units made so far
     * @param quality the span's match quality in that unit
     */
    record Placed(int unit, double quality) {
    }

    private RelationPairs() {
    }

    /**
     * @param spanUnitIds the local ids of the span units (after the kind and colon), by index
     * @param placed      per set: span annotation id to where it landed
     */
    static List<AgreementUnit> units(Item item, List<AnnotationSet> sets, List<Marked> marked, String kind, List<String> spanUnitIds,
            List<Map<String, Placed>> placed) {
        // pair (from unit, to unit) -> per set index: labels and ids
        TreeMap<Long, Map<Integer, List<Marked.MarkedRelation>>> pairs = new TreeMap<>();
        for (int i = 0; i < sets.size(); i++) {
            Map<String, Placed> where = placed.get(i);
            for (Marked.MarkedRelation r : marked.get(i).relations) {
                Placed from = where.get(r.from()), to = where.get(r.to());
                if (from != null && to != null) {
                    int set = i;
                    pairs.computeIfAbsent(((long) from.unit() << 32) | to.unit(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(set, k -> new ArrayList<>()).add(r);
                }
            }
        }
        if (pairs.isEmpty()) {
            return List.of();
        }
        // per set: the units where it has a span, with the best quality there
        List<Map<Integer, Double>> present = new ArrayList<>();
        for (Map<String, Placed> where : placed) {
            Map<Integer, Double> units = new LinkedHashMap<>();
            where.values().forEach(p -> units.merge(p.unit(), p.quality(), Math::max));
            present.add(units);
        }
        List<AgreementUnit> out = new ArrayList<>(pairs.size());
        for (var e : pairs.entrySet()) {
            int fromUnit = (int) (e.getKey() >>> 32), toUnit = (int) (long) e.getKey();
            Map<String, AgreementUnit.Rating> ratings = new LinkedHashMap<>();
            for (int i = 0; i < sets.size(); i++) {
                Double qf = present.get(i).get(fromUnit), qt = present.get(i).get(toUnit);
                if (qf == null || qt == null) {
                    continue;
                }
                List<Marked.MarkedRelation> rs = e.getValue().get(i);
                double quality = Math.min(1, Math.min(qf, qt));
                if (rs == null) {
                    ratings.put(sets.get(i).annotator(), new AgreementUnit.Rating(AgreementValue.of(NO_RELATION), List.of(), quality));
                } else {
                    ratings.put(sets.get(i).annotator(), new AgreementUnit.Rating(
                            AgreementValue.of(Marked.joined(rs.stream().map(Marked.MarkedRelation::label).toList())),
                            rs.stream().map(Marked.MarkedRelation::id).toList(), quality));
                }
            }
            out.add(new AgreementUnit(item.id(), kind + ":" + spanUnitIds.get(fromUnit) + ">" + spanUnitIds.get(toUnit), kind,
                    MeasurementLevel.NOMINAL, ratings));
        }
        return out;
    }
}
