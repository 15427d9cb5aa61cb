package dev.vellum.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vellum cli validate} with project rules, and {@code vellum cli rules show|check|set}. */
class RulesCommandsTest extends CliTestBase {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final String RIDER = """
            {"format": "vellum-rules", "formatVersion": 1, "rules": [
              {"id": "bike-rider", "kind": "label-combination", "when": "bicycle", "requires": ["person"], "severity": "error",
               "description": "box the rider with the bicycle"}
            ]}
            """;

    @TempDir
    Path tmp;

    private static AnnotationSet set(String annotator, String... labels) {
        List<Annotation> boxes = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            boxes.add(new Annotation("a" + (i + 1), "image.bbox", labels[i], Map.of(), 1, Map.of("x", 1, "y", 2, "width", 3, "height", 4),
                    Provenance.HUMAN, annotator, T0, T0));
        }
        return new AnnotationSet(annotator, AnnotationState.SUBMITTED, 0, T0, T0, boxes);
    }

    /** A project whose one item (media present) has a bicycle without a rider in alice's set. */
    private String project() throws Exception {
        Path p = tmp.resolve("p");
        assertEquals(ExitCodes.OK, run("init", p.toString(), "--name", "Streets"), err);
        Files.createDirectories(p.resolve("media"));
        Files.write(p.resolve("media/s1.png"), new byte[] {1});
        try (StoredProject stored = new FolderProjectStore().open(p.toString())) {
            stored.project().putSchema(new LabelSchema("image", List.of(new LabelClass("car", "#e6194b", "1", List.of()),
                    new LabelClass("person", "#3cb44b", "2", List.of()), new LabelClass("bicycle", "#4363d8", "3", List.of()))));
            stored.saveProject();
            stored.saveItem(new Item("s1", "", List.of(new Asset("media/s1.png", "image", "", null)), null, null,
                    List.of(set("alice", "car", "bicycle"), set("bob", "bicycle", "person"))));
        }
        return p.toString();
    }

    @Test
    void validatePrintsProjectFindingsAndExitsOne() throws Exception {
        String p = project();
        assertEquals(ExitCodes.OK, run("validate", p), err);
        assertEquals("1 items checked, 0 findings (project rules: 0 of draft)\n", out);

        Path rules = Files.writeString(tmp.resolve("rules.json"), RIDER);
        assertEquals(ExitCodes.OK, run("rules", "set", p, "--file", rules.toString()), err);
        assertEquals("Draft saved: 1 rule (bike-rider). In force now (no guideline version is published).\n", out);
        assertEquals(ExitCodes.FINDINGS, run("validate", p), err);
        assertEquals("""
                error s1 alice/a2: 'bicycle' without 'person' in the same set: box the rider with the bicycle [project.bike-rider@draft]
                1 items checked, 1 findings (project rules: 1 of draft)
                """, out);
        assertEquals(ExitCodes.FINDINGS, run("validate", p, "--json"), err);
        JsonNode doc = json();
        assertEquals("draft", doc.get("rulesVersion").asText());
        JsonNode f = doc.get("findings").get(0);
        assertEquals("project.bike-rider@draft", f.get("rule").asText());
        assertEquals("error", f.get("severity").asText());
        assertEquals("s1", f.get("item").asText());
        assertEquals("alice", f.get("annotator").asText());
        assertEquals("a2", f.get("annotation").asText());
    }

    @Test
    void publishingTheGuidelinesFreezesTheRulesAndLaterDraftsWait() throws Exception {
        String p = project();
        Path rules = Files.writeString(tmp.resolve("rules.json"), RIDER);
        assertEquals(ExitCodes.OK, run("rules", "set", p, "--file", rules.toString()), err);
        Path md = Files.writeString(tmp.resolve("g.md"), "# Streets\n\nBox bicycles with their riders.\n");
        assertEquals(ExitCodes.OK, run("guidelines", "draft", p, "--from", md.toString(), "--user", "carol"), err);
        assertEquals(ExitCodes.OK, run("guidelines", "publish", p, "--note", "First", "--user", "carol"), err);
        assertEquals(RIDER, Files.readString(Path.of(p, "rules/v1.json")), "the freezer ran as a DS service");

        Path none = Files.writeString(tmp.resolve("none.json"), "{\"rules\": []}");
        assertEquals(ExitCodes.OK, run("rules", "set", p, "--file", none.toString()), err);
        assertTrue(out.endsWith("In force from the next guideline version; v1's rules stay in force until then.\n"), out);
        assertEquals(ExitCodes.FINDINGS, run("validate", p), err);
        assertTrue(out.contains("[project.bike-rider@v1]"), out);
        assertEquals(ExitCodes.OK, run("rules", "show", p, "--json"), err);
        assertEquals("v1", json().get("version").asText());
        assertEquals("bike-rider", json().get("rules").get(0).get("id").asText());
        assertEquals(ExitCodes.OK, run("rules", "show", p, "--version", "draft"), err);
        assertEquals("{\"rules\": []}\n", out);
    }

    @Test
    void checkAndSetRefuseABadFileNamingItAndWriteNothing() throws Exception {
        String p = project();
        Path bad = Files.writeString(tmp.resolve("bad.json"), """
                {"rules": [{"id": "r1", "kind": "label-distribution", "modality": "image", "expected": {"car": 1.5}, "tolerance": 0.1}]}
                """);
        assertEquals(ExitCodes.BAD_INPUT, run("rules", "check", p, "--file", bad.toString()));
        assertEquals("vellum: " + bad + ": rule 1 ('r1'): the expected share of 'car' is 1.5: it must be a number above 0 and at most 1\n",
                err);
        assertEquals(ExitCodes.BAD_INPUT, run("rules", "set", p, "--file", bad.toString()));
        assertFalse(Files.exists(Path.of(p, "rules/draft.json")), "nothing written");

        Path good = Files.writeString(tmp.resolve("good.json"), RIDER);
        assertEquals(ExitCodes.OK, run("rules", "check", p, "--file", good.toString()), err);
        assertEquals(good + ": 1 rule, valid\n", out);

        // A draft broken by hand: validate reports it as an error finding naming the document.
        Files.createDirectories(Path.of(p, "rules"));
        Files.writeString(Path.of(p, "rules/draft.json"), "{\"rules\": [{\"id\": \"x\"}]}");
        assertEquals(ExitCodes.BAD_INPUT, run("rules", "check", p));
        assertTrue(err.contains("rules/draft.json: rule 1 ('x'): \"kind\" is missing"), err);
        assertEquals(ExitCodes.FINDINGS, run("validate", p), err);
        assertTrue(out.startsWith("error (project): " + Path.of(p, "rules/draft.json") + ": rule 1 ('x'): \"kind\" is missing"
                + " [project.rules-file]\n"), out);
    }
}
