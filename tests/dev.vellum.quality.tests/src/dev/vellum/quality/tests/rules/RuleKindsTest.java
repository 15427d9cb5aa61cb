package dev.vellum.quality.tests.rules;

import static dev.vellum.quality.tests.rules.RuleProjects.box;
import static dev.vellum.quality.tests.rules.RuleProjects.item;
import static dev.vellum.quality.tests.rules.RuleProjects.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Finding.Severity;
import dev.vellum.core.spi.StoreException;
import dev.vellum.quality.rules.ProjectRule;
import dev.vellum.quality.rules.ProjectRule.LabelDistribution;
import dev.vellum.quality.rules.ProjectValidation;
import dev.vellum.quality.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of project rule on data that passes and data that fails, and the parser's errors. */
class RuleKindsTest {
    private static List<Finding> check(String rulesJson, Item item) throws StoreException {
        RuleSet rules = RuleSet.parse("rules/draft.json", rulesJson);
        List<Finding> out = new ArrayList<>();
        ProjectValidation.check(item, rules.rules(), "v1", out::add);
        return out;
    }

    private static String file(String... rules) {
        return "{\"format\": \"vellum-rules\", \"formatVersion\": 1, \"rules\": [" + String.join(",", rules) + "]}";
    }

    private static final String OCCLUDED = """
            {"id": "car-occluded", "kind": "required-attributes", "severity": "error", "labels": ["car"],
             "attributes": ["occluded", "kind"], "description": "say whether a car is occluded and its kind"}""";

    @Test
    void requiredAttributesPassWhenSetAndFailPerMissingAttribute() throws Exception {
        Item ok = item("i1", new AnnotationSet("alice", AnnotationState.SUBMITTED, 0, RuleProjects.T0, RuleProjects.T0,
                List.of(box("a1", "car", Map.of("occluded", false, "kind", "suv")), box("a2", "person", Map.of()))));
        assertEquals(List.of(), check(file(OCCLUDED), ok), "false is a value; persons are not asked");

        Item bad = item("i2", new AnnotationSet("bob", AnnotationState.IN_PROGRESS, 0, RuleProjects.T0, RuleProjects.T0,
                List.of(box("b1", "car", Map.of("kind", "")), box("b2", "car", Map.of("occluded", true, "kind", "van")))));
        List<Finding> f = check(file(OCCLUDED), bad);
        assertEquals(2, f.size(), f.toString());
        assertEquals(new Finding("project.car-occluded@v1", Severity.ERROR, "i2", "bob", "b1",
                "'car' must have attribute 'occluded' set: say whether a car is occluded and its kind"), f.get(0));
        assertTrue(f.get(1).message().contains("'kind'"), "an empty string is not set");
    }

    @Test
    void requiredAttributesByTypeAndLabelTogether() throws Exception {
        String rule = file("""
                {"id": "r", "kind": "required-attributes", "labels": ["car"], "types": ["image.polygon"], "attributes": ["occluded"]}""");
        Item boxes = item("i1", set("alice", AnnotationState.SUBMITTED, "car"));
        assertEquals(List.of(), check(rule, boxes), "a car box is not a car polygon");
        assertEquals(Severity.WARNING, RuleSet.parse("x", rule).rules().get(0).severity(), "warning by default");
    }

    @Test
    void requiresFindsTheTriggerWithoutItsCompanions() throws Exception {
        String rule = file("""
                {"id": "bike-rider", "kind": "label-combination", "when": "bicycle", "requires": ["person"], "severity": "warning"}""");
        assertEquals(List.of(), check(rule, item("i1", set("alice", AnnotationState.SUBMITTED, "person", "bicycle"))));
        assertEquals(List.of(), check(rule, item("i2", set("alice", AnnotationState.SUBMITTED, "car"))), "no trigger, no finding");
        List<Finding> f = check(rule, item("i3", set("alice", AnnotationState.SUBMITTED, "car", "bicycle"),
                set("bob", AnnotationState.SUBMITTED, "bicycle", "person")));
        assertEquals(1, f.size(), "per set: bob's set has its rider");
        assertEquals("alice", f.get(0).annotator());
        assertEquals("a2", f.get(0).annotationId(), "on the bicycle");
        assertTrue(f.get(0).message().startsWith("'bicycle' without 'person' in the same set"), f.get(0).message());
    }

    @Test
    void excludesFindsEachForbiddenPartner() throws Exception {
        String rule = file("""
                {"id": "day-night", "kind": "label-combination", "when": "daytime", "excludes": ["night"], "severity": "error"}""");
        assertEquals(List.of(), check(rule, item("i1", set("alice", AnnotationState.SUBMITTED, "daytime", "car"))));
        assertEquals(List.of(), check(rule, item("i1", set("alice", AnnotationState.SUBMITTED, "night"))));
        List<Finding> f = check(rule, item("i2", set("alice", AnnotationState.SUBMITTED, "night", "daytime", "night")));
        assertEquals(List.of("a1", "a3"), f.stream().map(Finding::annotationId).toList());
        assertEquals("'night' together with 'daytime' in the same set", f.get(0).message(), "no description: the message ends there");
    }

    @Test
    void exactlyOneOfForClassification() throws Exception {
        String rule = file("""
                {"id": "time-of-day", "kind": "label-combination", "exactlyOneOf": ["daytime", "night"], "modality": "image"}""");
        assertEquals(List.of(), check(rule, item("i1", set("alice", AnnotationState.ACCEPTED, "daytime", "car"))));
        List<Finding> two = check(rule, item("i2", set("alice", AnnotationState.SUBMITTED, "daytime", "night")));
        assertEquals(1, two.size());
        assertEquals("a2", two.get(0).annotationId(), "the second one is the extra");
        List<Finding> none = check(rule, item("i3", set("alice", AnnotationState.SUBMITTED, "car")));
        assertEquals(1, none.size());
        assertEquals("", none.get(0).annotationId(), "a set-level finding");
        assertEquals(List.of(), check(rule, item("i4", set("alice", AnnotationState.IN_PROGRESS, "car"))),
                "a set still in progress may not have got there yet");
    }

    @Test
    void distributionComparesSharesWithinTheTolerance() throws Exception {
        LabelDistribution d = (LabelDistribution) RuleSet.parse("x", file("""
                {"id": "balance", "kind": "label-distribution", "modality": "image", "expected": {"car": 0.5, "person": 0.3},
                 "tolerance": 0.1, "minCount": 10, "severity": "info", "description": "street mix"}""")).rules().get(0);
        List<Finding> f = new ArrayList<>();
        d.check(Map.of("car", 6, "person", 4), "id", f::add);
        assertEquals(List.of(), f, "below minCount: too few to judge");
        d.check(Map.of("car", 12, "person", 6, "bicycle", 2), "id", f::add);
        assertEquals(List.of(), f, "60% and 30%: car at the edge of 50 +- 10 passes");
        d.check(Map.of("car", 14, "person", 4, "bicycle", 2), "id", f::add);
        assertEquals(1, f.size(), f.toString());
        Finding car = f.get(0);
        assertEquals("", car.itemId(), "a project-level finding");
        assertEquals(Severity.INFO, car.severity());
        assertEquals("label 'car' is 70.0% of 20 image annotations (14); expected 50.0% \u00b1 10.0%: street mix", car.message());
    }

    @Test
    void badRuleFilesNameTheDocumentTheRuleAndTheProblem() {
        assertBad("{\"rules\": [", "rules/draft.json: invalid JSON at line 1");
        assertBad("[]", "rules/draft.json: is not a JSON object");
        assertBad("{}", "rules/draft.json: has no \"rules\" array");
        assertBad(file("{\"id\": \"a\", \"kind\": \"required-attributes\", \"labels\": [\"car\"]}"),
                "rules/draft.json: rule 1 ('a'): \"attributes\" is missing");
        assertBad(file("{\"id\": \"a\", \"kind\": \"required-attributes\", \"labels\": [\"car\"], \"attributes\": [\"x\"], \"sevrity\": \"error\"}"),
                "unknown field \"sevrity\"");
        assertBad(file("{\"id\": \"a\", \"kind\": \"magic\"}"), "rule 1 ('a'): unknown kind 'magic'");
        assertBad(file("{\"id\": \"a\", \"kind\": \"label-combination\", \"when\": \"x\", \"requires\": [\"y\"], \"excludes\": [\"z\"]}"),
                "exactly one of");
        assertBad(file("{\"id\": \"a\", \"kind\": \"label-combination\", \"when\": \"x\", \"requires\": [\"y\"], \"severity\": \"fatal\"}"),
                "'fatal': it must be error, warning or info");
        assertBad(file("{\"id\": \"d\", \"kind\": \"label-distribution\", \"modality\": \"image\", \"expected\": {\"car\": 0.8, \"person\": 0.4}, \"tolerance\": 0.1}"),
                "add up to 1.200");
        assertBad(file("{\"id\": \"d\", \"kind\": \"label-distribution\", \"expected\": {\"car\": 0.8}, \"tolerance\": 0.1}"),
                "needs \"modality\"");
        assertBad(file("{\"id\": \"a\", \"kind\": \"label-combination\", \"when\": \"x\", \"requires\": [\"y\"]}",
                "{\"id\": \"a\", \"kind\": \"label-combination\", \"when\": \"x\", \"excludes\": [\"y\"]}"),
                "rule 2 ('a'): the id 'a' is used by an earlier rule too");
        assertBad("{\"format\": \"vellum-rules\", \"formatVersion\": 9, \"rules\": []}", "newer than this Vellum reads");
    }

    private static void assertBad(String text, String expected) {
        StoreException e = assertThrows(StoreException.class, () -> RuleSet.parse("rules/draft.json", text));
        assertTrue(e.getMessage().startsWith("rules/draft.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void findingIdsNameTheRuleSetVersion() throws Exception {
        ProjectRule r = RuleSet.parse("x", file(OCCLUDED)).rules().get(0);
        assertEquals("project.car-occluded@v3", r.findingId("v3"));
        assertEquals("project.car-occluded@draft", r.findingId("draft"));
    }

    @Test
    void theDocumentedExampleFileParsesIntoEveryKind() throws Exception {
        String text;
        // The host bundle answers for this fragment: findEntries looks into fragments, getEntry does not.
        try (java.io.InputStream in = org.osgi.framework.FrameworkUtil.getBundle(RuleKindsTest.class)
                .findEntries("resources/rules", "streets.json", false).nextElement().openStream()) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        RuleSet rules = RuleSet.parse("streets.json", text);
        assertEquals(List.of("required-attributes", "label-combination", "label-combination", "label-distribution"),
                rules.rules().stream().map(ProjectRule::kind).toList());
        ProjectRule.LabelCombination once = (ProjectRule.LabelCombination) rules.rule("day-or-night").orElseThrow();
        assertEquals(ProjectRule.LabelCombination.Combination.EXACTLY_ONE_OF, once.combination());
        assertEquals("image", once.modality());
        LabelDistribution mix = (LabelDistribution) rules.rule("street-mix").orElseThrow();
        assertEquals(Map.of("car", 0.5, "person", 0.3), mix.expected());
        assertEquals(20, mix.minCount());
        assertTrue(once.accepts("image") && !once.accepts("text"));
    }
}
