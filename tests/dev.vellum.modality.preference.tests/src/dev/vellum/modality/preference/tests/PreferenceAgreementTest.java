package dev.vellum.modality.preference.tests;

import static dev.vellum.modality.preference.tests.Prefs.flag;
import static dev.vellum.modality.preference.tests.Prefs.pairwise;
import static dev.vellum.modality.preference.tests.Prefs.ranking;
import static dev.vellum.modality.preference.tests.Prefs.rubric;
import static dev.vellum.modality.preference.tests.Prefs.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.agreement.ChoiceUnits;
import dev.vellum.modality.preference.agreement.FlagUnits;
import dev.vellum.modality.preference.agreement.RankCorrelation;
import dev.vellum.modality.preference.agreement.RankUnits;
import dev.vellum.modality.preference.agreement.RubricUnits;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PreferenceSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preference judgements become agreement units that annotators meet in whatever order they saw the responses. */
class PreferenceAgreementTest {
    @TempDir
    Path tmp;

    /** "id kind level annotator=value[ids]..." */
    static String show(AgreementUnit u) {
        StringBuilder b = new StringBuilder(u.id()).append(' ').append(u.kind()).append(' ').append(u.level().id());
        u.ratings().forEach((who, r) -> b.append(' ').append(who).append('=').append(r.value()).append(r.annotationIds()));
        return b.toString();
    }

    static List<String> show(List<AgreementUnit> units) {
        return units.stream().map(PreferenceAgreementTest::show).toList();
    }

    @Test
    void pairwiseChoicesMeetOnTheSortedPairWithSignedStrengths() {
        Item item = Prefs.item("c1", set("alice", pairwise("a1", "B", 2, "B", "A")), set("bob", pairwise("b1", "A", 1, "A", "B")),
                set("carol", pairwise("c1", Pairwise.TIE, 0, "A", "B")), set("dan", pairwise("d1", "A", 0, "B", "A"), pairwise("d2", "B", 3, "A", "B")));
        assertEquals(List.of("preference.choice:A|B preference.choice nominal alice=B[a1] bob=A[b1] carol=tie[c1] dan=A[d1, d2]",
                "preference.strength:A|B preference.strength ordinal alice=-2[a1] bob=1[b1] carol=0[c1] dan=1[d1, d2]"),
                show(new ChoiceUnits().units(item, List.copyOf(item.sets()), null)),
                "a strength of 0 on a preference counts as 1; dan's second choice joins the first");
    }

    @Test
    void aChoiceWithoutAnOrderFindsItsPairThroughTheStore() throws Exception {
        try (StoredProject p = Prefs.project(tmp.resolve("p"), null)) {
            Item item = Prefs.put(p, Prefs.comparison("x", "y"), Prefs.item("c1", set("alice", pairwise("a1", "y", 3)), set("bob", pairwise("b1", "x", 1, "y", "x"))));
            assertEquals(List.of("preference.choice:x|y preference.choice nominal alice=y[a1] bob=x[b1]",
                    "preference.strength:x|y preference.strength ordinal alice=-3[a1] bob=1[b1]"),
                    show(new ChoiceUnits().units(p, item, List.copyOf(item.sets()), null)));
            assertEquals(List.of("preference.choice:* preference.choice nominal alice=y[a1]", "preference.choice:x|y preference.choice nominal bob=x[b1]",
                    "preference.strength:x|y preference.strength ordinal bob=1[b1]"), show(new ChoiceUnits().units(item, List.copyOf(item.sets()), null)),
                    "without the store, a choice recorded without its pair is about the whole comparison");
        }
    }

    @Test
    void rankingsAreAUnitPerResponseWithMidRanks() {
        Item item = Prefs.item("c1", set("alice", ranking("a1", "A", 1, "B", 2, "C", 3, "D", 4)), set("bob", ranking("b1", "A", 1, "B", 2, "D", 2)),
                set("carol", flag("c0", "A", "unsafe", null, null)));
        assertEquals(List.of("preference.rank:A preference.rank ordinal alice=1[a1] bob=1[b1]", "preference.rank:B preference.rank ordinal alice=2[a1] bob=2.5[b1]",
                "preference.rank:C preference.rank ordinal alice=3[a1]", "preference.rank:D preference.rank ordinal alice=4[a1] bob=2.5[b1]"),
                show(new RankUnits().units(item, List.copyOf(item.sets()), null)));
    }

    @Test
    void rubricScoresAreAUnitPerResponseAndDimensionAtTheDimensionsLevel() throws Exception {
        Map<String, Object> settings = Map.of(PreferenceSettings.EXTENSION,
                Map.of("rubric", List.of(Map.of("id", "helpfulness", "level", "interval"), Map.of("id", "honesty"))));
        try (StoredProject p = Prefs.project(tmp.resolve("p"), settings)) {
            Item item = Prefs.put(p, Prefs.comparison("A", "B"), Prefs.item("c1", set("alice", rubric("a1", "A", "helpfulness", 4, "honesty", 5), rubric("a2", "B", "helpfulness", 2)),
                    set("bob", rubric("b1", "B", "helpfulness", 3, "honesty", 4))));
            assertEquals(List.of("preference.rubric:A/helpfulness preference.rubric:helpfulness interval alice=4[a1]",
                    "preference.rubric:A/honesty preference.rubric:honesty ordinal alice=5[a1]",
                    "preference.rubric:B/helpfulness preference.rubric:helpfulness interval alice=2[a2] bob=3[b1]",
                    "preference.rubric:B/honesty preference.rubric:honesty ordinal bob=4[b1]"), show(new RubricUnits().units(p, item, List.copyOf(item.sets()), null)));
            assertTrue(new RubricUnits().units(item, List.copyOf(item.sets()), null).stream().allMatch(u -> u.level() == MeasurementLevel.ORDINAL),
                    "without the project every dimension is ordinal");
        }
    }

    @Test
    void flagsArePresentOrAbsentForAnnotatorsWhoJudged() {
        Item item = Prefs.item("c1", set("alice", flag("a1", "B", "factual_error", 3, 9), flag("a2", "B", "factual_error", 20, 30), flag("a3", "C", "refusal", null, null)),
                set("bob", ranking("b1", "A", 1), flag("b2", "B", "factual_error", 4, 9)), set("carol"));
        assertEquals(List.of("preference.flag:B/factual_error preference.flag nominal alice=present[a1, a2] bob=present[b2]",
                "preference.flag:C/refusal preference.flag nominal alice=present[a3] bob=absent[]"), show(new FlagUnits().units(item, List.copyOf(item.sets()), null)),
                "carol judged nothing and is missing");
    }

    @Test
    void allServicesTogetherGiveDistinctKeys() {
        AgreementRegistry registry = new AgreementRegistry();
        registry.addUnits(new ChoiceUnits());
        registry.addUnits(new RankUnits());
        registry.addUnits(new RubricUnits());
        registry.addUnits(new FlagUnits());
        Item item = Prefs.item("c1", set("alice", pairwise("a1", "A", 1, "A", "B"), ranking("a2", "A", 1, "B", 2), rubric("a3", "A", "honesty", 3),
                flag("a4", "A", "unsafe", null, null)), set("bob", pairwise("b1", "A", 2, "B", "A")));
        assertEquals(6, registry.units(item, List.copyOf(item.sets()), null).size());
        AnnotationSet twice = set("alice");
        assertThrows(IllegalArgumentException.class, () -> new RankUnits().units(item, List.of(twice, twice), null));
    }

    @Test
    void kendallsTauBAndWAgreeWithHandComputedValues() {
        Map<String, Double> a = Map.of("A", 1.0, "B", 2.0, "C", 3.0, "D", 4.0);
        Map<String, Double> reversed = Map.of("A", 4.0, "B", 3.0, "C", 2.0, "D", 1.0);
        Map<String, Double> oneSwap = Map.of("A", 2.0, "B", 1.0, "C", 3.0, "D", 4.0);
        assertEquals(1.0, RankCorrelation.kendallTauB(a, a), 1e-12);
        assertEquals(-1.0, RankCorrelation.kendallTauB(a, reversed), 1e-12);
        // one discordant pair of six: (5 - 1) / 6
        assertEquals(4.0 / 6, RankCorrelation.kendallTauB(a, oneSwap), 1e-12);
        // ties: b ties B and D. Pairs: AB+ AC+ AD+ BC+ BD(tie in b) CD-  -> nc 4, nd 1, n0 6, ties in b 1: 3 / sqrt(6 * 5)
        Map<String, Double> b = Map.of("A", 1.0, "B", 2.5, "C", 4.0, "D", 2.5);
        assertEquals(3 / Math.sqrt(30), RankCorrelation.kendallTauB(a, b), 1e-12);
        assertEquals(1.0, RankCorrelation.kendallW(List.of(a, a, a)), 1e-12);
        assertEquals(0.0, RankCorrelation.kendallW(List.of(a, reversed)), 1e-12);
        // m = 3, n = 4: rank sums A 4, B 5, C 9, D 12; mean 7.5; S = 12.25 + 6.25 + 2.25 + 20.25 = 41; W = 12 * 41 / (9 * 60) = 0.9111
        assertEquals(12 * 41.0 / 540, RankCorrelation.kendallW(List.of(a, oneSwap, a)), 1e-12);
        // with b's tie (t = 2, T = 6): sums A 4, B 5.5, C 10, D 10.5; mean 7.5; S = 12.25 + 4 + 6.25 + 9 = 31.5; W = 12 * 31.5 / (540 - 3 * 6)
        assertEquals(12 * 31.5 / 522, RankCorrelation.kendallW(List.of(a, oneSwap, b)), 1e-12);
        assertTrue(Double.isNaN(RankCorrelation.kendallW(List.of(a))));
        assertTrue(Double.isNaN(RankCorrelation.kendallTauB(Map.of("A", 1.0, "B", 1.0), Map.of("A", 1.0, "B", 2.0))));
    }

    @Test
    void rankCorrelationReadsTheRankUnitsOfAnItem() {
        Item item = Prefs.item("c1", set("alice", ranking("a1", "A", 1, "B", 2, "C", 3)), set("bob", ranking("b1", "B", 1, "A", 2, "C", 3)),
                set("carol", ranking("c1", "A", 1, "B", 2)));
        Map<String, Map<String, Double>> rankings = RankCorrelation.rankings(new RankUnits().units(item, List.copyOf(item.sets()), null));
        assertEquals(List.of("alice", "bob", "carol"), List.copyOf(rankings.keySet()));
        assertEquals(1 / 3.0, RankCorrelation.kendallTauB(rankings.get("alice"), rankings.get("bob")), 1e-12);
        // over A and B only (carol left C out): alice and carol agree, bob is reversed -> sums A 4, B 5, mean 4.5, S 0.5, W = 12 * 0.5 / (9 * 6)
        assertEquals(6 / 54.0, RankCorrelation.kendallW(rankings.values()), 1e-12);
    }
}
