package dev.vellum.modality.preference.agreement;

import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rank correlation of annotators' rankings of one item: Kendall's tau-b between two annotators
 * and Kendall's coefficient of concordance W among several, both corrected for ties. They read the
 * units {@link RankUnits} makes (kind {@value RankUnits#KIND}); only responses every annotator in
 * question ranked take part, re-ranked among themselves. Each returns {@code NaN} where the
 * statistic is undefined (fewer than two responses or annotators, or a ranking that ties
 * everything).
 */
public final class RankCorrelation {
    private RankCorrelation() {
    }

    /**
     * Each annotator's ranking in one item's rank units: response id → rank, by annotator in
     * rating order. Units of other kinds are skipped.
     */
    public static Map<String, Map<String, Double>> rankings(Collection<AgreementUnit> unitsOfOneItem) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (AgreementUnit u : unitsOfOneItem) {
            if (!u.kind().equals(RankUnits.KIND)) {
                continue;
            }
            String response = u.id().substring(RankUnits.KIND.length() + 1);
            u.ratings().forEach((annotator, rating) -> {
                if (rating.value() instanceof AgreementValue.Numeric n) {
                    out.computeIfAbsent(annotator, k -> new LinkedHashMap<>()).put(response, n.value());
                }
            });
        }
        return out;
    }

    /** Kendall's tau-b of two rankings (response → rank, lower is better) over the responses both ranked. */
    public static double kendallTauB(Map<String, Double> a, Map<String, Double> b) {
        List<String> common = common(List.of(a, b));
        int n = common.size();
        if (n < 2) {
            return Double.NaN;
        }
        long concordant = 0, discordant = 0, tiesA = 0, tiesB = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int sa = Double.compare(a.get(common.get(i)), a.get(common.get(j)));
                int sb = Double.compare(b.get(common.get(i)), b.get(common.get(j)));
                if (sa == 0) {
                    tiesA++;
                }
                if (sb == 0) {
                    tiesB++;
                }
                if (sa != 0 && sb != 0) {
                    if (Integer.signum(sa) == Integer.signum(sb)) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        double denominator = Math.sqrt((double) (pairs - tiesA) * (pairs - tiesB));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }

    /**
     * Kendall's W of several rankings over the responses all of them ranked, with the tie
     * correction: {@code W = 12 S / (m²(n³ - n) - m Σ T)}, where {@code S} is the sum of squared
     * deviations of the responses' rank sums from their mean and {@code T = Σ (t³ - t)} over each
     * annotator's groups of {@code t} tied responses. 1 is complete agreement, 0 none.
     */
    public static double kendallW(Collection<Map<String, Double>> rankings) {
        List<Map<String, Double>> raters = new ArrayList<>(rankings);
        int m = raters.size();
        List<String> common = common(raters);
        int n = common.size();
        if (m < 2 || n < 2) {
            return Double.NaN;
        }
        double[] sums = new double[n];
        double tieCorrection = 0;
        for (Map<String, Double> r : raters) {
            Map<String, Double> ranks = midRanks(r, common);
            for (int i = 0; i < n; i++) {
                sums[i] += ranks.get(common.get(i));
            }
            Map<Double, Integer> groups = new HashMap<>();
            common.forEach(id -> groups.merge(r.get(id), 1, Integer::sum));
            for (int t : groups.values()) {
                tieCorrection += (double) t * t * t - t;
            }
        }
        double mean = m * (n + 1) / 2.0;
        double s = 0;
        for (double x : sums) {
            s += (x - mean) * (x - mean);
        }
        double denominator = (double) m * m * ((double) n * n * n - n) - m * tieCorrection;
        return denominator <= 0 ? Double.NaN : 12 * s / denominator;
    }

    /** The ids every ranking has, in the first ranking's order. */
    private static List<String> common(List<Map<String, Double>> rankings) {
        if (rankings.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String id : rankings.get(0).keySet()) {
            if (rankings.stream().allMatch(r -> r.get(id) != null)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Mid-ranks 1..n of {@code ids} under ranking {@code r} (ties share the mean position). */
    private static Map<String, Double> midRanks(Map<String, Double> r, List<String> ids) {
        TreeMap<Double, List<String>> byRank = new TreeMap<>();
        ids.forEach(id -> byRank.computeIfAbsent(r.get(id), k -> new ArrayList<>()).add(id));
        Map<String, Double> out = new HashMap<>();
        int position = 1;
        for (List<String> g : byRank.values()) {
            double mid = position + (g.size() - 1) / 2.0;
            g.forEach(id -> out.put(id, mid));
            position += g.size();
        }
        return out;
    }
}
