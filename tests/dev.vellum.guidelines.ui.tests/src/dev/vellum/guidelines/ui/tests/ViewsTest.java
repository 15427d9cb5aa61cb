package dev.vellum.guidelines.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.SetVisibility;
import dev.vellum.core.ui.editors.SetFilter;
import dev.vellum.guidelines.Faq;
import dev.vellum.guidelines.FaqContext;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.FaqExample;
import dev.vellum.guidelines.GuidelineDiff.Kind;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.ui.internal.RequeueDialog;
import dev.vellum.guidelines.ui.parts.FaqPart;
import dev.vellum.guidelines.ui.parts.GuidelineDiffPart;
import dev.vellum.guidelines.ui.parts.GuidelinesPart;
import dev.vellum.guidelines.ui.parts.HistoryPart;
import dev.vellum.guidelines.ui.parts.GuidelinesStatus;
import dev.vellum.guidelines.ui.parts.WhatChangedPart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The views on a real project folder: what they show, and that they follow the project. */
class ViewsTest {
    private static final String V1 = "# Guide\n\n## Cars\n\nLabel every **car**.\n\n## People\n\nLabel pedestrians.\n";
    private static final String V2 = "# Guide\n\n## Cars\n\nLabel every **car**, parked or moving.\n\n## People\n\nLabel pedestrians.\n";

    @TempDir
    Path tmp;
    private Fixture f;
    private Guidelines guidelines;
    private Faq faq;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
        guidelines = new Guidelines(f.stored);
        faq = new Faq(f.stored);
        guidelines.saveDraft(V1, "carol");
        guidelines.publish("First version", "carol");
        guidelines.acknowledge("tester");
        guidelines.saveDraft(V2, "carol");
        guidelines.publish("Parked cars", "carol");
        FaqEntry q1 = faq.raise(new FaqContext("street-001", "alice", "a1", "car", "image", Fixture.box(10, 20, 30, 40), 1),
                "Is a parked car on the kerb a car?", "alice");
        faq.decide(q1.id(), "Yes: parked cars are cars.", List.of(new FaqExample("street-001", "a1", true, "on the kerb")), Set.of(), "carol");
        faq.raise(new FaqContext("street-001", "alice", "a3", "person", "image", Map.of(), 2), "Is a reflected person labelled?", "bob");
        faq.raise(new FaqContext("street-002", "alice", "a1", "traffic-light", "image", Map.of(), 2), "Do pedestrian signals count?", "alice");
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void theStatusLineCountsTheFaqEntriesOfTheSelectedAnnotationsLabel() throws Exception {
        GuidelinesStatus status = ContextInjectionFactory.make(GuidelinesStatus.class, f.context);
        assertEquals("", status.text(), "nothing selected, nothing shown");
        assertEquals("<a>Guidelines changed: v1 \u2192 v2, 1 new FAQ answer</a>", status.noticeText(),
                "tester acknowledged v1 before v2 and the decision on q1");
        guidelines.acknowledge("tester");
        status.guidelinesChanged("acknowledged");
        assertEquals("", status.noticeText(), "up to date after acknowledging");
        f.context.set(IServiceConstants.ACTIVE_SELECTION, Annotation.create("x", "image.bbox", "car", Map.of(), "tester"));
        assertTrue(status.text().contains("FAQ on car</a>: 1 answer"), status.text());
        f.context.set(IServiceConstants.ACTIVE_SELECTION, List.of(Annotation.create("y", "image.bbox", "person", Map.of(), "tester")));
        assertTrue(status.text().contains("1 open question") && !status.text().contains("answer"), status.text());
        f.context.set(IServiceConstants.ACTIVE_SELECTION, Annotation.create("z", "image.bbox", "bicycle", Map.of(), "tester"));
        assertEquals("", status.text(), "no entry concerns bicycle");
    }

    @Test
    void theRequeueDialogOffersTheSetsUsingATouchedLabelAndSendsTheCheckedOnesBack() throws Exception {
        RequeueDialog d = new RequeueDialog(f.shell, f.session);
        d.setBlockOnOpen(false);
        d.open();
        try {
            Table sets = Fixture.find(d.getShell(), "requeue.sets", Table.class);
            assertEquals(2, sets.getItemCount(), "v1 -> v2 touched 'car': both sets of street-001 use it, street-002 does not");
            assertEquals("street-001", sets.getItem(0).getText(0));
            Button only = Fixture.find(d.getShell(), "requeue.onlyTouched", Button.class);
            only.setSelection(false);
            only.notifyListeners(SWT.Selection, new Event());
            assertEquals(3, sets.getItemCount(), "every stale set when not limited to touched labels");
            only.setSelection(true);
            only.notifyListeners(SWT.Selection, new Event());
            sets.getItem(1).setChecked(false);
            Event check = new Event();
            check.detail = SWT.CHECK;
            sets.notifyListeners(SWT.Selection, check);
            Button ok = Fixture.find(d.getShell(), "requeue.ok", Button.class);
            assertEquals("Re-queue 1", ok.getText());
            String annotator = sets.getItem(0).getText(1);
            ok.notifyListeners(SWT.Selection, new Event());
            assertEquals(1, d.requeued());
            assertEquals(AnnotationState.IN_PROGRESS, f.session.load("street-001").set(annotator).orElseThrow().state());
            assertEquals(AnnotationState.SUBMITTED, f.session.load("street-001").set(annotator.equals("alice") ? "bob" : "alice")
                    .orElseThrow().state());
            assertTrue(f.stored.audit().events(null).stream().anyMatch(e -> e.kind().equals(AuditEvent.SETS_REQUEUED)));
        } finally {
            d.close();
        }
    }

    @Test
    void theGuidelinesViewShowsTheCurrentVersionWithItsOutlineAndAnyOther() throws Exception {
        GuidelinesPart part = ContextInjectionFactory.make(GuidelinesPart.class, f.context);
        f.shell.layout(true, true);
        f.spin();
        assertEquals("2", part.shownRef());
        assertTrue(part.viewer().getControl().getText().contains("parked or moving"));
        assertEquals(List.of("Guide", "Cars", "People"), part.viewer().headings().stream().map(h -> h.text()).toList());
        TreeItem[] top = Fixture.find(f.shell, "guidelines.outline", org.eclipse.swt.widgets.Tree.class).getItems();
        assertEquals("Guide", top[0].getText());
        assertEquals(2, top[0].getItemCount(), "sections nest under their parent heading");
        part.show("1");
        assertFalse(part.viewer().getControl().getText().contains("parked or moving"));
        assertTrue(part.showLabel("car"), "the section about a label is found");
        assertEquals("2", part.shownRef(), "the guidelines for a label are the current ones");
    }

    @Test
    void theDraftIsEditedWithALivePreviewAndSaved() throws Exception {
        GuidelinesPart part = ContextInjectionFactory.make(GuidelinesPart.class, f.context);
        f.shell.layout(true, true);
        part.startEditing();
        assertTrue(part.isEditing());
        assertEquals(V2, part.source().getText());
        part.source().setSelection(part.source().getCharCount());
        part.source().insert("\n## Bicycles\n\nLabel bicycles.\n");
        assertTrue(part.isDirty());
        f.spin(600);
        assertTrue(part.preview().getControl().getText().contains("Label bicycles."), "the preview follows the typing");
        part.undoTyping();
        assertFalse(part.source().getText().contains("Bicycles"), "undo takes back the typing, not project edits");
        part.redoTyping();
        Event ctrlS = new Event();
        ctrlS.keyCode = 's';
        ctrlS.stateMask = SWT.MOD1;
        part.source().notifyListeners(SWT.KeyDown, ctrlS);
        assertFalse(part.isDirty());
        assertTrue(guidelines.draft().markdown().contains("## Bicycles"));
        assertEquals("tester", guidelines.draft().editedBy());
    }

    @Test
    void theDiffViewComparesTheLastTwoVersionsAndAnyPair() throws Exception {
        GuidelineDiffPart part = ContextInjectionFactory.make(GuidelineDiffPart.class, f.context);
        f.shell.layout(true, true);
        f.spin();
        assertEquals(List.of("1", "2"), part.compared());
        assertEquals(1, part.viewer().changeCount());
        assertEquals(0, part.viewer().currentChange(), "the first change is shown at once");
        assertTrue(part.viewer().rows().stream().anyMatch(r -> r.kind() == Kind.CHANGED));
        part.compare("2", "2");
        assertEquals(0, part.viewer().changeCount());
        assertEquals("No differences", Fixture.find(f.shell, "diff.status", Label.class).getToolTipText());
    }

    @Test
    void theFaqViewFiltersSearchesAndFollowsTheSelectedLabel() throws Exception {
        FaqPart part = ContextInjectionFactory.make(FaqPart.class, f.context);
        f.shell.layout(true, true);
        f.spin();
        assertEquals(List.of("q3", "q2", "q1"), part.shownEntries().stream().map(FaqEntry::id).toList());
        part.setSearch("parked kerb");
        assertEquals(List.of("q1"), part.shownEntries().stream().map(FaqEntry::id).toList());
        part.setSearch("");
        part.setFollowSelection(true);
        Annotation person = f.session.load("street-001").set("alice").orElseThrow().annotation("a3").orElseThrow();
        f.context.set(IServiceConstants.ACTIVE_SELECTION, person);
        assertEquals("person", part.filter().label());
        assertEquals(List.of("q2"), part.shownEntries().stream().map(FaqEntry::id).toList());
        assertEquals("q2", part.selected().id());
        assertTrue(part.detail().getControl().getText().contains("Is a reflected person labelled?"));
        part.setFollowSelection(false);
        Annotation car = f.session.load("street-001").set("alice").orElseThrow().annotation("a1").orElseThrow();
        f.context.set(IServiceConstants.ACTIVE_SELECTION, car);
        assertEquals("person", part.filter().label(), "without following, the selection changes nothing");
    }

    @Test
    void anEntrysDetailShowsContextAnswerAndExamplesAsLinks() throws Exception {
        FaqPart part = ContextInjectionFactory.make(FaqPart.class, f.context);
        f.spin();
        assertTrue(part.select("q1"));
        String detail = part.detail().getControl().getText();
        assertTrue(detail.contains("Yes: parked cars are cars."), detail);
        assertTrue(detail.contains("on the kerb"), detail);
        assertTrue(part.detail().links().stream().anyMatch(l -> l.destination().equals(FaqPart.ITEM_LINK + "street-001")),
                "the example's item is a link that opens it");
    }

    @Test
    void whatChangedShowsTheDiffSinceTheAcknowledgedVersionUntilAcknowledged() throws Exception {
        WhatChangedPart part = ContextInjectionFactory.make(WhatChangedPart.class, f.context);
        f.shell.layout(true, true);
        f.spin();
        assertEquals(1, part.changes().fromVersion());
        assertEquals(2, part.changes().toVersion());
        assertEquals(1, part.diff().changeCount());
        assertTrue(Fixture.find(f.shell, "whatChanged.decided", org.eclipse.swt.custom.StyledText.class).getText()
                .contains("parked cars are cars"));
        part.acknowledge();
        assertTrue(part.changes().upToDate());
        assertEquals(2, guidelines.acknowledged("tester").orElseThrow().version());
    }

    @Test
    void historyShowsTheItemsEventsAndComparesBeforeAndAfter() throws Exception {
        HistoryPart part = ContextInjectionFactory.make(HistoryPart.class, f.context);
        f.shell.layout(true, true);
        part.show("street-001", "a1");
        f.spin();
        List<AuditEvent> events = part.shownEvents();
        assertEquals(List.of(AuditEvent.FAQ_RAISED, AuditEvent.FAQ_DECIDED, AuditEvent.FAQ_RAISED),
                events.stream().map(AuditEvent::kind).toList(), "newest first");
        AuditEvent decided = events.get(1);
        part.select(decided.seq());
        boolean statusRow = false;
        for (TreeItem row : part.fields().getItems()) {
            if (row.getText(0).equals("status")) {
                statusRow = true;
                assertEquals("\"open\"", row.getText(1));
                assertEquals("\"decided\"", row.getText(2));
            }
        }
        assertTrue(statusRow, "the changed field is listed with its before and after");
        part.showJson(true);
        assertTrue(part.json().right().getText().contains("\"decided\""));
        assertTrue(part.json().changeCount() > 0);
    }

    @Test
    void historyLeavesOutEventsAboutASetTheWorkflowHides() throws Exception {
        f.context.set(SetFilter.class, new SetFilter(List.<SetVisibility>of((project, item, set, user) -> !set.annotator().equals("alice"))));
        HistoryPart part = ContextInjectionFactory.make(HistoryPart.class, f.context);
        f.shell.layout(true, true);
        part.show("street-001", "");
        f.spin();
        assertEquals(List.of(), part.shownEvents(), "every event of street-001 is about alice's set");
    }

    @Test
    void historyShowsAnEditOnceItIsSaved() throws Exception {
        HistoryPart part = ContextInjectionFactory.make(HistoryPart.class, f.context);
        f.shell.layout(true, true);
        part.show("street-002", "");
        f.spin();
        assertEquals(List.of(AuditEvent.FAQ_RAISED), part.shownEvents().stream().map(AuditEvent::kind).toList());
        Annotation a1 = f.session.load("street-002").set("alice").orElseThrow().annotation("a1").orElseThrow();
        f.session.execute(new dev.vellum.core.edit.ReplaceAnnotation("street-002", "alice", a1.withLabel("car", "tester"), "Relabel"));
        f.spin();
        assertEquals(1, part.shownEvents().size(), "unsaved edits are not in the trail");
        f.session.save();
        f.spin();
        assertEquals(AuditEvent.ANNOTATION_CHANGED, part.shownEvents().get(0).kind(), "the saved change, newest first");
        assertEquals("traffic-light", part.shownEvents().get(0).before().get("label"));
    }

    @Test
    void viewsFollowAProjectSwitch() throws Exception {
        FaqPart faqPart = ContextInjectionFactory.make(FaqPart.class, f.context);
        GuidelinesPart guidelinesPart = ContextInjectionFactory.make(GuidelinesPart.class, f.context);
        f.spin();
        assertEquals(3, faqPart.shownEntries().size());
        try (var other = new dev.vellum.store.folder.FolderProjectStore().create(tmp.resolve("other").toString(), "other", "Other")) {
            f.context.set(ProjectSession.class, new ProjectSession(other, "tester"));
            f.spin();
            assertEquals(0, faqPart.shownEntries().size());
            assertTrue(guidelinesPart.viewer().getControl().getText().contains("No guidelines yet"));
            f.context.set(ProjectSession.class, null);
            f.spin();
            assertTrue(Fixture.find(f.shell, "guidelines.message", Label.class).getText().contains("No project is open"));
        }
    }
}
