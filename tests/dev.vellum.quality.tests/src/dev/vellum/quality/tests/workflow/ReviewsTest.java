package dev.vellum.quality.tests.workflow;

import static dev.vellum.quality.tests.workflow.MemoryProject.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.WorkflowSettings;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.workflow.Comment;
import dev.vellum.quality.workflow.QualitySettings;
import dev.vellum.quality.workflow.Queues;
import dev.vellum.quality.workflow.ReviewEvent;
import dev.vellum.quality.workflow.ReviewEvent.Kind;
import dev.vellum.quality.workflow.Reviews;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Review decisions on a real project folder: state changes, history documents and audit events. */
class ReviewsTest {
    @TempDir
    Path tmp;

    private String location;

    /** A folder project with overlap 2, the given stages, and items x1 (alice and bob in progress) and x2 (new). */
    private void create(String... stages) throws Exception {
        location = tmp.resolve("p").toString();
        try (StoredProject p = new FolderProjectStore().create(location, "p", "P")) {
            p.project().setWorkflow(new WorkflowSettings(2, List.of(stages)));
            p.saveProject();
            p.saveItem(new Item("x1", "", List.of(new Asset("media/x1.png", "image", "", null)), null, null,
                    List.of(set("alice", AnnotationState.IN_PROGRESS, "a1", "a2"), set("bob", AnnotationState.IN_PROGRESS, "b1"))));
            p.saveItem(new Item("x2", "", List.of(new Asset("media/x2.png", "image", "", null)), null, null, List.of()));
        }
    }

    private StoredProject open() throws StoreException {
        return new FolderProjectStore().open(location);
    }

    private static Reviews as(StoredProject p, String user) {
        return new Reviews(new ProjectSession(p, user));
    }

    private static AnnotationState state(StoredProject p, String item, String annotator) {
        return p.project().item(item).orElseThrow().sets().stream().filter(s -> s.annotator().equals(annotator)).findFirst()
                .orElseThrow().state();
    }

    @Test
    void rejectedWorkGoesBackToItsAuthorFirstAndTheHistoryKeepsEveryStep() throws Exception {
        create("review", "audit");
        try (StoredProject p = open()) {
            new QualitySettings(List.of(), List.of("rev"), List.of("aud"), 1.0, 0, 0.8, 0).writeTo(p.project());
            p.saveProject();
            as(p, "alice").submit("x1", "alice");
            assertEquals(AnnotationState.SUBMITTED, state(p, "x1", "alice"));
            assertEquals(Optional.of("x1"), new Queues(p).nextToReview("rev"));

            as(p, "rev").reject("x1", "alice", "the second car is a van",
                    List.of(Comment.pinned("a2", "this is a van, not a car"), Comment.pinned("", "check the occlusion flags")));
            assertEquals(AnnotationState.REJECTED, state(p, "x1", "alice"));
            assertEquals(List.of("x1", "x2"), new Queues(p).queue("alice", 5), "the rejected set is offered first");
            List<Comment> open = as(p, "alice").comments("x1", "alice");
            assertEquals(2, open.size());
            assertEquals("a2", open.get(0).annotationId());
            assertEquals("rev", open.get(0).author());
            assertTrue(open.get(1).onSet());

            as(p, "alice").comment("x1", "alice", "a2", "fixed: relabelled as van");
            assertEquals(3, as(p, "rev").comments("x1", "alice").size());
            as(p, "alice").submit("x1", "alice");
            assertEquals(List.of(), as(p, "rev").comments("x1", "alice"), "resubmitting closes the open comments");
            as(p, "rev").accept("x1", "alice", "good now");
            assertEquals(AnnotationState.ACCEPTED, state(p, "x1", "alice"));
            assertEquals(Optional.of("x1"), new Queues(p).nextToAudit("aud"), "audit rate 1: every accepted set");
            as(p, "aud").audit("x1", "alice", true, "");
            assertEquals(AnnotationState.AUDITED, state(p, "x1", "alice"));

            List<ReviewEvent> history = as(p, "x").history("x1");
            assertEquals(List.of(Kind.SUBMITTED, Kind.REJECTED, Kind.COMMENTED, Kind.SUBMITTED, Kind.ACCEPTED, Kind.AUDITED),
                    history.stream().map(ReviewEvent::kind).toList());
            ReviewEvent rejected = history.get(1);
            assertEquals("the second car is a van", rejected.text());
            assertEquals(AnnotationState.SUBMITTED, rejected.from());
            assertEquals(AnnotationState.REJECTED, rejected.to());
            assertEquals("this is a van, not a car", rejected.comments().get(0).text());
            assertTrue(history.get(5).passed());

            List<AuditEvent> events = p.audit().events("x1");
            List<String> reviewKinds = events.stream().map(AuditEvent::kind).filter(k -> k.startsWith("review.")).toList();
            assertEquals(List.of("review.submitted", "review.rejected", "review.commented", "review.submitted", "review.accepted",
                    "review.audited"), reviewKinds);
            AuditEvent rej = events.stream().filter(e -> e.kind().equals("review.rejected")).findFirst().orElseThrow();
            assertEquals("alice", rej.annotator());
            assertEquals("rev", rej.user());
            assertEquals("rejected", rej.after().get("state"));
            assertEquals("the second car is a van", rej.after().get("text"));
            AuditEvent comment = events.stream().filter(e -> e.kind().equals("review.commented")).findFirst().orElseThrow();
            assertEquals("a2", comment.annotationId());
            assertEquals(5, events.stream().filter(e -> e.kind().equals(AuditEvent.STATE_CHANGED)).count(),
                    "each state change also recorded by the session's save");
            assertTrue(p.audit().verify().intact());
        }
        // what was saved is on disk: a new opening sees the states and the history document
        try (StoredProject p = open()) {
            assertEquals(AnnotationState.AUDITED, state(p, "x1", "alice"));
            String doc = Files.readString(tmp.resolve("p").resolve("reviews").resolve("x1"));
            JsonNode json = new ObjectMapper().readTree(doc);
            assertEquals("x1", json.get("item").asText());
            assertEquals(6, json.get("events").size());
            assertEquals("fixed: relabelled as van", json.get("events").get(2).get("text").asText());
        }
    }

    @Test
    void refusedTransitionsSayWhyAndChangeNothing() throws Exception {
        create("review", "audit");
        try (StoredProject p = open()) {
            new QualitySettings(List.of("alice", "bob"), List.of("rev"), List.of("aud"), 1.0, 0, 0.8, 0).writeTo(p.project());
            refused(p, "only its annotator", () -> as(p, "bob").submit("x1", "alice"));
            refused(p, "only a set that is submitted or in_review can be accepted", () -> as(p, "rev").accept("x1", "alice", ""));
            refused(p, "has no set of carol", () -> as(p, "carol").submit("x1", "carol"));
            as(p, "alice").submit("x1", "alice");
            refused(p, "only a set that is in_progress or rejected can be submitted", () -> as(p, "alice").submit("x1", "alice"));
            refused(p, "cannot accept their own set", () -> as(p, "alice").accept("x1", "alice", ""));
            refused(p, "bob is not among the project's reviewers (rev)", () -> as(p, "bob").accept("x1", "alice", ""));
            refused(p, "needs a reason", () -> as(p, "rev").reject("x1", "alice", " ", List.of()));
            refused(p, "only a set that is accepted can be audited", () -> as(p, "aud").audit("x1", "alice", true, ""));
            assertThrows(IllegalArgumentException.class,
                    () -> as(p, "rev").reject("x1", "alice", "no", List.of(Comment.pinned("b1", "not in alice's set"))));
            refused(p, "may not comment", () -> as(p, "bob").comment("x1", "alice", "", "peeking"));
            as(p, "rev").accept("x1", "alice", "");
            refused(p, "rev is not among the project's auditors (aud)", () -> as(p, "rev").audit("x1", "alice", true, ""));
            refused(p, "needs a reason", () -> as(p, "aud").audit("x1", "alice", false, null));
            assertEquals(AnnotationState.ACCEPTED, state(p, "x1", "alice"));
            as(p, "aud").audit("x1", "alice", false, "a1 is not a car");
            assertEquals(AnnotationState.REJECTED, state(p, "x1", "alice"), "a failed audit sends the set back");
            assertEquals(3, as(p, "x").history("x1").size(), "submitted, accepted, audited");
        }
    }

    private static void refused(StoredProject p, String why, Executable action) throws StoreException {
        int events = p.audit().events("x1").size();
        IllegalStateException e = assertThrows(IllegalStateException.class, action);
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals(events, p.audit().events("x1").size(), "nothing recorded");
    }

    @Test
    void withoutAReviewStageSubmittingAccepts() throws Exception {
        create("audit");
        try (StoredProject p = open()) {
            as(p, "alice").submit("x1", "alice");
            assertEquals(AnnotationState.ACCEPTED, state(p, "x1", "alice"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> as(p, "rev").reject("x1", "alice", "no", List.of()));
            assertTrue(e.getMessage().contains("no review stage"), e.getMessage());
            as(p, "carol").audit("x1", "alice", true, "");
            assertEquals(AnnotationState.AUDITED, state(p, "x1", "alice"));
        }
        create2WithoutStages();
    }

    private void create2WithoutStages() throws Exception {
        location = tmp.resolve("q").toString();
        try (StoredProject p = new FolderProjectStore().create(location, "q", "Q")) {
            p.project().setWorkflow(new WorkflowSettings(1, List.of()));
            p.saveItem(new Item("x1", "", List.of(new Asset("media/x1.png", "image", "", null)), null, null,
                    List.of(set("alice", AnnotationState.IN_PROGRESS))));
            as(p, "alice").submit("x1", "alice");
            assertEquals(AnnotationState.ACCEPTED, state(p, "x1", "alice"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> as(p, "aud").audit("x1", "alice", true, ""));
            assertTrue(e.getMessage().contains("no audit stage"), e.getMessage());
        }
    }

    @Test
    void aDecisionIsAnEditTheSessionCanUndo() throws Exception {
        create("review");
        try (StoredProject p = open()) {
            ProjectSession alice = new ProjectSession(p, "alice");
            new Reviews(alice).submit("x1", "alice");
            assertTrue(alice.canUndo());
            assertEquals("Mark submitted", alice.undoLabel().orElseThrow());
            alice.undo();
            assertEquals(AnnotationState.IN_PROGRESS, alice.load("x1").set("alice").orElseThrow().state());
            alice.save();
            assertEquals(AnnotationState.IN_PROGRESS, state(p, "x1", "alice"));
            assertEquals(1, new Reviews(alice).history("x1").size(), "the history keeps what was decided");
        }
    }

    @Test
    void aDamagedHistoryIsAnErrorNamingTheDocument() throws Exception {
        create("review");
        try (StoredProject p = open()) {
            p.documents().write("reviews/x1", "{\"events\": [{\"kind\": \"approved\"}]}");
            StoreException e = assertThrows(StoreException.class, () -> as(p, "x").history("x1"));
            assertTrue(e.getMessage().contains("reviews/x1") && e.getMessage().contains("event 1"), e.getMessage());
            assertThrows(StoreException.class, () -> as(p, "alice").submit("x1", "alice"));
            assertEquals(AnnotationState.IN_PROGRESS, state(p, "x1", "alice"), "no step is taken that cannot be recorded");
        }
    }

    @Test
    void aReviewerWithUnsubmittedWorkOnTheItemCannotDecideOnAnothersSetThere() throws Exception {
        create("review");
        try (StoredProject p = open()) {
            // bob reviews too, and has his own set on x1 still in progress: under the blind rule he
            // may not see alice's set there, so he may not accept it either (nor may the view offer it)
            new QualitySettings(List.of(), List.of("bob"), List.of(), 0, 0, 0.8, 0).writeTo(p.project());
            p.saveProject();
            as(p, "alice").submit("x1", "alice");
            Item x1 = p.loadItem("x1");
            AnnotationSet alices = x1.set("alice").orElseThrow();
            assertTrue(Reviews.refusal(p.project(), "bob", Reviews.Step.ACCEPT, x1, alices).orElseThrow().contains("blind"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> as(p, "bob").accept("x1", "alice", ""));
            assertTrue(e.getMessage().contains("may not see the set of alice"), e.getMessage());
            assertEquals(AnnotationState.SUBMITTED, state(p, "x1", "alice"), "nothing changed");

            as(p, "bob").submit("x1", "bob");
            x1 = p.loadItem("x1");
            assertEquals(Optional.empty(), Reviews.refusal(p.project(), "bob", Reviews.Step.ACCEPT, x1, x1.set("alice").orElseThrow()));
            as(p, "bob").accept("x1", "alice", "");
            assertEquals(AnnotationState.ACCEPTED, state(p, "x1", "alice"));
        }
    }
}
