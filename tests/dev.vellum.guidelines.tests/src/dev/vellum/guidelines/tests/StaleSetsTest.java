package dev.vellum.guidelines.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.StaleSet;
import dev.vellum.store.folder.FolderProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Annotation sets made under an older guideline version: finding them, and sending them back. */
class StaleSetsTest {
    @TempDir
    Path dir;

    /** Five items with sets made under versions 1 and 2, in various states; version 2 is current. */
    private void setUp() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft(TestProjects.resource("street-and-news-v1.md"), "carol");
            g.publish("first", "carol");
            g.saveDraft(TestProjects.resource("street-and-news-v2.md"), "carol");
            g.publish("second", "carol");
            p.saveItem(TestProjects.imageItem("street-001", "alice:accepted:1:car,car,person", "bob:submitted:2:car"));
            p.saveItem(TestProjects.imageItem("street-002", "alice:submitted:1:bicycle", "bob:in_progress:1:car"));
            p.saveItem(TestProjects.imageItem("street-003", "alice:rejected:1:traffic-light"));
            p.saveItem(TestProjects.imageItem("street-004", "bob:audited:2:car,person"));
            p.saveItem(TestProjects.imageItem("street-005", "alice:in_review:0:"));
        }
    }

    private static List<String> keys(List<StaleSet> sets) {
        return sets.stream().map(s -> s.itemId() + "/" + s.annotator()).toList();
    }

    @Test
    void staleSetsAreThoseMadeUnderAnOlderVersionWithTheirLabels() throws Exception {
        setUp();
        try (FolderProject p = TestProjects.reopen(dir)) {
            List<StaleSet> stale = new Guidelines(p).stale();
            assertEquals(List.of("street-001/alice", "street-002/alice", "street-002/bob", "street-003/alice", "street-005/alice"),
                    keys(stale));
            StaleSet first = stale.get(0);
            assertEquals(1, first.version());
            assertEquals(AnnotationState.ACCEPTED, first.state());
            assertEquals(Set.of("car", "person"), first.labels());
            assertEquals(0, stale.get(4).version());
            assertEquals(Set.of(), stale.get(4).labels());
        }
    }

    @Test
    void theSetsAChangeAffectsAreThoseUsingATouchedLabel() throws Exception {
        setUp();
        try (FolderProject p = TestProjects.reopen(dir)) {
            Guidelines g = new Guidelines(p);
            List<StaleSet> stale = g.stale();
            Set<String> touched = g.diff("1", "2").labelsTouched(List.of("car", "person", "bicycle", "traffic-light"));
            assertEquals(Set.of("car", "person", "traffic-light"), touched);
            assertEquals(List.of("street-001/alice", "street-002/bob", "street-003/alice"), keys(Guidelines.affectedBy(stale, touched)),
                    "street-002/alice only boxed a bicycle, which did not change; street-005 has no boxes");
            assertEquals(List.of("street-002/alice"), keys(Guidelines.affectedBy(stale, List.of("bicycle"))));
            assertEquals(List.of(), Guidelines.affectedBy(stale, List.of()));
        }
    }

    @Test
    void eachSetCountsTheChangesSinceTheVersionItWasMadeUnder() throws Exception {
        setUp();
        try (FolderProject p = TestProjects.reopen(dir)) {
            Guidelines g = new Guidelines(p);
            Set<String> sinceNothing = g.labelsTouchedSince(0);
            assertTrue(sinceNothing.contains("bicycle"), "every label the guidelines mention is new to work made before them");
            assertEquals(g.diff("1", "2").labelsTouched(g.projectLabels()), g.labelsTouchedSince(1));
            assertEquals(List.of("street-001/alice", "street-002/bob", "street-003/alice"), keys(g.affected(g.stale())),
                    "v1 sets count v1->v2 only (bicycle did not change); street-005's v0 set has no boxes");
        }
    }

    @Test
    void requeueingSendsSetsBackInOneUndoableEditAndOneSummaryEvent() throws Exception {
        setUp();
        try (FolderProject p = TestProjects.reopen(dir)) {
            Guidelines g = new Guidelines(p);
            List<StaleSet> affected = Guidelines.affectedBy(g.stale(), Set.of("car", "person", "traffic-light"));
            ProjectSession session = new ProjectSession(p, "carol");
            assertEquals(2, g.requeue(session, affected, "v2 changed cars and traffic lights"),
                    "street-002/bob is already in progress");
            assertEquals("Re-queue 2 annotation sets", session.undoLabel().orElseThrow());
            assertTrue(!session.isDirty(), "saved");
            assertEquals(0, g.requeue(session, affected, "again"), "nothing left to send back");
        }
        try (FolderProject p = TestProjects.reopen(dir)) {
            assertEquals(AnnotationState.IN_PROGRESS, p.loadItem("street-001").set("alice").orElseThrow().state());
            assertEquals(AnnotationState.SUBMITTED, p.loadItem("street-001").set("bob").orElseThrow().state(), "made under v2: left alone");
            assertEquals(AnnotationState.IN_PROGRESS, p.loadItem("street-003").set("alice").orElseThrow().state());
            assertEquals(AnnotationState.SUBMITTED, p.loadItem("street-002").set("alice").orElseThrow().state(), "not affected");
            assertEquals(AnnotationState.IN_REVIEW, p.loadItem("street-005").set("alice").orElseThrow().state());
            assertEquals(1, p.loadItem("street-001").set("alice").orElseThrow().guidelineVersion(),
                    "the work was made under v1 until its annotator redoes it");

            List<AuditEvent> requeued = TestProjects.events(p, AuditEvent.SETS_REQUEUED);
            assertEquals(1, requeued.size(), "one summary event");
            AuditEvent e = requeued.get(0);
            assertEquals("carol", e.user());
            assertEquals(2, e.guidelineVersion());
            assertEquals("v2 changed cars and traffic lights: 2 sets sent back to their annotators", e.detail());
            assertEquals(2, e.after().get("sets"));
        }
    }

    @Test
    void undoingARequeueRestoresTheStates() throws Exception {
        setUp();
        try (FolderProject p = TestProjects.reopen(dir)) {
            Guidelines g = new Guidelines(p);
            ProjectSession session = new ProjectSession(p, "carol");
            assertEquals(4, g.requeue(session, g.stale(), ""), "all stale sets not in progress");
            session.undo();
            session.save();
        }
        try (FolderProject p = TestProjects.reopen(dir)) {
            assertEquals(AnnotationState.ACCEPTED, p.loadItem("street-001").set("alice").orElseThrow().state());
            assertEquals(AnnotationState.REJECTED, p.loadItem("street-003").set("alice").orElseThrow().state());
            assertEquals("guidelines changed: 4 sets sent back to their annotators",
                    TestProjects.events(p, AuditEvent.SETS_REQUEUED).get(0).detail());
        }
    }
}
