package dev.vellum.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.audit.AnnotationAudit;
import dev.vellum.core.audit.AuditChain;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.audit.AuditVerification;
import dev.vellum.core.edit.AddAnnotation;
import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.edit.RemoveAnnotation;
import dev.vellum.core.edit.ReplaceAnnotation;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTest {
    private static List<String> chain(int n) {
        List<String> lines = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            String line = AuditChain.seal(i, prev, "\"kind\":\"k\",\"detail\":\"event " + i + "\"");
            lines.add(line);
            prev = AuditChain.hashOf(line);
        }
        return lines;
    }

    private static AuditVerification verify(List<String> lines, long headSeq, String headHash) {
        return AuditChain.verify(lines.iterator(), headSeq, headHash);
    }

    @Test
    void anUntouchedChainVerifiesAndReportsItsHead() {
        List<String> lines = chain(5);
        AuditVerification v = verify(lines, 5, AuditChain.hashOf(lines.get(4)));
        assertTrue(v.intact(), v.problem());
        assertEquals(5, v.events());
        assertEquals(AuditChain.hashOf(lines.get(4)), v.headHash());
        assertTrue(verify(List.of(), 0, "").intact());
    }

    @Test
    void theHashCoversEveryByteBeforeIt() {
        String line = AuditChain.seal(1, AuditChain.GENESIS, "\"detail\":\"x\"");
        String body = line.substring(0, line.indexOf(",\"hash\":\"")) + "}";
        assertEquals(AuditChain.sha256(body), AuditChain.hashOf(line));
        assertEquals("\"detail\":\"x\"", AuditChain.membersOf(line));
    }

    @Test
    void aChangedEventIsNamed() {
        List<String> lines = chain(5);
        lines.set(2, lines.get(2).replace("event 3", "event 9"));
        AuditVerification v = verify(lines, 5, AuditChain.hashOf(lines.get(4)));
        assertFalse(v.intact());
        assertEquals(3, v.firstBad());
        assertTrue(v.problem().contains("event #3 was changed"), v.problem());
    }

    @Test
    void aChangedAndRehashedEventBreaksTheLinkOfTheNextOne() {
        List<String> lines = chain(5);
        lines.set(2, AuditChain.seal(3, AuditChain.hashOf(lines.get(1)), "\"kind\":\"k\",\"detail\":\"forged\""));
        AuditVerification v = verify(lines, 5, AuditChain.hashOf(lines.get(4)));
        assertEquals(4, v.firstBad());
        assertTrue(v.problem().contains("does not follow event #3"), v.problem());
    }

    @Test
    void aRemovedEventIsFound() {
        List<String> lines = chain(5);
        String head = AuditChain.hashOf(lines.get(4));
        lines.remove(1);
        AuditVerification v = verify(lines, 5, head);
        assertEquals(2, v.firstBad());
        assertTrue(v.problem().contains("holds event #3"), v.problem());
    }

    @Test
    void reorderedEventsAreFound() {
        List<String> lines = chain(5);
        String head = AuditChain.hashOf(lines.get(4));
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);
        AuditVerification v = verify(lines, 5, head);
        assertEquals(3, v.firstBad());
    }

    @Test
    void eventsCutFromTheEndAreFoundThroughTheHead() {
        List<String> lines = chain(5);
        String head = AuditChain.hashOf(lines.get(4));
        AuditVerification v = verify(lines.subList(0, 3), 5, head);
        assertFalse(v.intact());
        assertEquals(4, v.firstBad());
        assertTrue(v.problem().contains("#4 to #5 were removed"), v.problem());
    }

    @Test
    void aRewrittenTailIsFoundThroughTheHead() {
        List<String> lines = chain(5);
        String head = AuditChain.hashOf(lines.get(4));
        lines.set(4, AuditChain.seal(5, AuditChain.hashOf(lines.get(3)), "\"kind\":\"k\",\"detail\":\"rewritten\""));
        AuditVerification v = verify(lines, 5, head);
        assertEquals(5, v.firstBad());
        assertTrue(v.problem().contains("head"), v.problem());
    }

    @Test
    void aDamagedLineIsNamed() {
        List<String> lines = chain(3);
        lines.set(1, lines.get(1).substring(0, 40));
        assertEquals(2, verify(lines, 0, "").firstBad());
    }

    @Test
    void annotationChangesBecomeEventsWithBeforeAndAfter() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Annotation a = new Annotation("a", "image.bbox", "car", Map.of(), 1, Map.of("x", 1), dev.vellum.core.model.Provenance.HUMAN,
                "alice", t, t);
        Annotation b = new Annotation("b", "image.bbox", "bus", Map.of(), 1, Map.of("x", 2), dev.vellum.core.model.Provenance.HUMAN,
                "alice", t, t);
        Annotation c = new Annotation("c", "image.bbox", "person", Map.of(), 1, Map.of("x", 3),
                dev.vellum.core.model.Provenance.HUMAN, "alice", t, t);
        Item before = item("i", new AnnotationSet("alice", AnnotationState.IN_PROGRESS, 1, t, t, List.of(a, b)));
        Item after = item("i", new AnnotationSet("alice", AnnotationState.SUBMITTED, 1, t, t, List.of(a.withLabel("truck", "bob"), c)));
        List<AuditEvent> events = AnnotationAudit.changes(before, after, "bob", t);
        assertEquals(List.of(AuditEvent.STATE_CHANGED, AuditEvent.ANNOTATION_CHANGED, AuditEvent.ANNOTATION_CREATED,
                AuditEvent.ANNOTATION_DELETED), events.stream().map(AuditEvent::kind).toList());
        AuditEvent changed = events.get(1);
        assertEquals("car", changed.before().get("label"));
        assertEquals("truck", changed.after().get("label"));
        assertEquals("a", changed.annotationId());
        assertEquals("alice", changed.annotator());
        assertEquals("bob", changed.user());
        assertNull(events.get(2).before());
        assertNull(events.get(3).after());
        assertEquals("IN_PROGRESS", events.get(0).before().get("state"));
        assertTrue(AnnotationAudit.changes(after, after.copy(), "bob", t).isEmpty());
        assertEquals(List.of(AuditEvent.ITEM_ADDED), AnnotationAudit.changes(null, after, "bob", t).stream().map(AuditEvent::kind).toList());
    }

    @Test
    void savingStampsTheCurrentGuidelineVersionOnSetsWhoseAnnotationsChanged() throws StoreException {
        Instant t = Instant.now();
        Item i1 = item("i1", new AnnotationSet("alice", AnnotationState.SUBMITTED, 1, t, t, List.of()),
                new AnnotationSet("bob", AnnotationState.SUBMITTED, 1, t, t, List.of()));
        InMemoryProject store = new InMemoryProject(new Project("p", "P", t, List.of(), null, 3, Map.of()), List.of(i1));
        ProjectSession s = new ProjectSession(store, "alice");
        s.execute(new AddAnnotation("i1", "alice", Annotation.create("a", "image.bbox", "car", Map.of("x", 1), "alice"), -1, 3));
        s.execute(new ChangeState("i1", "bob", AnnotationState.ACCEPTED));
        s.save();
        Item saved = store.saved.get("i1");
        assertEquals(3, saved.set("alice").orElseThrow().guidelineVersion(), "alice's annotations changed under v3");
        assertEquals(1, saved.set("bob").orElseThrow().guidelineVersion(), "a review decision does not restamp bob's work");
        assertEquals(List.of(AuditEvent.ANNOTATION_CREATED, AuditEvent.STATE_CHANGED), store.audited.stream().map(AuditEvent::kind).toList());
        assertEquals(3, store.audited.get(0).guidelineVersion());
        assertEquals("alice", store.audited.get(1).user());
    }

    @Test
    void eachSaveRecordsOnlyWhatChangedSinceTheLastSave() throws StoreException {
        Instant t = Instant.now();
        InMemoryProject store = new InMemoryProject(new Project("p", "P", t, List.of(), null, 1, Map.of()),
                List.of(item("i1", new AnnotationSet("alice", AnnotationState.IN_PROGRESS, 1, t, t, List.of()))));
        ProjectSession s = new ProjectSession(store, "alice");
        Annotation a = Annotation.create("a", "image.bbox", "car", Map.of("x", 1), "alice");
        s.execute(new AddAnnotation("i1", "alice", a, -1, 1));
        s.save();
        s.execute(new ReplaceAnnotation("i1", "alice", a.withLabel("bus", "alice"), "Change label"));
        s.execute(new RemoveAnnotation("i1", "alice", "a"));
        s.save();
        assertEquals(List.of(AuditEvent.ANNOTATION_CREATED, AuditEvent.ANNOTATION_DELETED),
                store.audited.stream().map(AuditEvent::kind).toList());
        assertEquals("car", store.audited.get(1).before().get("label"), "the deleted annotation as it was saved");
        s.undo();
        s.save();
        assertEquals(AuditEvent.ANNOTATION_CREATED, store.audited.get(2).kind(), "undoing a saved delete creates it again");
    }

    @Test
    void eventsTheTrailCouldNotTakeAreRecordedByTheNextSave() throws StoreException {
        Instant t = Instant.now();
        InMemoryProject store = new InMemoryProject(new Project("p", "P", t, List.of(), null, 1, Map.of()),
                List.of(item("i1", new AnnotationSet("alice", AnnotationState.IN_PROGRESS, 1, t, t, List.of()))));
        ProjectSession s = new ProjectSession(store, "alice");
        s.execute(new AddAnnotation("i1", "alice", Annotation.create("a", "image.bbox", "car", Map.of("x", 1), "alice"), -1, 1));
        store.auditFails = true;
        org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, s::save);
        assertEquals(List.of("i1"), store.writes, "the item itself was saved");
        assertTrue(s.isDirty() && s.hasUnrecordedChanges());
        store.auditFails = false;
        s.save();
        assertEquals(List.of("i1"), store.writes, "and not written again");
        assertEquals(List.of(AuditEvent.ANNOTATION_CREATED), store.audited.stream().map(AuditEvent::kind).toList());
        assertFalse(s.isDirty());
    }

    @Test
    void resubmittingRequeuedWorkStampsTheCurrentVersionEvenWithoutChanges() throws StoreException {
        Instant t = Instant.now();
        InMemoryProject store = new InMemoryProject(new Project("p", "P", t, List.of(), null, 4, Map.of()),
                List.of(item("i1", new AnnotationSet("alice", AnnotationState.IN_PROGRESS, 2, t, t, List.of()))));
        ProjectSession s = new ProjectSession(store, "alice");
        s.execute(new ChangeState("i1", "alice", AnnotationState.SUBMITTED));
        s.save();
        assertEquals(4, store.saved.get("i1").set("alice").orElseThrow().guidelineVersion());
    }

    private static Item item(String id, AnnotationSet... sets) {
        return new Item(id, "d", List.of(new Asset("media/" + id + ".png", "image", "", Map.of())), Map.of(), List.of(), List.of(sets));
    }
}
