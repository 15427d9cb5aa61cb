package dev.vellum.quality.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.AnnotationState;
import dev.vellum.quality.ui.handlers.NextItemHandler;
import dev.vellum.quality.ui.handlers.SubmitHandler;
import dev.vellum.quality.ui.internal.QualityWorkbench;
import dev.vellum.quality.ui.internal.ReasonDialog;
import dev.vellum.quality.ui.parts.QualityStatus;
import dev.vellum.quality.ui.parts.QueuePart;
import dev.vellum.quality.workflow.Queues;
import dev.vellum.quality.workflow.Queues.SetRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Next Item, Next to Review / Audit and Submit as the Quality menu and its keys run them. */
class QueueCommandsTest {
    @TempDir
    Path tmp;
    private Fixture f;
    private final List<String> opened = new ArrayList<>();
    private final List<String> said = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    private Optional<SetRef> next(String role) {
        return NextItemHandler.open(f.session, role, id -> opened.add(id), (text, problem) -> said.add((problem ? "!" : "") + text));
    }

    @Test
    void nextItemOpensWhatTheQueueHandsOut() throws Exception {
        f.as("alice");
        String expected = new Queues(f.session).next("alice").orElseThrow();
        assertEquals("street-003", expected, "alice's rejected work comes first");
        assertEquals(Optional.of(new SetRef("street-003", "alice")), next(null), "the plain key means annotate");
        assertEquals(List.of("street-003"), opened);
        assertEquals(List.of("Next item: street-003"), said);

        f.as("carol");
        next("annotate");
        assertEquals(new Queues(f.session).next("carol").orElseThrow(), opened.get(1));
        assertEquals("street-002", opened.get(1), "street-001 already has its two annotators (overlap 2)");
    }

    @Test
    void nextToReviewAndAuditOpenTheSetTheQueueNames() throws Exception {
        f.as("rita");
        assertEquals(Optional.of(new SetRef("street-001", "alice")), next("review"));
        assertEquals(List.of("street-001"), opened);
        assertEquals("To review: alice's set on street-001", said.get(0));

        assertEquals(Optional.empty(), next("audit"), "rita is no auditor");
        assertEquals("Nothing waits for audit by rita.", said.get(1));
        assertEquals(1, opened.size());

        assertEquals(Optional.empty(), next("sleep"));
        assertTrue(said.get(2).startsWith("!Could not find the next item: unknown role 'sleep'"), said.get(2));
    }

    @Test
    void theQueueViewListsTheWorkOfEachRoleInTheQueuesOrderAndOpensIt() throws Exception {
        f.as("alice");
        QueuePart view = f.make(QueuePart.class);
        view.setOpener(id -> opened.add(id));
        assertEquals(List.of("ANNOTATE street-003 alice rejected", "ANNOTATE street-002 alice new"), entries(view));
        assertEquals("alice: 2 to annotate", Fixture.find(f.shell, "queue.title", Label.class).getText());
        assertEquals(new Queues(f.session).queue("alice", QueuePart.LIMIT),
                view.entries().stream().map(e -> e.set().itemId()).toList(), "the queue's own order");

        f.as("rita");
        view = f.make(QueuePart.class);
        view.setOpener(id -> opened.add(id));
        assertEquals(List.of("ANNOTATE street-002 rita new", "ANNOTATE street-003 rita new", "REVIEW street-001 alice submitted"),
                entries(view), "street-001 has its two annotators; street-003 has room for a second");
        view.open(2);
        assertEquals(List.of("street-001"), opened);
        assertEquals("Opened street-001.", view.status().text());

        // a decision takes the set off the review queue once the view reads the queues again
        new dev.vellum.quality.workflow.Reviews(f.session).accept("street-001", "alice", "");
        view.reload();
        assertEquals(List.of("ANNOTATE street-002 rita new", "ANNOTATE street-003 rita new"), entries(view));
    }

    private static List<String> entries(QueuePart view) {
        return view.entries().stream().map(e -> e.role() + " " + e.set().itemId() + " " + e.set().annotator() + " " + e.state()).toList();
    }

    @Test
    void submitHandsTheUsersSetInAndARefusalIsAProblemLine() throws Exception {
        f.as("bob");
        assertTrue(SubmitHandler.submit(f.session, "street-001", (text, problem) -> said.add((problem ? "!" : "") + text)));
        assertEquals(AnnotationState.SUBMITTED, f.session.load("street-001").set("bob").orElseThrow().state());
        assertEquals("Submitted your set on street-001 (now submitted)", said.get(0));
        assertFalse(SubmitHandler.submit(f.session, "street-001", (text, problem) -> said.add((problem ? "!" : "") + text)));
        assertTrue(said.get(1).startsWith("!Could not submit: "), said.get(1));
    }

    @Test
    void theStatusLineShowsWhatTheCommandsSayProblemsInRed() throws Exception {
        QualityStatus status = f.make(QualityStatus.class);
        status.show(new QualityWorkbench.Status("Next item: street-003", false));
        assertEquals("Next item: street-003", status.text());
        status.show(new QualityWorkbench.Status("Could not submit: no", true));
        assertEquals("Could not submit: no", status.text());
        assertEquals(f.display.getSystemColor(SWT.COLOR_RED).getRGB(), Fixture.find(f.shell, "quality.status", Label.class).getForeground().getRGB());
    }

    @Test
    void theReasonDialogKeepsOkDisabledUntilThereIsAReason() {
        ReasonDialog d = new ReasonDialog(new Shell(f.shell), "Reject alice's Set", "It goes back.", "&Reason (required):", "&Comment:");
        d.setBlockOnOpen(false);
        d.open();
        try {
            Button ok = d.getShell() == null ? null : findOk(d);
            assertFalse(ok.isEnabled());
            d.reasonField().setText("Too loose");
            assertTrue(ok.isEnabled());
            d.pinnedField().setText("  this one  ");
            ok.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            assertEquals("Too loose", d.reason());
            assertEquals("this one", d.pinned());
        } finally {
            d.close();
        }
    }

    private static Button findOk(ReasonDialog d) {
        List<Button> found = new ArrayList<>();
        collect(d.getShell(), found);
        return found.stream().filter(b -> Integer.valueOf(IDialogConstants.OK_ID).equals(b.getData())).findFirst().orElseThrow();
    }

    private static void collect(org.eclipse.swt.widgets.Control c, List<Button> out) {
        if (c instanceof Button b) {
            out.add(b);
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                collect(child, out);
            }
        }
    }
}
