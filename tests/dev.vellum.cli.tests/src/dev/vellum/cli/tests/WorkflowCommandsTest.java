package dev.vellum.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.SetVisibility;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** {@code vellum cli workflow|queue|review ...}, run in-process on a real project folder. */
class WorkflowCommandsTest extends CliTestBase {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @TempDir
    Path tmp;

    private static AnnotationSet set(String annotator, AnnotationState state) {
        Annotation tag = new Annotation("a1", "image.tag", "car", Map.of(), 1, Map.of(), Provenance.HUMAN, annotator, T0, T0);
        return new AnnotationSet(annotator, state, 0, T0, T0, List.of(tag));
    }

    private static Item item(String id, AnnotationSet... sets) {
        return new Item(id, "", List.of(new Asset("media/" + id + ".png", "image", "", null)), null, null, List.of(sets));
    }

    /** Items s1 (alice in progress), s2 and s3 (new). */
    private String setUp() throws Exception {
        String p = tmp.resolve("p").toString();
        assertEquals(ExitCodes.OK, run("init", p, "--name", "Streets"), err);
        try (StoredProject stored = new FolderProjectStore().open(p)) {
            stored.saveItem(item("s1", set("alice", AnnotationState.IN_PROGRESS)));
            stored.saveItem(item("s2"));
            stored.saveItem(item("s3"));
        }
        return p;
    }

    @Test
    void workflowSetChangesOnlyWhatIsGivenAndShowsIt() throws Exception {
        String p = setUp();
        assertEquals(ExitCodes.OK, run("workflow", "set", p, "--overlap", "2", "--stages", "review,audit", "--audit-rate", "0.5",
                "--reviewers", "rev", "--auditors", "aud,boss", "--user", "admin"), err);
        assertEquals(ExitCodes.OK, run("workflow", "set", p, "--gold-rate", "0.05", "--json"), err);
        JsonNode w = json();
        assertEquals(2, w.get("overlap").asInt());
        assertEquals("[\"review\",\"audit\"]", w.get("stages").toString());
        assertEquals(0.5, w.get("auditRate").asDouble());
        assertEquals(0.05, w.get("goldRate").asDouble());
        assertEquals(0.8, w.get("goldThreshold").asDouble());
        assertEquals("[\"aud\",\"boss\"]", w.get("auditors").toString());
        assertEquals("[]", w.get("annotators").toString());

        assertEquals(ExitCodes.OK, run("workflow", "show", p), err);
        assertTrue(out.contains("Overlap        2 annotators per item"), out);
        assertTrue(out.contains("Stages         annotate -> review -> audit"), out);
        assertTrue(out.contains("Audit rate     50 % of accepted sets"), out);
        assertTrue(out.contains("Reviewers      rev"), out);
        try (StoredProject stored = new FolderProjectStore().open(p)) {
            List<AuditEvent> changes = stored.audit().events(null).stream().filter(e -> e.kind().equals("workflow.settings")).toList();
            assertEquals(2, changes.size());
            assertEquals("admin", changes.get(0).user());
            assertEquals(1, ((Number) changes.get(0).before().get("overlap")).intValue());
            assertEquals(2, ((Number) changes.get(0).after().get("overlap")).intValue());
        }

        assertEquals(ExitCodes.USAGE, run("workflow", "set", p, "--audit-rate", "1.5"));
        assertEquals("vellum: --audit-rate must be a number from 0 to 1, was 1.5\n", err);
        assertEquals(ExitCodes.USAGE, run("workflow", "set", p, "--stages", "review,qa"));
        assertTrue(err.contains("unknown review stage 'qa'"), err);
        assertEquals(ExitCodes.USAGE, run("workflow", "set", p, "--overlap", "0"));
    }

    @Test
    void queueReviewAndAuditFromTheCommandLine() throws Exception {
        String p = setUp();
        assertEquals(ExitCodes.OK, run("workflow", "set", p, "--overlap", "1", "--stages", "review,audit", "--audit-rate", "1",
                "--reviewers", "rev", "--auditors", "aud"), err);
        assertEquals(ExitCodes.OK, run("queue", "next", p, "--user", "alice"), err);
        assertEquals("s1\n", out);
        assertEquals(ExitCodes.OK, run("queue", "list", p, "--user", "bob", "--json"), err);
        assertEquals("[{\"item\":\"s2\",\"annotator\":\"bob\"},{\"item\":\"s3\",\"annotator\":\"bob\"}]", json().get("items").toString());

        assertEquals(ExitCodes.OK, run("review", "submit", p, "s1", "--user", "alice"), err);
        assertEquals("submitted: the set of alice on s1 is submitted\n", out);
        assertEquals(ExitCodes.OK, run("queue", "next", p, "--user", "rev", "--role", "review"), err);
        assertEquals("s1\talice\n", out);
        assertEquals(ExitCodes.USAGE, run("review", "accept", p, "s1", "--annotator", "alice", "--user", "bob"));
        assertEquals("vellum: bob is not among the project's reviewers (rev)\n", err);
        assertEquals(ExitCodes.OK, run("review", "reject", p, "s1", "--annotator", "alice", "--reason", "wrong label", "--comment",
                "a truck", "--annotation", "a1", "--user", "rev", "--json"), err);
        assertEquals("rejected", json().get("to").asText());
        assertEquals("a1", json().get("comments").get(0).get("annotation").asText());
        assertEquals(ExitCodes.OK, run("queue", "list", p, "--user", "alice"), err);
        assertEquals("s1\ns2\ns3\n", out);

        assertEquals(ExitCodes.OK, run("review", "submit", p, "s1", "--user", "alice"), err);
        assertEquals(ExitCodes.OK, run("review", "accept", p, "s1", "--annotator", "alice", "--user", "rev"), err);
        assertEquals(ExitCodes.OK, run("queue", "next", p, "--user", "aud", "--role", "audit", "--json"), err);
        assertEquals("s1", json().get("item").asText());
        assertEquals(ExitCodes.USAGE, run("review", "audit", p, "s1", "--annotator", "alice", "--user", "aud"));
        assertEquals(ExitCodes.USAGE, run("review", "audit", p, "s1", "--annotator", "alice", "--fail", "--user", "aud"));
        assertTrue(err.contains("needs a reason"), err);
        assertEquals(ExitCodes.OK, run("review", "audit", p, "s1", "--annotator", "alice", "--pass", "--user", "aud"), err);
        assertEquals("audited: the set of alice on s1 is audited\n", out);
        assertEquals(ExitCodes.OK, run("queue", "next", p, "--user", "aud", "--role", "audit"), err);
        assertEquals("", out);
        assertTrue(err.startsWith("nothing to audit for aud"), err);

        assertEquals(ExitCodes.OK, run("review", "history", p, "s1", "--json"), err);
        JsonNode h = json().get("events");
        assertEquals(5, h.size());
        assertEquals("rejected", h.get(1).get("kind").asText());
        assertEquals("wrong label", h.get(1).get("text").asText());
        assertEquals(ExitCodes.OK, run("review", "history", p, "s1"), err);
        assertEquals(6, out.lines().count(), out);
        assertTrue(out.contains("    a1: a truck"), out);
        assertEquals(ExitCodes.OK, run("audit", "log", p, "--item", "s1", "--json"), err);
        assertTrue(out.contains("review.audited") && out.contains("review.rejected"), out);

        assertEquals(ExitCodes.USAGE, run("review", "accept", p, "s9", "--annotator", "alice", "--user", "rev"));
        assertTrue(err.contains("there is no item 's9'"), err);
        assertEquals(ExitCodes.USAGE, run("queue", "next", p, "--user", "alice", "--role", "boss"));
        assertEquals("vellum: unknown role 'boss' (annotate, review, audit)\n", err);
    }

    @Test
    void theBlindRuleIsRegisteredWithDeclarativeServices() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(WorkflowCommandsTest.class).getBundleContext();
        ServiceTracker<SetVisibility, SetVisibility> tracker = new ServiceTracker<>(context, SetVisibility.class, null);
        tracker.open();
        try {
            tracker.waitForService(20_000);
            List<String> names = java.util.Arrays.stream(tracker.getServices(new SetVisibility[0])).map(v -> v.getClass().getName()).toList();
            assertTrue(names.contains("dev.vellum.quality.workflow.BlindVisibility"), names.toString());
        } finally {
            tracker.close();
        }
    }


    @Test
    void theSampleProjectsQueues() throws Exception {
        String p = sampleCopy(tmp);
        assertEquals(ExitCodes.OK, run("workflow", "show", p, "--json"), err);
        assertEquals(3, json().get("overlap").asInt());
        // alice: her rejected street-004, her street-003 in progress, then items with fewer than three sets by dataset
        assertEquals(ExitCodes.OK, run("queue", "list", p, "--user", "alice"), err);
        assertEquals("street-004\nstreet-003\nnews-003\nstreet-005\n", out);
        assertEquals(ExitCodes.OK, run("queue", "list", p, "--user", "bob"), err);
        assertEquals("chat-001\nnews-002\nchat-002\nstreet-003\nstreet-005\n", out);
        // dan: both his rejected sets first, then new items; never chat-002, news-003 or the gold items he already did
        assertEquals(ExitCodes.OK, run("queue", "list", p, "--user", "dan", "--limit", "5"), err);
        assertEquals("news-001\nstreet-006\nchat-001\nnews-002\nstreet-002\n", out);
        // carol is not among the sample's annotators: nothing to annotate, said on standard error
        assertEquals(ExitCodes.OK, run("queue", "list", p, "--user", "carol"), err);
        assertEquals("", out);
        assertTrue(err.contains("not among the project's annotators"), err);
        assertEquals(ExitCodes.OK, run("queue", "list", p, "--user", "carol", "--role", "review", "--limit", "4"), err);
        assertEquals("chat-001\talice\nchat-002\talice\nchat-002\tdan\nchat-003\tdan\n", out);
        assertEquals(ExitCodes.OK, run("workflow", "set", p, "--audit-rate", "1"), err);
        assertEquals(ExitCodes.OK, run("queue", "list", p, "--user", "carol", "--role", "audit"), err);
        assertEquals("chat-003\talice\nchat-003\tbob\nnews-001\tbob\nnews-003\tbob\nnews-003\tdan\nstreet-001\talice\n"
                + "street-001\tbob\nstreet-001\tdan\nstreet-006\tbob\n", out, "every accepted set, none audited yet");
        assertEquals(ExitCodes.OK, run("queue", "list", p, "--user", "alice", "--role", "audit"), err);
        assertEquals("", out, "alice is no auditor");

        // rita reviews alice's street-002 and sends it back: it heads her queue
        assertEquals(ExitCodes.OK, run("review", "reject", p, "street-002", "--annotator", "alice", "--reason", "missed a cyclist",
                "--user", "rita"), err);
        assertEquals(ExitCodes.OK, run("queue", "next", p, "--user", "alice"), err);
        assertEquals("street-002\n", out);
        assertEquals(ExitCodes.OK, run("audit", "verify", p), err);
    }
}
