package dev.vellum.guidelines.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.spi.StoreException;
import dev.vellum.guidelines.Faq;
import dev.vellum.guidelines.FaqContext;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.FaqExample;
import dev.vellum.guidelines.FaqQuery;
import dev.vellum.guidelines.FaqStatus;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.store.folder.FolderProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The living FAQ: raising, deciding, promoting into the draft, closing, and finding entries. */
class FaqTest {
    private static final String GUIDE = """
            # Guidelines

            ## Cars

            - Box every car.

            ## Persons

            - Box every person.

            ### Cyclists

            - A cyclist is a person on a bicycle.

            ## Review

            Reject loose boxes.
            """;

    @TempDir
    Path dir;

    private static FaqContext onCar(int version) {
        return new FaqContext("street-001", "alice", "a1", "car", "image", TestProjects.box(83, 284, 124, 58), version);
    }

    @Test
    void aQuestionGoesFromOpenToDecidedToPromotedAndIntoTheNextVersion() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft(GUIDE, "carol");
            g.publish("first", "carol");
            Faq faq = new Faq(p);

            FaqEntry raised = faq.raise(onCar(1), "  Is a car reflected in a shop window labelled car?  ", "alice");
            assertEquals("q1", raised.id());
            assertEquals(FaqStatus.OPEN, raised.status());
            assertEquals("Is a car reflected in a shop window labelled car?", raised.question());
            assertEquals(Set.of("car"), raised.labels());
            assertEquals("alice", raised.raisedBy());
            assertTrue(Files.isRegularFile(dir.resolve("faq/q0001.json")));

            FaqEntry decided = faq.decide("q1", "No: label only the car itself, never its reflection.",
                    List.of(new FaqExample("street-004", "a2", false, "reflection in the bakery window")), Set.of("person"), "carol");
            assertEquals(FaqStatus.DECIDED, decided.status());
            assertEquals("carol", decided.decidedBy());
            assertNotNull(decided.decided());
            assertEquals(List.of("car", "person"), List.copyOf(decided.labels()));

            FaqEntry promoted = faq.promote("q1", null, null, "carol");
            assertEquals(FaqStatus.PROMOTED, promoted.status());
            assertEquals("Cars", promoted.section(), "the first heading that mentions one of its labels");
            assertEquals("**Q (q1):** Is a car reflected in a shop window labelled car?\n\n"
                    + "**A:** No: label only the car itself, never its reflection.\n\n"
                    + "*Examples:* `street-004 a2` (incorrect: reflection in the bakery window).", promoted.promotionText());
            assertEquals(0, promoted.promotedInVersion(), "not published yet");
            assertEquals("""
                    # Guidelines

                    ## Cars

                    - Box every car.

                    **Q (q1):** Is a car reflected in a shop window labelled car?

                    **A:** No: label only the car itself, never its reflection.

                    *Examples:* `street-004 a2` (incorrect: reflection in the bakery window).

                    ## Persons
                    """, g.draft().markdown().substring(0, g.draft().markdown().indexOf("## Persons") + "## Persons\n".length()));
            assertEquals("carol", g.draft().editedBy());
            assertEquals(GUIDE, g.version(1).orElseThrow().markdown(), "the published version is untouched");

            assertEquals(2, g.publish("Reflections (q1)", "carol").number());
            FaqEntry linked = faq.get("q1").orElseThrow();
            assertEquals(2, linked.promotedInVersion(), "publishing links the promotion to the version");
            assertTrue(g.version(2).orElseThrow().markdown().contains("**Q (q1):**"));

            List<AuditEvent> events = p.audit().events(null);
            List<String> kinds = events.stream().map(AuditEvent::kind).toList();
            assertEquals(List.of(AuditEvent.GUIDELINES_DRAFT_EDITED, AuditEvent.GUIDELINES_PUBLISHED, AuditEvent.FAQ_RAISED,
                    AuditEvent.FAQ_DECIDED, AuditEvent.GUIDELINES_DRAFT_EDITED, AuditEvent.FAQ_PROMOTED, AuditEvent.GUIDELINES_PUBLISHED), kinds);
            AuditEvent raisedEvent = events.get(2);
            assertEquals("street-001", raisedEvent.itemId());
            assertEquals("alice", raisedEvent.annotator());
            assertEquals("a1", raisedEvent.annotationId());
            assertEquals(1, raisedEvent.guidelineVersion());
            assertNull(raisedEvent.before());
            assertEquals("open", raisedEvent.after().get("status"));
            AuditEvent decidedEvent = events.get(3);
            assertEquals("open", decidedEvent.before().get("status"));
            assertEquals("decided", decidedEvent.after().get("status"));
            assertEquals("carol", decidedEvent.user());
            assertEquals(List.of("q1"), events.get(6).after().get("faqPromoted"));
        }
        try (FolderProject p = TestProjects.reopen(dir)) {
            FaqEntry q1 = new Faq(p).get("q1").orElseThrow();
            assertEquals(FaqStatus.PROMOTED, q1.status());
            assertEquals(2, q1.promotedInVersion());
            assertEquals(Map.of("x", 83, "y", 284, "width", 124, "height", 58), q1.context().region());
            assertEquals(1, q1.context().guidelineVersion(), "raised under version 1");
            assertEquals(List.of(new FaqExample("street-004", "a2", false, "reflection in the bakery window")), q1.examples());
        }
    }

    @Test
    void promotionTextLandsAtTheEndOfTheNamedSectionOrInANewOne() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft(GUIDE, "carol");
            Faq faq = new Faq(p);
            faq.raise(FaqContext.general("person", 0), "Are people in a bus labelled?", "bob");
            faq.decide("q1", "No.", List.of(), Set.of(), "carol");
            faq.promote("q1", "persons", "People inside vehicles are not labelled.", "carol");
            assertEquals("Persons", faq.get("q1").orElseThrow().section(), "matched ignoring case, recorded as spelled");
            String draft = g.draft().markdown();
            assertTrue(draft.contains("""
                    - A cyclist is a person on a bicycle.

                    People inside vehicles are not labelled.

                    ## Review
                    """), "after the sub-section, before the next section of the same level:\n" + draft);

            faq.raise(FaqContext.general("", 0), "Which zoom?", "bob");
            faq.decide("q2", "At least 100 %.", List.of(), Set.of(), "carol");
            faq.promote("q2", "Tools", null, "carol");
            assertTrue(g.draft().markdown().endsWith("""
                    Reject loose boxes.

                    ## Tools

                    **Q (q2):** Which zoom?

                    **A:** At least 100 %.
                    """), g.draft().markdown());

            faq.raise(FaqContext.general("", 0), "Unlabelled question", "bob");
            faq.decide("q3", "An answer.", List.of(), Set.of(), "carol");
            assertEquals(Faq.DEFAULT_SECTION, faq.promote("q3", "", null, "carol").section(), "no label, no section named");
        }
    }

    @Test
    void aPromotionRetriedAfterAFailureDoesNotAddItsTextTwice() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft(GUIDE, "carol");
            Faq faq = new Faq(p);
            faq.raise(FaqContext.general("person", 0), "Are people in a bus labelled?", "bob");
            faq.decide("q1", "No.", List.of(), Set.of(), "carol");
            // The entry cannot be written: the draft already has the text when promote fails.
            java.nio.file.Path entry = dir.resolve("faq/q0001.json");
            String saved = java.nio.file.Files.readString(entry);
            java.nio.file.Files.delete(entry);
            java.nio.file.Files.createDirectory(entry);
            org.junit.jupiter.api.Assertions.assertThrows(dev.vellum.core.spi.StoreException.class,
                    () -> faq.promote("q1", "Persons", "People inside vehicles are not labelled.", "carol"));
            java.nio.file.Files.delete(entry);
            java.nio.file.Files.writeString(entry, saved);
            faq.promote("q1", "Persons", "People inside vehicles are not labelled.", "carol");
            String draft = g.draft().markdown();
            assertEquals(draft.indexOf("People inside vehicles"), draft.lastIndexOf("People inside vehicles"), draft);
            assertEquals(FaqStatus.PROMOTED, faq.get("q1").orElseThrow().status());
        }
    }

    @Test
    void aPromotionWhoseWordsAppearInsideAnotherLineIsStillAdded() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft(GUIDE, "carol");
            Faq faq = new Faq(p);
            faq.raise(FaqContext.general("person", 0), "Cyclists?", "bob");
            faq.decide("q1", "Yes.", List.of(), Set.of(), "carol");
            assertTrue(GUIDE.contains("bicycle"));
            faq.promote("q1", "Persons", "bicycle", "carol");
            String draft = g.draft().markdown();
            assertTrue(("\n" + draft + "\n").contains("\nbicycle\n"), "added as its own paragraph:\n" + draft);
        }
    }

    @Test
    void idsAreSequentialFromTheHighestExisting() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Faq faq = new Faq(p);
            faq.raise(FaqContext.general("car", 0), "one", "bob");
            faq.raise(FaqContext.general("car", 0), "two", "bob");
            Files.move(dir.resolve("faq/q0002.json"), dir.resolve("faq/q0009.json"));
            Files.writeString(dir.resolve("faq/q0009.json"), Files.readString(dir.resolve("faq/q0009.json")).replace("\"q2\"", "\"q9\""));
            assertEquals("q10", faq.raise(FaqContext.general("car", 0), "three", "bob").id());
            assertEquals(List.of("q1", "q9", "q10"), faq.list().stream().map(FaqEntry::id).toList(), "oldest first, by number");
            assertTrue(Files.isRegularFile(dir.resolve("faq/q0010.json")));
            assertTrue(faq.get("q2").isEmpty());
            assertTrue(faq.get("nonsense").isEmpty());
        }
    }

    @Test
    void duplicatesAndWithdrawalsCloseAnEntry() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Faq faq = new Faq(p);
            faq.raise(FaqContext.general("car", 0), "Reflections?", "alice");
            faq.raise(FaqContext.general("car", 0), "Cars in shop windows?", "bob");
            faq.raise(FaqContext.general("car", 0), "Mirrors?", "bob");
            faq.raise(FaqContext.general("person", 0), "Mannequins?", "bob");

            FaqEntry dup = faq.markDuplicate("q2", "q1", "carol");
            assertEquals(FaqStatus.DUPLICATE, dup.status());
            assertEquals("q1", dup.duplicateOf());
            assertEquals("carol", dup.decidedBy());
            assertEquals("q1", faq.markDuplicate("q3", "q2", "carol").duplicateOf(), "a duplicate of a duplicate points to the original");
            assertEquals("q1 cannot be a duplicate of itself (q2 is a duplicate of q1)",
                    assertThrows(IllegalArgumentException.class, () -> faq.markDuplicate("q1", "q2", "carol")).getMessage());
            assertEquals("there is no FAQ entry 'q99'",
                    assertThrows(IllegalArgumentException.class, () -> faq.markDuplicate("q4", "q99", "carol")).getMessage());

            faq.decide("q4", "Mannequins are not persons.", List.of(), Set.of(), "carol");
            FaqEntry withdrawn = faq.withdraw("q4", "answered in the training session", "bob");
            assertEquals(FaqStatus.WITHDRAWN, withdrawn.status());
            assertEquals("Mannequins are not persons.", withdrawn.answer(), "the answer stays on record");
            assertEquals("answered in the training session", faq.withdrawalReason("q4").orElseThrow());
            assertTrue(faq.withdrawalReason("q1").isEmpty());

            List<AuditEvent> closed = TestProjects.events(p, AuditEvent.FAQ_CLOSED);
            assertEquals(List.of("q2 is a duplicate of q1", "q3 is a duplicate of q1", "q4 withdrawn: answered in the training session"),
                    closed.stream().map(AuditEvent::detail).toList());
            assertEquals("decided", closed.get(2).before().get("status"));
            assertEquals("answered in the training session", closed.get(2).after().get("reason"));
        }
    }

    @Test
    void illegalTransitionsNameTheEntryAndItsStatus() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            new Guidelines(p).saveDraft(GUIDE, "carol");
            Faq faq = new Faq(p);
            faq.raise(FaqContext.general("car", 0), "A?", "alice");
            faq.raise(FaqContext.general("car", 0), "B?", "alice");
            faq.raise(FaqContext.general("car", 0), "C?", "alice");

            assertEquals("q1 is open: only a decided entry can be promoted",
                    assertThrows(IllegalStateException.class, () -> faq.promote("q1", "Cars", null, "carol")).getMessage());
            faq.decide("q1", "Yes.", List.of(), Set.of(), "carol");
            faq.decide("q1", "Yes, always.", List.of(), Set.of(), "carol");
            assertEquals("Yes, always.", faq.get("q1").orElseThrow().answer(), "a decided entry's answer can change");
            faq.promote("q1", "Cars", null, "carol");
            assertEquals("q1 is promoted: only an open or decided entry can be decided",
                    assertThrows(IllegalStateException.class, () -> faq.decide("q1", "No.", List.of(), Set.of(), "carol")).getMessage());
            assertEquals("q1 is promoted: only an open or decided entry can be withdrawn",
                    assertThrows(IllegalStateException.class, () -> faq.withdraw("q1", "", "carol")).getMessage());
            assertEquals("q1 is promoted: only a decided entry can be promoted",
                    assertThrows(IllegalStateException.class, () -> faq.promote("q1", "Cars", null, "carol")).getMessage());

            faq.withdraw("q2", null, "alice");
            assertEquals("q2 is withdrawn: only an open or decided entry can be marked a duplicate",
                    assertThrows(IllegalStateException.class, () -> faq.markDuplicate("q2", "q3", "carol")).getMessage());
            assertThrows(IllegalStateException.class, () -> faq.decide("q2", "Late answer.", List.of(), Set.of(), "carol"));
            faq.markDuplicate("q3", "q1", "carol");
            assertThrows(IllegalStateException.class, () -> faq.withdraw("q3", "", "carol"));

            assertEquals("there is no FAQ entry 'q7'",
                    assertThrows(IllegalArgumentException.class, () -> faq.decide("q7", "x", List.of(), Set.of(), "carol")).getMessage());
            assertThrows(IllegalArgumentException.class, () -> faq.decide("q1", " ", List.of(), Set.of(), "carol"));
            assertThrows(IllegalArgumentException.class, () -> faq.raise(FaqContext.general("", 0), "  ", "alice"));
            assertEquals(3, TestProjects.events(p, AuditEvent.FAQ_RAISED).size(), "refused transitions record nothing");
            assertEquals(2, TestProjects.events(p, AuditEvent.FAQ_DECIDED).size());
        }
    }

    @Test
    void queriesFilterByStatusLabelVersionAndWords() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            Faq faq = new Faq(p);
            faq.raise(onCar(0), "Is a car reflected in a shop window labelled?", "alice");
            faq.raise(FaqContext.general("person", 0), "Are mannequins persons?", "bob");
            g.saveDraft(GUIDE, "carol");
            g.publish("first", "carol");
            faq.raise(new FaqContext("news-002", "bob", "a3", "ORG", "text", Map.of("start", 20, "end", 48), 1),
                    "Is the harbour authority an ORG or a LOC?", "bob");
            faq.decide("q1", "No, never the reflection.", List.of(new FaqExample("street-004", "a2", false, "bakery window")), Set.of(),
                    "carol");
            faq.decide("q3", "ORG: the whole name.", List.of(), Set.of("LOC"), "carol");
            faq.promote("q3", "Review", null, "carol");

            assertEquals(List.of("q1", "q2", "q3"), ids(faq.list(FaqQuery.ALL)));
            assertEquals(List.of("q2"), ids(faq.list(new FaqQuery(Set.of(FaqStatus.OPEN), "", 0, ""))));
            assertEquals(List.of("q1", "q3"), ids(faq.list(new FaqQuery(Set.of(FaqStatus.DECIDED, FaqStatus.PROMOTED), "", 0, ""))));
            assertEquals(List.of("q3"), ids(faq.list(new FaqQuery(Set.of(), "LOC", 0, ""))), "a label the decider added");
            assertEquals(List.of("q3"), ids(faq.list(new FaqQuery(Set.of(), "", 1, ""))), "raised under version 1");
            assertEquals(List.of("q1"), ids(faq.list(new FaqQuery(Set.of(), "", 0, "WINDOW car"))), "all words, any case");
            assertEquals(List.of("q1"), ids(faq.list(new FaqQuery(Set.of(), "", 0, "bakery"))), "an example's note");
            assertEquals(List.of("q3"), ids(faq.list(new FaqQuery(Set.of(), "", 0, "whole name"))), "the answer");
            assertEquals(List.of(), ids(faq.list(new FaqQuery(Set.of(), "", 0, "window mannequins"))));
            assertEquals(List.of("q2"), ids(faq.list(new FaqQuery(Set.of(), "", 0, "person"))), "a label counts as text");

            assertEquals(List.of("q1"), ids(faq.concerning("car")));
            assertEquals(List.of(), ids(faq.concerning("person")), "q2 is still open");
            assertEquals(List.of("q3"), ids(faq.concerning("ORG")));
        }
    }

    @Test
    void aDamagedEntryFileIsReportedNamingItAndUnknownFieldsAreKept() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Faq faq = new Faq(p);
            faq.raise(FaqContext.general("car", 0), "A?", "alice");
            Path file = dir.resolve("faq/q0001.json");
            String text = Files.readString(file);
            assertTrue(text.startsWith("{\n  \"id\": \"q1\",\n  \"question\": \"A?\",\n  \"status\": \"open\",\n  \"context\": {\n"), text);
            assertTrue(text.contains("\n    \"region\": {},\n"), text);
            assertTrue(text.contains("\n  \"labels\": [\"car\"],\n  \"answer\": \"\",\n  \"examples\": [],\n"), "scalars on one line: " + text);
            assertTrue(text.endsWith("\n  \"promotedInVersion\": 0\n}\n"), text);

            Files.writeString(file, text.replace("\"id\": \"q1\",", "\"id\": \"q1\",\n  \"priority\": \"high\","));
            faq.decide("q1", "Yes.", List.of(), Set.of(), "carol");
            assertTrue(Files.readString(file).contains("\"priority\": \"high\""), "a newer Vellum's field survives a transition");

            Files.writeString(file, Files.readString(file).replace("\"status\": \"decided\"", "\"status\": \"pondering\""));
            StoreException bad = assertThrows(StoreException.class, faq::list);
            assertEquals(file + ": status: unknown FAQ status 'pondering' (known: open, decided, promoted, duplicate, withdrawn)",
                    bad.getMessage());

            Files.writeString(file, "{\"id\": \"q2\", \"question\": \"A?\", \"status\": \"open\", \"raised\": \"2026-11-02T09:00:00Z\"}");
            assertTrue(assertThrows(StoreException.class, () -> faq.get("q1")).getMessage()
                    .startsWith(file + ": id: 'q2' does not match the file name"));

            Files.writeString(file, "{\"id\": \"q1\", \"question\": \"A?\", \"status\": \"open\", \"raised\": \"yesterday\"}");
            assertEquals(file + ": raised: 'yesterday' is not an ISO-8601 time",
                    assertThrows(StoreException.class, () -> faq.get("q1")).getMessage());

            Files.writeString(file, "{\"id\": \"q1\", \"question\": \"A?\", \"status\": \"open\", \"raised\": \"2026-11-02T09:00:00Z\"}");
            FaqEntry minimal = faq.get("q1").orElseThrow();
            assertEquals(FaqStatus.OPEN, minimal.status());
            assertEquals("", minimal.context().itemId(), "absent fields read as empty");
            assertEquals(Set.of(), minimal.labels());
        }
    }

    private static List<String> ids(List<FaqEntry> entries) {
        return entries.stream().map(FaqEntry::id).toList();
    }
}
