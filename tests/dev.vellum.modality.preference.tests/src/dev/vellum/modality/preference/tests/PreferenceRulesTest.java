package dev.vellum.modality.preference.tests;

import static dev.vellum.modality.preference.tests.Prefs.flag;
import static dev.vellum.modality.preference.tests.Prefs.pairwise;
import static dev.vellum.modality.preference.tests.Prefs.ranking;
import static dev.vellum.modality.preference.tests.Prefs.rubric;
import static dev.vellum.modality.preference.tests.Prefs.set;
import static dev.vellum.modality.preference.tests.Prefs.withRationale;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.core.validation.Validator;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PreferenceSettings;
import dev.vellum.modality.preference.model.Response;
import dev.vellum.modality.preference.quality.DuplicateJudgement;
import dev.vellum.modality.preference.quality.FlagSpan;
import dev.vellum.modality.preference.quality.IncompleteRanking;
import dev.vellum.modality.preference.quality.IncompleteRubric;
import dev.vellum.modality.preference.quality.MissingRationale;
import dev.vellum.modality.preference.quality.NotAllowed;
import dev.vellum.modality.preference.quality.ResponseOrder;
import dev.vellum.modality.preference.quality.UnknownResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each preference rule finds what it is for, and nothing in a clean item; they read the comparison through the store. */
class PreferenceRulesTest {
    @TempDir
    Path tmp;

    static List<ValidationRule> rules() {
        return List.of(new UnknownResponse(), new ResponseOrder(), new IncompleteRanking(), new IncompleteRubric(), new MissingRationale(),
                new NotAllowed(), new FlagSpan(), new DuplicateJudgement());
    }

    static Validator validator() {
        ModalityRegistry modalities = new ModalityRegistry();
        modalities.addModality(new PreferenceModality());
        Validator v = new Validator(modalities);
        rules().forEach(v::addRule);
        return v;
    }

    /** "rule annotator/annotation severity: message" for each preference finding of the item. */
    private static List<String> findings(StoredProject p, Item item) {
        return validator().validate(p, item).stream().map(f -> f.ruleId() + " " + f.annotator() + "/" + f.annotationId() + " " + f.severity() + ": " + f.message())
                .toList();
    }

    private static Map<String, Object> settings(String rationale) {
        Map<String, Object> s = new java.util.LinkedHashMap<>(PreferenceSettings.DEFAULT.toJson());
        s.put("rationale", rationale);
        s.put("modes", List.of("pairwise", "ranking", "rubric"));
        s.put("rubric", List.of(Map.of("id", "helpfulness", "min", 1, "max", 5), Map.of("id", "honesty", "min", 1, "max", 5)));
        return Map.of(PreferenceSettings.EXTENSION, s);
    }

    @Test
    void aCompleteItemHasNoFindings() throws Exception {
        try (StoredProject p = Prefs.project(tmp.resolve("p"), settings("ties"))) {
            Item item = Prefs.put(p, Prefs.comparison("A", "B", "C"), Prefs.item("c1",
                    set("alice", AnnotationState.SUBMITTED, withRationale(ranking("r", "A", 1, "B", 2, "C", 2), "B and C are equally vague."),
                            rubric("s1", "A", "helpfulness", 5, "honesty", 4), rubric("s2", "B", "helpfulness", 2, "honesty", 4),
                            rubric("s3", "C", "helpfulness", 2, "honesty", 5), flag("f", "B", "factual_error", 0, 6),
                            pairwise("p", "A", 2, "C", "A")),
                    set("bob", pairwise("q", Pairwise.TIE, 0), ranking("r", "C", 1, "A", 2, "B", 3))));
            assertEquals(List.of("preference.rationale-missing bob/q WARNING: a tie needs a rationale in this project (rationale: ties)"), findings(p, item),
                    "only bob's tie lacks its rationale, a warning while bob is at work");
        }
    }

    @Test
    void judgementsOfUnknownResponsesAreErrors() throws Exception {
        try (StoredProject p = Prefs.project(tmp.resolve("p"), null)) {
            Item item = Prefs.put(p, Prefs.comparison("A", "B"), Prefs.item("c1", set("alice", pairwise("p", "Z", 1, "A", "B"),
                    ranking("r", "A", 1, "B", 2, "X", 3), rubric("s", "Q"), flag("f", "Y", "unsafe", null, null))));
            assertEquals(List.of(
                    "preference.unknown-response alice/p ERROR: pairwise choice prefers 'Z', which is not a response of this comparison ('A', 'B')",
                    "preference.unknown-response alice/r ERROR: ranking ranks 'X', not a response of this comparison ('A', 'B')",
                    "preference.unknown-response alice/s ERROR: rubric scores of 'Q', which is not a response of this comparison ('A', 'B')",
                    "preference.unknown-response alice/f ERROR: flag 'unsafe' of 'Y', which is not a response of this comparison ('A', 'B')"),
                    findings(p, item).stream().filter(f -> f.startsWith(UnknownResponse.ID)).toList());
        }
    }

    @Test
    void anUnreadableComparisonIsReportedOncePerItem() throws Exception {
        try (StoredProject p = Prefs.project(tmp.resolve("p"), null)) {
            Item item = Prefs.item("c1", set("alice", pairwise("p", "A", 1)), set("bob", pairwise("q", "B", 1)));
            p.documents().write("media/c1.json", "{\"prompt\": \"hi\", \"responses\": [{\"id\": \"A\"}]}");
            p.saveItem(item);
            List<String> found = findings(p, item);
            assertEquals(1, found.size(), found.toString());
            String expected = "preference.unknown-response / ERROR: " + tmp.resolve("p/media/c1.json") + ": not a comparison: a comparison needs at least 2 responses, found 1";
            assertEquals(expected, found.get(0));
            Files.delete(tmp.resolve("p/media/c1.json"));
            assertEquals(List.of("store.missing-media"), validator().validate(p, item).stream().map(Finding::ruleId).toList(),
                    "a missing file is core's finding alone");
        }
    }

    @Test
    void ordersMustBePermutationsOfTheComparison() throws Exception {
        try (StoredProject p = Prefs.project(tmp.resolve("p"), null)) {
            Item two = Prefs.put(p, Prefs.comparison("A", "B"), Prefs.item("c2", set("alice", pairwise("p", "A", 1, "A", "C"),
                    pairwise("q", "A", 1, "A"), withOrder(ranking("r", "A", 1, "B", 2), "B", "A", "C"))));
            assertEquals(List.of("preference.order alice/p ERROR: pairwise choice: the recorded order ['A', 'C'] is not an order of this comparison's responses ['A', 'B']",
                    "preference.order alice/q ERROR: pairwise choice: the recorded order ['A'] is not an order of this comparison's responses ['A', 'B']",
                    "preference.order alice/r ERROR: ranking: the recorded order ['B', 'A', 'C'] is not an order of this comparison's responses ['A', 'B']"),
                    findings(p, two).stream().filter(f -> f.startsWith(ResponseOrder.ID)).toList());
            Item three = Prefs.put(p, Prefs.comparison("A", "B", "C"), Prefs.item("c3", set("alice", pairwise("p", "B", 1, "C", "B"),
                    pairwise("q", "A", 1, "C", "B"), pairwise("s", "A", 1, "B", "C", "A"), pairwise("t", "A", 1))));
            assertEquals(List.of("preference.order alice/q ERROR: pairwise choice between 'C', 'B' prefers 'A', which is neither"),
                    findings(p, three).stream().filter(f -> f.startsWith(ResponseOrder.ID)).toList(),
                    "with three responses a choice may record the pair it was between");
        }
    }

    private static dev.vellum.core.model.Annotation withOrder(dev.vellum.core.model.Annotation a, String... order) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>(a.payload());
        payload.put("order", List.of(order));
        return a.withPayload(payload, "t");
    }

    @Test
    void incompleteRankingsAndRubricsAreWarningsInProgressAndErrorsWhenSubmitted() throws Exception {
        try (StoredProject p = Prefs.project(tmp.resolve("p"), settings("never"))) {
            AnnotationSet alice = set("alice", ranking("r", "A", 1, "C", 2), rubric("s1", "A", "helpfulness", 4), rubric("s2", "B", "helpfulness", 3, "honesty", 3));
            AnnotationSet bob = set("bob", AnnotationState.SUBMITTED, ranking("r", "B", 1), rubric("s1", "C", "helpfulness", 4, "honesty", 3));
            Item item = Prefs.put(p, Prefs.comparison("A", "B", "C"), Prefs.item("c1", alice, bob));
            assertEquals(List.of("preference.incomplete-ranking alice/r WARNING: ranking leaves 'B' unranked (2 of 3 responses ranked)",
                    "preference.incomplete-ranking bob/r ERROR: ranking leaves 'A', 'C' unranked (1 of 3 responses ranked)",
                    "preference.incomplete-rubric alice/s1 WARNING: rubric scores of 'A' leave 'honesty' empty",
                    "preference.incomplete-rubric alice/s1 WARNING: no rubric scores for 'C' (2 of 3 responses scored)",
                    "preference.incomplete-rubric bob/s1 ERROR: no rubric scores for 'A', 'B' (1 of 3 responses scored)"), findings(p, item));
        }
    }

    @Test
    void theRationaleRequirementFollowsTheSettings() throws Exception {
        try (StoredProject p = Prefs.project(tmp.resolve("p"), settings("always"))) {
            Item item = Prefs.put(p, Prefs.comparison("A", "B"), Prefs.item("c1",
                    set("alice", AnnotationState.SUBMITTED, pairwise("p", "A", 2), ranking("r", "A", 1, "B", 1)),
                    set("bob", withRationale(pairwise("p", Pairwise.BOTH_BAD, 0), "Both ignore the question."), withRationale(ranking("r", "A", 1, "B", 2), "A is right."))));
            assertEquals(List.of("preference.rationale-missing alice/p ERROR: a pairwise choice needs a rationale in this project (rationale: always)",
                    "preference.rationale-missing alice/r ERROR: a ranking with ties needs a rationale in this project (rationale: always)"),
                    findings(p, item));
        }
        try (StoredProject p = Prefs.project(tmp.resolve("q"), null)) {
            Item item = Prefs.put(p, Prefs.comparison("A", "B"), Prefs.item("c1", set("alice", pairwise("p", Pairwise.TIE, 0))));
            assertEquals(List.of(), findings(p, item), "by default no rationale is required");
        }
    }

    @Test
    void judgementsOutsideTheSettingsAreErrors() throws Exception {
        Map<String, Object> s = new java.util.LinkedHashMap<>(settings("never").get(PreferenceSettings.EXTENSION) instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of());
        s.put("pairwise", Map.of("maxStrength", 2, "tie", false));
        s.put("flags", List.of("unsafe"));
        try (StoredProject p = Prefs.project(tmp.resolve("p"), Map.of(PreferenceSettings.EXTENSION, s))) {
            Item item = Prefs.put(p, Prefs.comparison("A", "B"), Prefs.item("c1", set("alice", pairwise("p", "A", 3), pairwise("q", Pairwise.TIE, 0, "A", "B"),
                    rubric("s1", "A", "helpfulness", 6, "honesty", 5, "style", 2), rubric("s2", "B", "helpfulness", 1, "honesty", 1),
                    flag("f", "A", "refusal", null, null))));
            assertEquals(List.of("preference.not-allowed alice/p ERROR: pairwise choice: strength 3 is above the project's largest, 2",
                    "preference.not-allowed alice/q ERROR: pairwise choice: ties are not allowed in this project",
                    "preference.not-allowed alice/s1 ERROR: rubric scores of 'A': helpfulness 6 is outside 1..5",
                    "preference.not-allowed alice/s1 ERROR: rubric scores of 'A': 'style' is not a dimension of this project's rubric",
                    "preference.not-allowed alice/f ERROR: flag 'refusal' is not one this project allows"),
                    findings(p, item).stream().filter(f -> f.startsWith(NotAllowed.ID)).toList());
        }
        try (StoredProject p = Prefs.project(tmp.resolve("q"), Map.of(PreferenceSettings.EXTENSION, Map.of("rationale", "often")))) {
            Item item = Prefs.put(p, Prefs.comparison("A", "B"), Prefs.item("c1", set("alice", pairwise("p", "A", 1)), set("bob", pairwise("p", "A", 1))));
            assertEquals(List.of("preference.not-allowed / ERROR: project extension 'preference.settings': unknown rationale requirement 'often' (never, ties or always)"),
                    findings(p, item), "malformed settings are reported once per item, and the other rules do not fail");
        }
    }

    @Test
    void flagSpansMustFitTheResponse() throws Exception {
        try (StoredProject p = Prefs.project(tmp.resolve("p"), null)) {
            // 😀 is one code point and two UTF-16 units: offsets count code points
            Comparison c = new Comparison(List.of(new Message("user", "Hi")), List.of(new Response("A", "Hello 😀!", null), new Response("B", "Hey", null)), null);
            Item item = Prefs.put(p, c, Prefs.item("c1", set("alice", flag("f1", "A", "unsafe", 6, 8), flag("f2", "A", "unsafe", 6, 9), flag("f3", "B", "refusal", null, null))));
            assertEquals(List.of("preference.flag-span alice/f2 ERROR: flag 'unsafe' on 'A': the span 6..9 reaches past the response's end (8 characters)"), findings(p, item));
        }
    }

    @Test
    void theSameJudgementTwiceIsADuplicate() throws Exception {
        try (StoredProject p = Prefs.project(tmp.resolve("p"), null)) {
            Item item = Prefs.put(p, Prefs.comparison("A", "B"), Prefs.item("c1", set("alice", pairwise("p1", "A", 1, "B", "A"), pairwise("p2", "B", 1),
                    ranking("r1", "A", 1, "B", 2), ranking("r2", "A", 1, "B", 2), rubric("s1", "A"), rubric("s2", "A"), rubric("s3", "B"),
                    flag("f1", "A", "unsafe", 0, 3), flag("f2", "A", "unsafe", 0, 3), flag("f3", "A", "unsafe", 1, 3))));
            assertEquals(List.of("preference.duplicate alice/p2 ERROR: a second pairwise choice between 'A', 'B' (the first is p1)",
                    "preference.duplicate alice/r2 ERROR: a second ranking (the first is r1)",
                    "preference.duplicate alice/s2 ERROR: second rubric scores of 'A' (the first is s1)",
                    "preference.duplicate alice/f2 ERROR: the flag 'unsafe' on 'A' at 0..3 again (the first is f1)"),
                    findings(p, item).stream().filter(f -> f.startsWith(DuplicateJudgement.ID)).toList());
        }
    }
}
