package dev.vellum.quality.tests.rules;

import static dev.vellum.quality.tests.rules.RuleProjects.item;
import static dev.vellum.quality.tests.rules.RuleProjects.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.validation.Validator;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.quality.rules.ProjectRules;
import dev.vellum.quality.rules.ProjectValidation;
import dev.vellum.quality.rules.RulesFreezer;
import dev.vellum.store.folder.FolderProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules frozen with each published guideline version; findings follow the version in force. */
class RuleVersionsTest {
    private static final String A = """
            {"format": "vellum-rules", "formatVersion": 1, "rules": [
              {"id": "bike-rider", "kind": "label-combination", "when": "bicycle", "requires": ["person"], "severity": "error"}
            ]}
            """;
    private static final String B = """
            {"format": "vellum-rules", "formatVersion": 1, "rules": [
              {"id": "time-of-day", "kind": "label-combination", "exactlyOneOf": ["daytime", "night"], "severity": "warning"},
              {"id": "balance", "kind": "label-distribution", "modality": "image", "expected": {"car": 0.2}, "tolerance": 0.1}
            ]}
            """;

    @TempDir
    Path dir;

    private static List<Finding> projectFindings(FolderProject p) {
        List<Finding> out = new ArrayList<>();
        new ProjectValidation(new Validator(new ModalityRegistry())).validate(p, Progress.NONE, f -> {
            if (f.ruleId().startsWith("project.")) {
                out.add(f);
            }
        });
        return out;
    }

    private static Guidelines guidelines(FolderProject p) {
        return new Guidelines(p, List.of(new RulesFreezer()));
    }

    @Test
    void findingsFollowTheRulesOfTheCurrentGuidelineVersion() throws Exception {
        try (FolderProject p = RuleProjects.create(dir)) {
            // alice: a bicycle without its rider (A) and no time of day (B); bob: cars only, with daytime.
            p.saveItem(item("s1", set("alice", AnnotationState.SUBMITTED, "bicycle", "car"),
                    set("bob", AnnotationState.ACCEPTED, "car", "car", "daytime")));
            ProjectRules rules = new ProjectRules(p);
            rules.saveDraft("a.json", A, "carol");
            assertEquals(List.of("project.bike-rider@draft"), projectFindings(p).stream().map(Finding::ruleId).toList(),
                    "before any publish the draft is in force");

            Guidelines g = guidelines(p);
            g.saveDraft("# Streets\n\nBox every car.\n", "carol");
            g.publish("First", "carol");
            assertEquals(A, Files.readString(dir.resolve("rules/v1.json")));
            rules.saveDraft("b.json", B, "carol");
            List<Finding> v1 = projectFindings(p);
            assertEquals(List.of("project.bike-rider@v1"), v1.stream().map(Finding::ruleId).toList(),
                    "editing the draft does not change the rules in force");
            assertEquals("alice", v1.get(0).annotator());

            g.saveDraft("# Streets\n\nBox every car and every bicycle.\n", "carol");
            g.publish("Second", "carol");
            List<Finding> v2 = projectFindings(p);
            assertEquals(List.of("project.time-of-day@v2", "project.balance@v2"), v2.stream().map(Finding::ruleId).toList());
            assertEquals("alice", v2.get(0).annotator());
            assertTrue(v2.get(1).message().startsWith("label 'car' is 60.0% of 5 image annotations (3); expected 20.0%"),
                    v2.get(1).message());
            assertEquals(A, rules.versionText(1).orElseThrow(), "v1's rules are kept as they were");
        }
    }

    @Test
    void aBrokenDraftStopsThePublishNamingTheDraft() throws Exception {
        try (FolderProject p = RuleProjects.create(dir)) {
            Files.createDirectories(dir.resolve("rules"));
            Files.writeString(dir.resolve("rules/draft.json"), "{\"rules\": [{\"id\": \"x\", \"kind\": \"nope\"}]}");
            Guidelines g = guidelines(p);
            g.saveDraft("# Streets\n", "carol");
            StoreException e = assertThrows(StoreException.class, () -> g.publish("First", "carol"));
            assertTrue(e.getMessage().contains("rules/draft.json: rule 1 ('x'): unknown kind 'nope'"), e.getMessage());
            assertEquals(0, g.current(), "nothing was published");
            assertFalse(Files.exists(dir.resolve("rules/v1.json")));
        }
    }

    @Test
    void aBrokenRuleFileInForceIsOneErrorFindingAndTheOtherRulesStillRun() throws Exception {
        try (FolderProject p = RuleProjects.create(dir)) {
            p.saveItem(item("s1", set("alice", AnnotationState.SUBMITTED, "truck")));
            Files.createDirectories(dir.resolve("rules"));
            Files.writeString(dir.resolve("rules/draft.json"), "{\"rules\": [");
            List<Finding> all = new ArrayList<>();
            new ProjectValidation(new Validator(new ModalityRegistry())).validate(p, Progress.NONE, all::add);
            Finding bad = all.stream().filter(f -> f.ruleId().equals(ProjectValidation.BAD_RULE_FILE)).findFirst().orElseThrow();
            assertEquals(Finding.Severity.ERROR, bad.severity());
            assertTrue(bad.message().startsWith(dir.resolve("rules/draft.json") + ": invalid JSON"), bad.message());
            assertTrue(all.stream().anyMatch(f -> f.ruleId().equals("schema.unknown-label")), "core's rules ran: " + all);
        }
    }

    @Test
    void aVersionPublishedWithoutRulesKeepsALaterDraftWaiting() throws Exception {
        try (FolderProject p = RuleProjects.create(dir)) {
            p.saveItem(item("s1", set("alice", AnnotationState.SUBMITTED, "bicycle")));
            Guidelines g = guidelines(p);
            g.saveDraft("# Streets\n", "carol");
            g.publish("First", "carol");
            new ProjectRules(p).saveDraft("a.json", A, "carol");
            assertEquals(List.of(), projectFindings(p), "v1 was published with no rules");
            assertEquals("v1", new ProjectRules(p).inForce().version());
        }
    }

    @Test
    void aVersionPublishedWithoutTheFreezerLeavesTheDraftInForceAndSaysSo() throws Exception {
        try (FolderProject p = RuleProjects.create(dir)) {
            p.saveItem(item("s1", set("alice", AnnotationState.SUBMITTED, "bicycle")));
            new ProjectRules(p).saveDraft("a.json", A, "carol");
            Guidelines g = new Guidelines(p);
            g.saveDraft("# Streets\n", "carol");
            g.publish("First", "carol");
            assertEquals(List.of("project.bike-rider@draft"), projectFindings(p).stream().map(Finding::ruleId).toList());
        }
    }

    @Test
    void savingABadDraftWritesNothing() throws Exception {
        try (FolderProject p = RuleProjects.create(dir)) {
            StoreException e = assertThrows(StoreException.class, () -> new ProjectRules(p).saveDraft("/tmp/mine.json", "{\"rules\": 3}", "carol"));
            assertEquals("/tmp/mine.json: has no \"rules\" array", e.getMessage());
            assertFalse(Files.exists(dir.resolve("rules/draft.json")));
        }
    }

    @Test
    void draftChangesAreInTheAuditTrailWithTheRuleIds() throws Exception {
        try (FolderProject p = RuleProjects.create(dir)) {
            ProjectRules rules = new ProjectRules(p);
            rules.saveDraft("a.json", A, "carol");
            rules.saveDraft("a.json", A, "carol");
            rules.saveDraft("b.json", B, "dora");
            List<dev.vellum.core.audit.AuditEvent> events = p.audit().events(null).stream()
                    .filter(e -> e.kind().equals(ProjectRules.DRAFT_EDITED)).toList();
            assertEquals(2, events.size(), "saving the same text records nothing");
            assertEquals("carol", events.get(0).user());
            assertEquals(null, events.get(0).before());
            assertEquals(List.of("bike-rider"), events.get(0).after().get("rules"));
            assertEquals("dora", events.get(1).user());
            assertEquals(List.of("bike-rider"), events.get(1).before().get("rules"));
            assertEquals(List.of("time-of-day", "balance"), events.get(1).after().get("rules"));
            assertEquals("rules draft: 2 rules (in force from now)", events.get(1).detail());
        }
    }
}
