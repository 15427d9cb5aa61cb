package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.spi.AnnotationType;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PayloadException;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.Rationale;
import dev.vellum.modality.preference.model.Rubric;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payloads of rankings, rubric scores and flags read back as written, and bad ones are named. */
class JudgementPayloadTest {
    private final PreferenceModality modality = new PreferenceModality();

    private List<String> problems(String type, Map<String, Object> payload) {
        return modality.validate(Annotation.create("a", type, "", payload, "t"), null, 1);
    }

    @Test
    void theModalityDefinesFourTypes() {
        assertEquals(List.of(Pairwise.TYPE, Ranking.TYPE, Rubric.TYPE, Flag.TYPE), modality.annotationTypes().stream().map(AnnotationType::id).toList());
        assertEquals(Map.of("ranks", Map.of(), "order", List.of()), modality.createPayload(Ranking.TYPE));
        assertEquals(List.of(), problems(Pairwise.TYPE, modality.createPayload(Pairwise.TYPE)));
        assertEquals(List.of(), problems(Ranking.TYPE, modality.createPayload(Ranking.TYPE)), "an empty ranking is work in progress, not an error");
        assertFalse(problems(Rubric.TYPE, modality.createPayload(Rubric.TYPE)).isEmpty(), "a rubric template names no response yet");
        assertThrows(IllegalArgumentException.class, () -> modality.createPayload("preference.nope"));
    }

    @Test
    void aRankingWithTiesReadsBackAndGivesMidRanks() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ranks", new LinkedHashMap<>(Map.of("A", 1)));
        ((Map<String, Object>) payload.get("ranks")).put("B", 2);
        ((Map<String, Object>) payload.get("ranks")).put("C", 2);
        ((Map<String, Object>) payload.get("ranks")).put("D", 4.0);
        payload.put("order", List.of("C", "A", "D", "B"));
        Ranking r = Ranking.fromPayload(payload);
        assertEquals(List.of(List.of("A"), List.of("B", "C"), List.of("D")), r.groups());
        assertEquals(Map.of("A", 1.0, "B", 2.5, "C", 2.5, "D", 4.0), r.midRanks());
        assertTrue(r.hasTies());
        assertEquals(List.of("E"), r.unranked(List.of("A", "B", "C", "D", "E")));
        assertEquals(r, Ranking.fromPayload(r.toPayload()));
        assertEquals(List.of(), problems(Ranking.TYPE, r.toPayload()));
        Ranking dense = Ranking.fromPayload(Map.of("ranks", Map.of("A", 1, "B", 3, "C", 3, "D", 9)));
        assertEquals(r.midRanks(), dense.midRanks(), "only the order of ranks means something");
        assertFalse(dense.with("C", 2).hasTies());
    }

    @Test
    void badRankingsAreNamed() {
        assertEquals(List.of("preference.ranking: the rank of 'A' must be a whole number from 1, found 0"),
                problems(Ranking.TYPE, Map.of("ranks", Map.of("A", 0))));
        assertEquals(List.of("preference.ranking: 'ranks.A' must be a whole number, found 1.5"), problems(Ranking.TYPE, Map.of("ranks", Map.of("A", 1.5))));
        assertEquals(List.of("preference.ranking: 'ranks' must map response ids to ranks, found [A]"), problems(Ranking.TYPE, Map.of("ranks", List.of("A"))));
        assertEquals(List.of("preference.ranking: 'order' names 'A' twice"), problems(Ranking.TYPE, Map.of("ranks", Map.of(), "order", List.of("A", "A"))));
    }

    @Test
    void rubricScoresAreOnePerResponseAndEmptyDimensionsAreAllowedInPayloads() {
        Map<String, Object> scores = new HashMap<>();
        scores.put("helpfulness", 4);
        scores.put("honesty", null);
        Rubric r = Rubric.fromPayload(Map.of("response", "B", "scores", scores));
        assertEquals(Map.of("helpfulness", 4), r.scores(), "a null score is an empty dimension");
        assertEquals(r, Rubric.fromPayload(r.toPayload()));
        assertEquals(Map.of("helpfulness", 4, "honesty", 5), r.with("honesty", 5).scores());
        assertEquals(Map.of(), r.with("helpfulness", null).scores());
        assertEquals(List.of("preference.rubric: 'response' must name a response, found null"), problems(Rubric.TYPE, Map.of("scores", Map.of())));
        assertEquals(List.of("preference.rubric: 'scores.honesty' must be a whole number, found high"),
                problems(Rubric.TYPE, Map.of("response", "A", "scores", Map.of("honesty", "high"))));
    }

    @Test
    void flagsCarryAnOptionalSpan() {
        Flag whole = Flag.fromPayload(Map.of("response", "C", "flag", "refusal"));
        assertFalse(whole.hasSpan());
        assertEquals(Map.of("response", "C", "flag", "refusal"), whole.toPayload());
        Flag span = Flag.fromPayload(Map.of("response", "B", "flag", "factual_error", "start", 10, "end", 24));
        assertTrue(span.hasSpan());
        assertEquals(span, Flag.fromPayload(span.toPayload()));
        assertEquals(List.of("preference.flag: 'start' and 'end' come together (a span) or not at all (the whole response)"),
                problems(Flag.TYPE, Map.of("response", "B", "flag", "unsafe", "start", 3)));
        assertEquals(List.of("preference.flag: the span 5..5 must have 0 <= start < end"),
                problems(Flag.TYPE, Map.of("response", "B", "flag", "unsafe", "start", 5, "end", 5)));
        assertEquals(List.of("preference.flag: 'flag' must name a flag such as 'unsafe', found null"), problems(Flag.TYPE, Map.of("response", "B")));
        assertThrows(PayloadException.class, () -> new Flag("B", ""));
    }

    @Test
    void pairwiseOrdersMustNotRepeatAnId() {
        assertEquals(List.of("preference.pairwise: 'order' names 'A' twice"),
                problems(Pairwise.TYPE, Map.of("preferred", "A", "strength", 1, "order", List.of("A", "A"))));
        assertEquals(List.of(), problems(Pairwise.TYPE, Map.of("preferred", "A", "strength", 1)), "an order that was not recorded is fine");
    }

    @Test
    void theRationaleIsAnAttributeOfTheJudgement() {
        Annotation a = Prefs.pairwise("p", Pairwise.TIE, 0, "A", "B");
        assertEquals("", Rationale.of(a));
        Annotation b = Prefs.withRationale(a, "  Both are correct and equally clear. ");
        assertEquals("Both are correct and equally clear.", Rationale.of(b));
        assertTrue(Rationale.isGiven(b));
        assertEquals(a.payload(), b.payload(), "the payload is untouched");
        assertFalse(Rationale.with(b, " ").containsKey(Rationale.ATTRIBUTE), "a blank rationale is removed");
        Annotation wrong = a.withAttributes(Map.of(Rationale.ATTRIBUTE, 3), "t");
        assertEquals(List.of("preference.pairwise: the attribute 'rationale' must be text, found 3"), modality.validate(wrong, null, 1));
    }
}
