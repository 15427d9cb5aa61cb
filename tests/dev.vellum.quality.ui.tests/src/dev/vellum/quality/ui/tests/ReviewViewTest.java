package dev.vellum.quality.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.ui.editors.SetFilter;
import dev.vellum.quality.ui.parts.ReviewPart;
import dev.vellum.quality.ui.parts.ReviewPart.Action;
import dev.vellum.quality.ui.parts.ReviewPart.Answer;
import dev.vellum.quality.workflow.BlindVisibility;
import dev.vellum.quality.workflow.Comment;
import dev.vellum.quality.workflow.ReviewEvent;
import dev.vellum.quality.workflow.Reviews;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Review view on a real project folder, driven as a reviewer, an annotator and an auditor would. */
class ReviewViewTest {
    @TempDir
    Path tmp;
    private Fixture f;
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    private ReviewPart view() {
        ReviewPart view = f.make(ReviewPart.class);
        return view;
    }

    private ReviewPart.Asker answering(String text, String pinned) {
        return (shell, title, intro, textLabel, pinnedLabel) -> {
            asked.add(title + " | " + textLabel + " | " + pinnedLabel);
            return new Answer(text, pinned);
        };
    }

    @Test
    void theViewShowsEachSetsStateAndTheChosenSetsCommentsAndHistory() throws Exception {
        f.as("rita");
        new Reviews(f.session).comment("street-001", "alice", "a1", "Is the mirror part of the car?");
        ReviewPart view = view();
        f.activate("street-001");

        assertEquals("street-001", view.itemId());
        assertEquals(List.of("alice | Submitted | 2", "bob | In progress | 1"), ReviewPart.rows(view.setsTable()));
        assertEquals("alice", view.chosenSet(), "a reviewer starts on the first set they may decide on");
        assertEquals(List.of("car \u00b7 a1 | Is the mirror part of the car? | rita"), ReviewPart.rows(view.commentsTable()));
        List<String> history = ReviewPart.rows(view.historyTable());
        assertEquals(1, history.size());
        assertTrue(history.get(0).endsWith("| Comment by rita | Is the mirror part of the car?"), history.get(0));

        assertTrue(view.button(Action.ACCEPT).isEnabled());
        assertTrue(view.button(Action.REJECT).isEnabled());
        assertTrue(view.button(Action.COMMENT).isEnabled());
        assertFalse(view.button(Action.SUBMIT).isEnabled(), "rita has no set to submit");
        assertFalse(view.button(Action.AUDIT_PASS).isEnabled(), "rita is no auditor and the set is not accepted");

        view.choose("bob");
        assertFalse(view.button(Action.ACCEPT).isEnabled(), "bob's set is still in progress");
        assertEquals(List.of(), ReviewPart.rows(view.commentsTable()));
    }

    @Test
    void rejectingWithAReasonSendsTheSetBackAndWritesTheHistoryAndTheAuditTrail() throws Exception {
        f.as("rita");
        ReviewPart view = view();
        Fixture.FakeEditor editor = f.activate("street-001", f.selection("street-001", "alice", "a2"));
        assertEquals("alice", view.chosenSet(), "the set of the annotation selected in the editor");
        view.setAsker(answering("Boxes are too loose", "This box cuts the person's feet off"));

        view.run(Action.REJECT);

        assertEquals(List.of("Reject alice's Set | &Reason (required): | &Comment pinned to person (a2) (optional):"), asked);
        assertEquals(AnnotationState.REJECTED, f.session.load("street-001").set("alice").orElseThrow().state());
        assertFalse(f.session.isDirty(), "the decision is saved");
        List<ReviewEvent> history = new Reviews(f.session).history("street-001");
        ReviewEvent last = history.get(history.size() - 1);
        assertEquals(ReviewEvent.Kind.REJECTED, last.kind());
        assertEquals("Boxes are too loose", last.text());
        assertEquals("rita", last.user());
        assertEquals(List.of("a2"), last.comments().stream().map(Comment::annotationId).toList());
        List<AuditEvent> audit = f.stored.audit().events("street-001");
        assertTrue(audit.stream().anyMatch(e -> e.kind().equals("review.rejected") && e.user().equals("rita")),
                audit.stream().map(AuditEvent::kind).toList().toString());

        assertEquals("alice | Rejected | 2", ReviewPart.rows(view.setsTable()).get(0));
        assertTrue(ReviewPart.rows(view.historyTable()).get(0).endsWith("| Rejected by rita | Boxes are too loose  (+1 pinned comment)"),
                ReviewPart.rows(view.historyTable()).toString());
        assertEquals(List.of("person \u00b7 a2 | This box cuts the person's feet off | rita"), ReviewPart.rows(view.commentsTable()));
        assertTrue(view.stepDetail().startsWith("Rejected by rita, "), view.stepDetail());
        assertTrue(view.stepDetail().endsWith(": Boxes are too loose\n  \u2022 person \u00b7 a2: This box cuts the person's feet off"),
                view.stepDetail());
        assertFalse(view.button(Action.REJECT).isEnabled(), "a rejected set cannot be rejected again");
        assertTrue(view.status().text().contains("rejected"), view.status().text());

        // undo goes through the session like any edit
        f.session.undo();
        assertEquals(AnnotationState.SUBMITTED, f.session.load("street-001").set("alice").orElseThrow().state());
        assertEquals("alice | Submitted | 2", ReviewPart.rows(view.setsTable()).get(0));
        assertNotNull(editor);
    }

    @Test
    void cancellingTheReasonChangesNothingAndARefusedStepIsToldOnTheStatusLine() throws Exception {
        f.as("rita");
        ReviewPart view = view();
        f.activate("street-001");
        view.setAsker((shell, title, intro, textLabel, pinnedLabel) -> null);
        view.run(Action.REJECT);
        assertEquals(AnnotationState.SUBMITTED, f.session.load("street-001").set("alice").orElseThrow().state());
        assertEquals(List.of(), new Reviews(f.session).history("street-001"));

        // a step the workflow refuses (bob's set is in progress): red status line, nothing changes, no dialog
        view.choose("bob");
        view.run(Action.ACCEPT);
        assertEquals(AnnotationState.IN_PROGRESS, f.session.load("street-001").set("bob").orElseThrow().state());
        assertNotNull(view.status().lastProblem());
        assertTrue(view.status().lastProblem().startsWith("Could not accept: "), view.status().lastProblem());
    }

    @Test
    void doubleClickingACommentSelectsItsAnnotationInTheEditor() throws Exception {
        f.as("rita");
        new Reviews(f.session).comment("street-001", "alice", "a2", "Feet?");
        ReviewPart view = view();
        Fixture.FakeEditor editor = f.activate("street-001");
        view.commentsTable().setSelection(0);
        view.commentsTable().notifyListeners(SWT.DefaultSelection, new Event());
        assertNotNull(editor.revealed);
        assertEquals("alice", editor.revealed.annotator());
        assertEquals("a2", editor.revealed.annotation().id());
    }

    @Test
    void theAnnotatorSubmitsTheirOwnSetAndCannotDecideOnIt() throws Exception {
        f.as("bob");
        ReviewPart view = view();
        f.activate("street-001");
        assertEquals("bob", view.chosenSet());
        assertTrue(view.button(Action.SUBMIT).isEnabled());
        assertFalse(view.button(Action.ACCEPT).isEnabled(), "nobody reviews their own work");
        view.run(Action.SUBMIT);
        assertEquals(AnnotationState.SUBMITTED, f.session.load("street-001").set("bob").orElseThrow().state());
        assertFalse(view.button(Action.SUBMIT).isEnabled());
    }

    @Test
    void aSetTheBlindRuleHidesShowsItsStateOnly() throws Exception {
        f.as("bob");
        new Reviews(new dev.vellum.core.session.ProjectSession(f.stored, "rita")).comment("street-001", "alice", "a1", "secret hint");
        f.context.set(SetFilter.class, new SetFilter(List.of(new BlindVisibility())));
        ReviewPart view = view();
        f.activate("street-001");
        assertEquals(List.of("alice | Submitted | hidden", "bob (you) | In progress | 1"), ReviewPart.rows(view.setsTable()));
        view.choose("alice");
        assertEquals(List.of(), ReviewPart.rows(view.commentsTable()), "no comments of a hidden set");
        assertEquals(List.of(), ReviewPart.rows(view.historyTable()));
        assertFalse(view.button(Action.COMMENT).isEnabled());
    }

    @Test
    void theAuditorPassesAcceptedWork() throws Exception {
        new Reviews(f.as("rita")).accept("street-001", "alice", "");
        f.as("audrey");
        ReviewPart view = view();
        f.activate("street-001");
        assertEquals("alice", view.chosenSet());
        assertTrue(view.button(Action.AUDIT_PASS).isEnabled());
        assertTrue(view.button(Action.AUDIT_FAIL).isEnabled());
        assertFalse(view.button(Action.ACCEPT).isEnabled());
        view.setAsker(answering("Missed a pedestrian", null));
        view.run(Action.AUDIT_FAIL);
        assertEquals(AnnotationState.REJECTED, f.session.load("street-001").set("alice").orElseThrow().state());
        assertNull(view.status().lastProblem());
    }
}
