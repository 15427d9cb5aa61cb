package dev.vellum.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vellum cli guidelines ...} and {@code vellum cli faq ...}, run in-process on a real project folder. */
class GuidelinesCommandsTest extends CliTestBase {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final String V1 = """
            # Street scenes

            ## Cars

            - Box every car, parked or moving.
            - Set `occluded` when less than half of the car is visible.

            ## Persons

            - Box every person.

            ## Bicycles

            - Box every bicycle.
            """;

    @TempDir
    Path tmp;

    private Path project;

    private static Map<String, Object> box(int x, int y) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x);
        m.put("y", y);
        m.put("width", 40);
        m.put("height", 30);
        return m;
    }

    private static AnnotationSet set(String annotator, AnnotationState state, int version, String... labels) {
        List<Annotation> boxes = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            boxes.add(new Annotation("a" + (i + 1), "image.bbox", labels[i], Map.of(), 1, box(10 + i, 20), Provenance.HUMAN, annotator, T0,
                    T0));
        }
        return new AnnotationSet(annotator, state, version, T0, T0, boxes);
    }

    /** A project with image labels, version 1 published, and three items annotated under it. */
    private String setUp() throws Exception {
        project = tmp.resolve("p");
        assertEquals(ExitCodes.OK, run("init", project.toString(), "--name", "Streets"), err);
        try (StoredProject p = new FolderProjectStore().open(project.toString())) {
            p.project().putSchema(new LabelSchema("image", List.of(new LabelClass("car", "#e6194b", "1", List.of()),
                    new LabelClass("person", "#3cb44b", "2", List.of()), new LabelClass("bicycle", "#4363d8", "3", List.of()))));
            p.saveProject();
        }
        Path file = Files.writeString(tmp.resolve("v1.md"), V1);
        assertEquals(ExitCodes.OK, run("guidelines", "draft", project.toString(), "--from", file.toString(), "--user", "carol"), err);
        assertEquals(ExitCodes.OK, run("guidelines", "publish", project.toString(), "--note", "First version", "--user", "carol"), err);
        assertEquals("Published v1: First version\n", out);
        try (StoredProject p = new FolderProjectStore().open(project.toString())) {
            p.saveItem(new Item("street-001", "", List.of(new Asset("media/street-001.png", "image", "", null)), null, null,
                    List.of(set("alice", AnnotationState.SUBMITTED, 1, "car", "person"), set("bob", AnnotationState.ACCEPTED, 1, "car"))));
            p.saveItem(new Item("street-002", "", List.of(new Asset("media/street-002.png", "image", "", null)), null, null,
                    List.of(set("alice", AnnotationState.ACCEPTED, 1, "bicycle"))));
            p.saveItem(new Item("street-003", "", List.of(new Asset("media/street-003.png", "image", "", null)), null, null,
                    List.of(set("bob", AnnotationState.IN_PROGRESS, 1, "car"))));
        }
        return project.toString();
    }

    @Test
    void draftPublishListShowAndDiff() throws Exception {
        String p = setUp();
        assertEquals(ExitCodes.USAGE, run("guidelines", "publish", p, "--note", "again"));
        assertEquals("vellum: the draft is the same as version 1: nothing to publish\n", err);

        Path v2 = Files.writeString(tmp.resolve("v2.md"), V1.replace("less than half of the car", "less than a third of the car"));
        assertEquals(ExitCodes.OK, run("guidelines", "draft", p, "--from", v2.toString(), "--user", "alice"), err);
        assertEquals("Draft saved; changes against v1 in Cars.\n", out);
        assertEquals(ExitCodes.OK, run("guidelines", "diff", p, "1", "draft", "--context", "0"), err);
        assertEquals("""
                --- v1
                +++ draft
                @@ -6,1 +6,1 @@ Cars
                -- Set `occluded` when less than [-half-] of the car is visible.
                +- Set `occluded` when less than {+a third+} of the car is visible.
                """, out);
        assertEquals(ExitCodes.OK, run("guidelines", "diff", p, "1", "draft", "--json"), err);
        JsonNode d = json();
        assertEquals(List.of("Cars"), List.of(d.get("sectionsTouched").get(0).asText()));
        assertEquals("car", d.get("labelsTouched").get(0).asText());
        assertEquals(1, d.get("labelsTouched").size());
        JsonNode changed = d.get("rows").get(5);
        assertEquals("changed", changed.get("kind").asText());
        assertEquals(32, changed.get("oldSpans").get(0).get(0).asInt(), "where 'half' starts");

        assertEquals(ExitCodes.OK, run("guidelines", "list", p, "--json"), err);
        assertTrue(json().get("draft").get("pendingChanges").asBoolean());
        assertEquals(ExitCodes.OK, run("guidelines", "publish", p, "--note", "Occlusion: less than a third", "--user", "carol", "--json"), err);
        assertEquals(2, json().get("number").asInt());
        assertEquals(ExitCodes.OK, run("guidelines", "list", p), err);
        assertTrue(out.contains("v1 ") && out.contains("First version") && out.contains("Occlusion: less than a third"), out);
        assertTrue(out.endsWith("draft: no changes since v2\n"), out);
        assertEquals(ExitCodes.OK, run("guidelines", "show", p, "--version", "1"), err);
        assertEquals(V1, out);
        assertEquals(ExitCodes.OK, run("guidelines", "show", p, "--json"), err);
        assertEquals(2, json().get("number").asInt());
        assertTrue(json().get("markdown").asText().contains("less than a third"));

        assertEquals(ExitCodes.USAGE, run("guidelines", "show", p, "--version", "7"));
        assertEquals("vellum: there is no guideline version 7 (the latest is 2)\n", err);
        assertEquals(ExitCodes.USAGE, run("guidelines", "diff", p, "1", "latest"));
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void unreadableDraftFilesAreBadInput() throws Exception {
        String p = setUp();
        Path missing = tmp.resolve("nowhere.md");
        assertEquals(ExitCodes.BAD_INPUT, run("guidelines", "draft", p, "--from", missing.toString()));
        assertEquals("vellum: " + missing + ": no such file or folder\n", err);
        Path latin1 = Files.write(tmp.resolve("latin1.md"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        assertEquals(ExitCodes.BAD_INPUT, run("guidelines", "draft", p, "--from", latin1.toString()));
        assertEquals("vellum: " + latin1 + ": is not UTF-8 text\n", err);
        Files.writeString(project.resolve("guidelines/versions.json"), "{ nope");
        assertEquals(ExitCodes.BAD_INPUT, run("guidelines", "list", p));
        assertTrue(err.startsWith("vellum: " + project.resolve("guidelines/versions.json") + ": invalid JSON at line 1"), err);
    }

    @Test
    void staleSetsAreListedAndRequeuedByTheLabelsAChangeTouches() throws Exception {
        String p = setUp();
        Path v2 = Files.writeString(tmp.resolve("v2.md"), V1.replace("- Box every person.", "- Box every person, also on posters."));
        run("guidelines", "draft", p, "--from", v2.toString());
        assertEquals(ExitCodes.OK, run("guidelines", "publish", p, "--note", "Persons on posters"), err);

        assertEquals(ExitCodes.OK, run("guidelines", "stale", p, "--json"), err);
        assertEquals(4, json().get("sets").size());
        assertEquals(ExitCodes.OK, run("guidelines", "stale", p, "--label", "bicycle"), err);
        assertEquals("street-002  alice      v1   accepted    bicycle\n1 set made under a version older than v2 using bicycle\n", out);

        assertEquals(ExitCodes.OK, run("guidelines", "requeue", p, "--since", "1", "--dry-run", "--json"), err);
        JsonNode dry = json();
        assertEquals("person", dry.get("labels").get(0).asText(), "only the Persons section changed");
        assertEquals(1, dry.get("requeued").asInt());
        assertEquals("street-001", dry.get("sets").get(0).get("item").asText());
        assertEquals("alice", dry.get("sets").get(0).get("annotator").asText());
        try (StoredProject sp = new FolderProjectStore().open(p)) {
            assertEquals(AnnotationState.SUBMITTED, sp.loadItem("street-001").set("alice").orElseThrow().state(), "a dry run changes nothing");
            assertEquals(0, sp.audit().events(null).stream().filter(e -> e.kind().equals(AuditEvent.SETS_REQUEUED)).count());
        }
        assertEquals(ExitCodes.OK, run("guidelines", "requeue", p, "--label", "car", "--reason", "re-check cars", "--user", "carol"), err);
        assertTrue(out.endsWith("Sent 2 sets back to their annotators (labels: car)\n"), out);
        try (StoredProject sp = new FolderProjectStore().open(p)) {
            assertEquals(AnnotationState.IN_PROGRESS, sp.loadItem("street-001").set("alice").orElseThrow().state());
            assertEquals(AnnotationState.IN_PROGRESS, sp.loadItem("street-001").set("bob").orElseThrow().state());
            assertEquals(AnnotationState.ACCEPTED, sp.loadItem("street-002").set("alice").orElseThrow().state());
            List<AuditEvent> requeued = sp.audit().events(null).stream().filter(e -> e.kind().equals(AuditEvent.SETS_REQUEUED)).toList();
            assertEquals(1, requeued.size());
            assertEquals("re-check cars: 2 sets sent back to their annotators", requeued.get(0).detail());
            assertEquals("carol", requeued.get(0).user());
        }
        assertEquals(ExitCodes.USAGE, run("guidelines", "requeue", p, "--since", "9"));
        assertEquals("vellum: --since 9: the versions are 0 to 2\n", err);
    }

    @Test
    void changesShowWhatAUserHasNotAcknowledged() throws Exception {
        String p = setUp();
        assertEquals(ExitCodes.OK, run("guidelines", "ack", p, "--user", "alice"), err);
        assertEquals("alice acknowledged v1.\n", out);
        assertEquals(ExitCodes.OK, run("guidelines", "changes", p, "--user", "alice"), err);
        assertEquals("alice is up to date with v1 and the FAQ.\n", out);

        Path v2 = Files.writeString(tmp.resolve("v2.md"), V1 + "\n## Review\n\nReject loose boxes.\n");
        run("guidelines", "draft", p, "--from", v2.toString());
        run("guidelines", "publish", p, "--note", "Review section");
        run("faq", "raise", p, "--item", "street-002", "--question", "Bicycles on car racks?", "--label", "bicycle", "--user", "bob");
        run("faq", "decide", p, "q1", "--answer", "Yes, box them.", "--user", "carol");

        assertEquals(ExitCodes.OK, run("guidelines", "changes", p, "--user", "alice", "--json"), err);
        JsonNode c = json();
        assertFalse(c.get("upToDate").asBoolean());
        assertEquals(1, c.get("fromVersion").asInt());
        assertEquals(2, c.get("toVersion").asInt());
        assertEquals("[\"Review\"]", c.get("sectionsTouched").toString(), "the blank line added to Bicycles touches nothing");
        assertEquals("q1", c.get("newlyDecided").get(0).get("id").asText());
        assertTrue(c.get("diff").asText().contains("+## Review"));
        assertEquals(ExitCodes.OK, run("guidelines", "changes", p, "--user", "alice"), err);
        assertTrue(out.startsWith("alice last acknowledged v1 on "), out);
        assertTrue(out.contains("  q1   Bicycles on car racks?\n       -> Yes, box them.\n"), out);
        run("guidelines", "ack", p, "--user", "alice", "--json");
        assertEquals(2, json().get("version").asInt());
        assertEquals(ExitCodes.OK, run("guidelines", "changes", p, "--user", "alice", "--json"), err);
        assertTrue(json().get("upToDate").asBoolean());
    }

    @Test
    void theFaqLifecycleFromTheCommandLine() throws Exception {
        String p = setUp();
        assertEquals(ExitCodes.USAGE, run("faq", "raise", p, "--item", "street-001", "--annotation", "a1", "--question", "Parked?"));
        assertEquals("vellum: annotation 'a1' of item 'street-001' is in the sets of alice and bob: say whose with --annotator\n", err);
        assertEquals(ExitCodes.USAGE, run("faq", "raise", p, "--item", "street-404", "--question", "Where?"));
        assertTrue(err.startsWith("vellum: there is no item 'street-404'"), err);

        assertEquals(ExitCodes.OK, run("faq", "raise", p, "--item", "street-001", "--annotation", "a2", "--annotator", "alice",
                "--question", "Is a person on a poster a person?", "--user", "alice", "--json"), err);
        JsonNode q1 = json();
        assertEquals("q1", q1.get("id").asText());
        assertEquals("person", q1.get("context").get("label").asText(), "the annotation's label");
        assertEquals("image", q1.get("context").get("modality").asText());
        assertEquals(11, q1.get("context").get("region").get("x").asInt(), "the annotation's payload");
        assertEquals(1, q1.get("context").get("guidelineVersion").asInt());

        assertEquals(ExitCodes.OK, run("faq", "decide", p, "q1", "--answer", "No: only real people.",
                "--counter-example", "street-001:a2=a poster on the bus stop", "--label", "car", "--user", "carol"), err);
        assertEquals("Decided q1 (decided)\n", out);
        assertEquals(ExitCodes.USAGE, run("faq", "decide", p, "q1", "--answer", "x", "--example", "street-999"));
        assertEquals("vellum: example 'street-999': there is no item 'street-999'\n", err);

        assertEquals(ExitCodes.OK, run("faq", "promote", p, "q1", "--user", "carol"), err);
        assertEquals("Promoted q1 into the draft, section 'Persons'; it becomes part of the guidelines with the next publish.\n", out);
        assertEquals(ExitCodes.OK, run("guidelines", "show", p, "--version", "draft"), err);
        assertTrue(out.contains("- Box every person.\n\n**Q (q1):** Is a person on a poster a person?\n\n**A:** No: only real people.\n"), out);
        assertEquals(ExitCodes.USAGE, run("faq", "decide", p, "q1", "--answer", "Changed my mind."));
        assertEquals("vellum: q1 is promoted: only an open or decided entry can be decided\n", err);

        run("faq", "raise", p, "--item", "street-002", "--question", "Posters of people?", "--label", "person", "--user", "bob");
        assertEquals(ExitCodes.OK, run("faq", "duplicate", p, "q2", "--of", "q1", "--user", "carol"), err);
        assertEquals("Closed q2 as a duplicate of q1\n", out);
        run("faq", "raise", p, "--item", "street-003", "--question", "Is a bus a car?", "--label", "car", "--user", "bob");
        assertEquals(ExitCodes.OK, run("faq", "withdraw", p, "q3", "--reason", "asked in the wrong project", "--user", "bob"), err);
        assertEquals(ExitCodes.USAGE, run("faq", "withdraw", p, "q3"));
        assertEquals(ExitCodes.USAGE, run("faq", "show", p, "q9"));
        assertEquals("vellum: there is no FAQ entry 'q9'\n", err);

        assertEquals(ExitCodes.OK, run("faq", "list", p, "--json"), err);
        assertEquals(3, json().get("entries").size());
        assertEquals(ExitCodes.OK, run("faq", "list", p, "--status", "promoted,withdrawn", "--json"), err);
        assertEquals(List.of("q1", "q3"), List.of(json().get("entries").get(0).get("id").asText(), json().get("entries").get(1).get("id").asText()));
        assertEquals(ExitCodes.OK, run("faq", "list", p, "--label", "car", "--search", "poster"), err);
        assertTrue(out.startsWith("q1   promoted  person,car       alice    Is a person on a poster a person?\n"), out);
        assertTrue(out.endsWith("1 entry\n"), out);
        assertEquals(ExitCodes.USAGE, run("faq", "list", p, "--status", "pending"));
        assertTrue(err.startsWith("vellum: unknown FAQ status 'pending'"), err);

        assertEquals(ExitCodes.OK, run("faq", "show", p, "q3", "--json"), err);
        assertEquals("asked in the wrong project", json().get("reason").asText());
        assertEquals(ExitCodes.OK, run("faq", "show", p, "q1"), err);
        assertTrue(out.contains("Counter     street-001:a2 (a poster on the bus stop)\n"), out);
        assertTrue(out.contains("Promoted   into section 'Persons', in the draft (not yet published)\n"), out);

        assertEquals(ExitCodes.OK, run("guidelines", "publish", p, "--note", "Posters", "--user", "carol"), err);
        assertEquals("Published v2: Posters (FAQ q1)\n", out);
        run("faq", "show", p, "q1", "--json");
        assertEquals(2, json().get("promotedInVersion").asInt());
        try (StoredProject sp = new FolderProjectStore().open(p)) {
            List<String> kinds = sp.audit().events(null).stream().map(AuditEvent::kind).filter(k -> k.startsWith("faq.")).toList();
            assertEquals(List.of(AuditEvent.FAQ_RAISED, AuditEvent.FAQ_DECIDED, AuditEvent.FAQ_PROMOTED, AuditEvent.FAQ_RAISED,
                    AuditEvent.FAQ_CLOSED, AuditEvent.FAQ_RAISED, AuditEvent.FAQ_CLOSED), kinds);
        }
    }

    @Test
    void helpListsTheGuidelineAndFaqCommands() throws StoreException {
        assertEquals(ExitCodes.OK, run("--help"));
        assertTrue(out.contains("guidelines") && out.contains("faq"), out);
        assertEquals(ExitCodes.USAGE, run("guidelines"));
        assertTrue(err.contains("requeue"), err);
        assertEquals(ExitCodes.USAGE, run("faq"));
        assertTrue(err.contains("promote"), err);
    }
}
