package dev.vellum.modality.text.tests;

import static dev.vellum.modality.text.tests.Texts.item;
import static dev.vellum.modality.text.tests.Texts.relation;
import static dev.vellum.modality.text.tests.Texts.set;
import static dev.vellum.modality.text.tests.Texts.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.agreement.ExactSpanUnits;
import dev.vellum.modality.text.agreement.OverlapSpanUnits;
import dev.vellum.modality.text.agreement.TokenUnits;
import dev.vellum.modality.text.model.Span;
import dev.vellum.modality.text.tokenize.DefaultTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agreement units on one hand-checked document ({@link TextRulesTest#TEXT}): alice marks
 * PER "Ana Ruiz" 0..8, ORG "Harbor Authority of Portmere" 23..51 with LOC "Portmere" 43..51 nested
 * in it, relations works_for PER→ORG and located_in ORG→LOC; bob marks PER "Ana" 0..3, the same ORG,
 * LOC "Portmere." 43..52 and an extra LOC "Done" 56..60, relations works_for PER→ORG, based_in
 * ORG→LOC and works_for PER→LOC.
 */
class TextAgreementTest {
    @TempDir
    Path tmp;

    static final AnnotationSet ALICE = set("alice", span("a1", "PER", 0, 8, "Ana Ruiz"), span("a2", "ORG", 23, 51, "Harbor Authority of Portmere"),
            span("a3", "LOC", 43, 51, "Portmere"), relation("r1", "works_for", "a1", "a2"), relation("r2", "located_in", "a2", "a3"));
    static final AnnotationSet BOB = set("bob", span("b1", "PER", 0, 3, "Ana"), span("b2", "ORG", 23, 51, "Harbor Authority of Portmere"),
            span("b3", "LOC", 43, 52, "Portmere."), span("b4", "LOC", 56, 60, "Done"), relation("q1", "works_for", "b1", "b2"),
            relation("q2", "based_in", "b2", "b3"), relation("q3", "works_for", "b1", "b3"));

    /** A unit as "id alice=value(quality) bob=value(quality)", missing annotators left out. */
    static String show(AgreementUnit u) {
        return u.id() + " " + u.ratings().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().value() + String.format(java.util.Locale.ROOT, "(%.3f)", e.getValue().quality()))
                .collect(Collectors.joining(" "));
    }

    static List<String> show(List<AgreementUnit> units) {
        return units.stream().map(TextAgreementTest::show).toList();
    }

    @Test
    void exactUnitsAreDistinctOffsetsAndTheirRelations() {
        Item item = item("media/doc.txt", null, ALICE, BOB);
        List<AgreementUnit> units = new ExactSpanUnits().units(item, List.of(ALICE, BOB), null);
        assertEquals(List.of("text.span-exact:0-8 alice=PER(1.000)", "text.span-exact:0-3 bob=PER(1.000)",
                "text.span-exact:23-51 alice=ORG(1.000) bob=ORG(1.000)", "text.span-exact:43-52 bob=LOC(1.000)",
                "text.span-exact:43-51 alice=LOC(1.000)", "text.span-exact:56-60 bob=LOC(1.000)",
                "text.relation-exact:0-8>23-51 alice=works_for(1.000)", "text.relation-exact:0-3>23-51 bob=works_for(1.000)",
                "text.relation-exact:0-3>43-52 bob=works_for(1.000)", "text.relation-exact:23-51>43-52 bob=based_in(1.000)",
                "text.relation-exact:23-51>43-51 alice=located_in(1.000)"), show(units));
        assertEquals(ExactSpanUnits.SPAN_KIND, units.get(0).kind());
        assertEquals(List.of("b2"), units.get(2).ratings().get("bob").annotationIds());
        assertEquals(ExactSpanUnits.RELATION_KIND, units.get(6).kind());
    }

    @Test
    void stackedSpansAtOnePlaceJoinTheirLabels() {
        AnnotationSet a = set("alice", span("x", "ORG", 0, 3, "Ana"), span("y", "LOC", 0, 3, "Ana"));
        AnnotationSet b = set("bob", span("z", "ORG", 0, 3, "Ana"));
        assertEquals(List.of("text.span-exact:0-3 alice=LOC+ORG(1.000) bob=ORG(1.000)"),
                show(new ExactSpanUnits().units(item("d.txt", null, a, b), List.of(a, b), null)));
    }

    @Test
    void overlapUnitsMatchNestedSpansOptimallyAndCarryRelations() {
        Item item = item("media/doc.txt", null, ALICE, BOB);
        List<AgreementUnit> units = new OverlapSpanUnits().units(item, List.of(ALICE, BOB), null);
        // b1 0..3 vs a1 0..8: 3/8; b3 43..52 vs a3 43..51: 8/9 (and only 8/29 with the ORG it is nested in)
        assertEquals(List.of("text.span-overlap:alice/a1 alice=PER(1.000) bob=PER(0.375)", "text.span-overlap:alice/a2 alice=ORG(1.000) bob=ORG(1.000)",
                "text.span-overlap:alice/a3 alice=LOC(1.000) bob=LOC(0.889)", "text.span-overlap:bob/b4 bob=LOC(1.000)",
                "text.relation-overlap:alice/a1>alice/a2 alice=works_for(1.000) bob=works_for(0.375)",
                "text.relation-overlap:alice/a1>alice/a3 alice=none(1.000) bob=works_for(0.375)",
                "text.relation-overlap:alice/a2>alice/a3 alice=located_in(1.000) bob=based_in(0.889)"), show(units));
        assertEquals(List.of(), units.get(5).ratings().get("alice").annotationIds(), "'none' stands for no annotation");
        assertEquals(List.of("q3"), units.get(5).ratings().get("bob").annotationIds());
    }

    @Test
    void overlapMatchingIsOptimalNotGreedy() {
        // Greedy would pair b1 with a1 (8/12, the best pair) and leave a2 and b2 alone; the optimal
        // matching pairs both: b1-a2 (2/12) and b2-a1 (4/10).
        AnnotationSet a = set("alice", span("a1", "X", 0, 10, ""), span("a2", "Y", 10, 14, ""));
        AnnotationSet b = set("bob", span("b1", "Y", 2, 12, ""), span("b2", "X", 0, 4, ""));
        assertEquals(List.of("text.span-overlap:alice/a1 alice=X(1.000) bob=X(0.400)", "text.span-overlap:alice/a2 alice=Y(1.000) bob=Y(0.167)"),
                show(new OverlapSpanUnits().units(item("d.txt", null, a, b), List.of(a, b), null)));
        assertEquals(0.4, OverlapSpanUnits.overlap(new Span(0, 10, ""), new Span(0, 4, "")), 1e-12);
        assertEquals(0, OverlapSpanUnits.overlap(new Span(0, 10, ""), new Span(10, 14, "")), "touching is not overlapping");
    }

    @Test
    void overlapThresholdAndSameLabelOnly() {
        Item item = item("media/doc.txt", null, ALICE, BOB);
        List<String> strict = show(new OverlapSpanUnits(0.5, false).units(item, List.of(ALICE, BOB), null));
        assertTrue(strict.contains("text.span-overlap:alice/a1 alice=PER(1.000)") && strict.contains("text.span-overlap:bob/b1 bob=PER(1.000)"),
                strict.toString());
        AnnotationSet a = set("alice", span("a1", "PER", 0, 8, ""));
        AnnotationSet b = set("bob", span("b1", "ORG", 0, 8, ""));
        assertEquals(List.of("text.span-overlap:alice/a1 alice=PER(1.000) bob=ORG(1.000)"),
                show(new OverlapSpanUnits().units(item("d.txt", null, a, b), List.of(a, b), null)));
        assertEquals(List.of("text.span-overlap:alice/a1 alice=PER(1.000)", "text.span-overlap:bob/b1 bob=ORG(1.000)"),
                show(new OverlapSpanUnits(Map.of(OverlapSpanUnits.SAME_LABEL_ONLY, "true")).units(item("d.txt", null, a, b), List.of(a, b), null)));
        assertThrows(IllegalArgumentException.class, () -> new OverlapSpanUnits(1.5, false));
    }

    @Test
    void aThirdAnnotatorJoinsByMeanOverlap() {
        AnnotationSet a = set("alice", span("a1", "PER", 0, 8, ""));
        AnnotationSet b = set("bob", span("b1", "PER", 0, 3, ""));
        AnnotationSet c = set("carol", span("c1", "PER", 4, 8, ""), span("c2", "PER", 0, 3, ""));
        // c2 joins alice's and bob's unit (mean of 3/8 and 1); c1 (mean of 4/8 and 0) founds its own
        assertEquals(List.of("text.span-overlap:alice/a1 alice=PER(1.000) bob=PER(0.375) carol=PER(0.688)", "text.span-overlap:carol/c1 carol=PER(1.000)"),
                show(new OverlapSpanUnits().units(item("d.txt", null, a, b, c), List.of(a, b, c), null)));
    }

    @Test
    void tokenUnitsGiveEveryTokenALabelOrO() throws Exception {
        StoredProject p = Texts.project(tmp.resolve("p"), TextRulesTest.TEXT);
        Item item = item("media/doc.txt", null, ALICE, BOB);
        List<AgreementUnit> units = new TokenUnits().units(p, item, List.of(ALICE, BOB), null);
        assertEquals(List.of("text.token:0-3 alice=PER(1.000) bob=PER(1.000)", "text.token:4-8 alice=PER(1.000) bob=O(1.000)",
                "text.token:9-14 alice=O(1.000) bob=O(1.000)", "text.token:15-18 alice=O(1.000) bob=O(1.000)",
                "text.token:19-22 alice=O(1.000) bob=O(1.000)", "text.token:23-29 alice=ORG(1.000) bob=ORG(1.000)",
                "text.token:30-39 alice=ORG(1.000) bob=ORG(1.000)", "text.token:40-42 alice=ORG(1.000) bob=ORG(1.000)",
                "text.token:43-51 alice=LOC+ORG(1.000) bob=LOC+ORG(1.000)", "text.token:51-52 alice=O(1.000) bob=LOC(1.000)",
                "text.token:53-55 alice=O(1.000) bob=O(1.000)", "text.token:56-60 alice=O(1.000) bob=LOC(1.000)",
                "text.token:60-61 alice=O(1.000) bob=O(1.000)"), show(units));
        assertEquals(List.of("a2", "a3"), units.get(8).ratings().get("alice").annotationIds());
        // Cohen's kappa by hand from these 13 tokens: observed agreement 10/13; alice has O 7, PER 2,
        // ORG 3, LOC+ORG 1; bob O 6, PER 1, ORG 3, LOC+ORG 1, LOC 2; chance agreement
        // (7*6 + 2*1 + 3*3 + 1*1) / 13² = 54/169; kappa = (130 - 54) / (169 - 54) = 76/115.
        long agree = units.stream().filter(u -> u.value("alice").equals(u.value("bob"))).count();
        assertEquals(10, agree);
        Map<String, Long> byAlice = units.stream().collect(Collectors.groupingBy(u -> u.value("alice").toString(), Collectors.counting()));
        Map<String, Long> byBob = units.stream().collect(Collectors.groupingBy(u -> u.value("bob").toString(), Collectors.counting()));
        double chance = byAlice.entrySet().stream().mapToDouble(e -> e.getValue() * byBob.getOrDefault(e.getKey(), 0L)).sum() / 169;
        assertEquals(76.0 / 115, (agree / 13.0 - chance) / (1 - chance), 1e-12);

        // The same from tokens given directly, and from tokens stored with the asset without a store.
        var seg = new DefaultTokenizer().segment(TextRulesTest.TEXT);
        assertEquals(show(units), show(new TokenUnits().unitsOver(seg, item, List.of(ALICE, BOB))));
        Item pretokenized = item("media/doc.txt", seg.addTo(Map.of()), ALICE, BOB);
        assertEquals(show(units), show(new TokenUnits().units(pretokenized, List.of(ALICE, BOB), null)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TokenUnits().units(item, List.of(ALICE, BOB), null));
        assertTrue(e.getMessage().startsWith("item 'doc': token units need the document's tokens"), e.getMessage());
    }

    @Test
    void theRegistryGivesTheStoreToServicesThatReadMedia() throws Exception {
        StoredProject p = Texts.project(tmp.resolve("p"), TextRulesTest.TEXT);
        AgreementRegistry registry = new AgreementRegistry();
        registry.addUnits(new ExactSpanUnits());
        registry.addUnits(new OverlapSpanUnits());
        registry.addUnits(new TokenUnits());
        List<AgreementUnit> all = registry.units(p, item("media/doc.txt", null, ALICE, BOB), List.of(ALICE, BOB), null);
        assertEquals(Map.of("text.span-exact", 6L, "text.relation-exact", 5L, "text.span-overlap", 4L, "text.relation-overlap", 3L, "text.token", 13L),
                all.stream().collect(Collectors.groupingBy(AgreementUnit::kind, Collectors.counting())));
        assertThrows(IllegalArgumentException.class, () -> registry.units(item("media/doc.txt", null, ALICE, BOB), List.of(ALICE, BOB), null),
                "without the store the token units cannot be made");
        assertThrows(IllegalArgumentException.class, () -> new ExactSpanUnits().units(item("d.txt", null, ALICE), List.of(ALICE, ALICE), null));
    }
}
