package dev.vellum.guidelines.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.audit.AuditChain;
import dev.vellum.core.spi.StoreException;
import dev.vellum.guidelines.Acknowledgement;
import dev.vellum.guidelines.Faq;
import dev.vellum.guidelines.FaqContext;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.GuidelineDraft;
import dev.vellum.guidelines.GuidelineVersion;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.WhatChanged;
import dev.vellum.store.folder.FolderProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The draft, publishing, versions and acknowledgements, stored in a real project folder. */
class GuidelinesTest {
    @TempDir
    Path dir;

    @Test
    void aNewProjectHasNoVersionAndAnEmptyDraft() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            assertEquals(0, g.current());
            assertEquals(List.of(), g.versions());
            GuidelineDraft d = g.draft();
            assertEquals("", d.markdown());
            assertEquals(0, d.basedOn());
            assertEquals("", d.editedBy());
            assertNull(d.edited());
            assertEquals("", g.text("0"));
            assertEquals("", g.text(Guidelines.DRAFT));
        }
        assertFalse(Files.exists(dir.resolve("guidelines")), "reading creates nothing");
    }

    @Test
    void publishingRefusesBeforeWritingAnythingWhenAnFaqFileIsUnreadable() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft("# Guide\n\nLabel cars.\n", "carol");
            Files.createDirectories(dir.resolve("faq"));
            Files.writeString(dir.resolve("faq/q0001.json"), "garbage");
            dev.vellum.core.spi.StoreException e = org.junit.jupiter.api.Assertions.assertThrows(dev.vellum.core.spi.StoreException.class,
                    () -> g.publish("First", "carol"));
            assertTrue(e.getMessage().contains("q0001.json"), e.getMessage());
            assertEquals(0, g.current());
            assertFalse(Files.exists(dir.resolve("guidelines/v0001.md")), "no version file");
            assertFalse(Files.exists(dir.resolve("guidelines/versions.json")), "no index entry");
            assertTrue(TestProjects.events(p, dev.vellum.core.audit.AuditEvent.GUIDELINES_PUBLISHED).isEmpty());
        }
    }

    @Test
    void theIndexDecidesTheCurrentVersionWhenTheManifestLagsBehind() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft("# Guide\n\nLabel cars.\n", "carol");
            g.publish("First", "carol");
            // As if the publish was interrupted after its commit point, before the manifest was saved.
            p.project().setCurrentGuidelineVersion(0);
            p.saveProject();
        }
        try (FolderProject p = TestProjects.reopen(dir)) {
            assertEquals(0, p.project().currentGuidelineVersion());
            assertEquals(1, new Guidelines(p).current());
            assertEquals(1, p.project().currentGuidelineVersion(), "the open project now stamps work with v1");
        }
    }

    @Test
    void anEditorCannotOverwriteAPromotionMadeWhileItWasOpen() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft("# Guide\n\n## Cars\n\nLabel cars.\n", "carol");
            String opened = g.draft().markdown();
            dev.vellum.guidelines.Faq faq = new dev.vellum.guidelines.Faq(p);
            faq.raise(dev.vellum.guidelines.FaqContext.general("car", 0), "Vans?", "bob");
            faq.decide("q1", "Yes.", List.of(), java.util.Set.of(), "carol");
            faq.promote("q1", "Cars", "Vans are cars.", "carol");
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> g.saveDraft(opened + "\nMore.\n", opened, "alice"));
            assertTrue(e.getMessage().contains("changed since you opened it"), e.getMessage());
            assertTrue(g.draft().markdown().contains("Vans are cars."), "the promotion is kept");
            String now = g.draft().markdown();
            g.saveDraft(now + "\nMore.\n", now, "alice");
            assertTrue(g.draft().markdown().endsWith("More.\n"));
        }
    }

    @Test
    void publishingFreezesTheDraft() throws Exception {
        String v1 = TestProjects.resource("street-and-news-v1.md");
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            GuidelineDraft saved = g.saveDraft(v1, "carol");
            assertEquals("carol", saved.editedBy());
            assertEquals(v1, Files.readString(dir.resolve("guidelines/draft.md")));
            assertTrue(Files.readString(dir.resolve("guidelines/draft.json")).contains("\"editedBy\": \"carol\""));

            GuidelineVersion published = g.publish("First version: street scenes and news", "carol");
            assertEquals(1, published.number());
            assertEquals(v1, published.markdown());
            assertEquals("carol", published.author());
            assertEquals(1, g.current());
            assertFalse(Files.exists(dir.resolve("guidelines/draft.md")), "the draft now is the new version");
            assertFalse(Files.exists(dir.resolve("guidelines/draft.json")));
            assertEquals(v1, Files.readString(dir.resolve("guidelines/v0001.md")));

            GuidelineDraft d = g.draft();
            assertEquals(v1, d.markdown(), "an unedited draft is the latest version");
            assertEquals(1, d.basedOn());
            assertNull(d.edited());

            g.saveDraft(v1.replace("40 pixels", "32 pixels"), "alice");
            assertEquals(v1, g.version(1).orElseThrow().markdown(), "editing the draft leaves the version alone");
            assertEquals(v1, Files.readString(dir.resolve("guidelines/v0001.md")));
        }
    }

    @Test
    void versionsAreNumberedInOrderAndReadBackAfterReopening() throws Exception {
        String v1 = TestProjects.resource("street-and-news-v1.md");
        String v2 = TestProjects.resource("street-and-news-v2.md");
        Instant before = Instant.now();
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft(v1, "carol");
            g.publish("  First version  ", "carol");
            g.saveDraft(v2, "bob");
            assertEquals(1, g.draft().basedOn());
            assertEquals("bob", g.draft().editedBy());
            assertEquals(2, g.publish("Occlusion threshold, reflections, nested names", "bob").number());
        }
        assertTrue(Files.readString(dir.resolve("vellum.json")).contains("\"guidelineVersion\": 2"), "the manifest records the version");
        try (FolderProject p = TestProjects.reopen(dir)) {
            Guidelines g = new Guidelines(p);
            assertEquals(2, p.project().currentGuidelineVersion());
            assertEquals(2, g.current());
            List<GuidelineVersion> versions = g.versions();
            assertEquals(List.of(1, 2), versions.stream().map(GuidelineVersion::number).toList());
            assertEquals("First version", versions.get(0).note(), "the note is trimmed");
            assertEquals("carol", versions.get(0).author());
            assertEquals("bob", versions.get(1).author());
            assertFalse(versions.get(0).published().isBefore(before));
            assertFalse(versions.get(1).published().isBefore(versions.get(0).published()));
            assertEquals(v2, g.text("2"));
            assertEquals(v1, g.text("v1"));
            assertEquals(v2, g.text("draft"));
            assertEquals(2, g.draft().basedOn());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.text("3"));
            assertEquals("there is no guideline version 3 (the latest is 2)", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> g.text("latest"));
            assertEquals(List.of("Cars", "Persons"), List.copyOf(g.diff("1", "2").sectionsTouched()).subList(1, 3));
        }
        String index = Files.readString(dir.resolve("guidelines/versions.json"));
        assertTrue(index.startsWith("{\n  \"versions\": [\n    {\n      \"number\": 1,\n      \"note\": \"First version\",\n"), index);
        assertTrue(index.contains("\"sha256\": \"" + AuditChain.sha256(v2) + "\""), index);
        assertTrue(index.endsWith("}\n"));
    }

    @Test
    void publishingRefusesABlankNoteAnEmptyDraftAndAnUnchangedDraft() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            assertEquals("the draft is empty: write the guidelines before publishing them",
                    assertThrows(IllegalStateException.class, () -> g.publish("first", "carol")).getMessage());
            g.saveDraft("# Guidelines\n\nBox every car.\n", "carol");
            assertEquals("a version needs a change note saying what changed",
                    assertThrows(IllegalStateException.class, () -> g.publish("  ", "carol")).getMessage());
            g.publish("first", "carol");
            assertEquals("the draft is the same as version 1: nothing to publish",
                    assertThrows(IllegalStateException.class, () -> g.publish("again", "carol")).getMessage());
            g.saveDraft("# Guidelines\r\n\r\nBox every car.\r\n", "carol");
            assertThrows(IllegalStateException.class, () -> g.publish("line ends only", "carol"), "line ends are not a change");
            assertEquals(1, g.current());
            assertEquals(1, g.versions().size());
            assertEquals(1, TestProjects.events(p, AuditEvent.GUIDELINES_PUBLISHED).size());
        }
    }

    @Test
    void aVersionChangedAfterPublishingIsRefusedNamingItsFile() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft("# Guidelines\n\nBox every car.\n", "carol");
            g.publish("first", "carol");
            g.saveDraft("# Guidelines\n\nBox every car and bicycle.\n", "carol");
            g.publish("bicycles", "carol");
            Path v1 = dir.resolve("guidelines/v0001.md");
            Files.writeString(v1, "# Guidelines\n\nBox nothing.\n");
            StoreException e = assertThrows(StoreException.class, () -> g.versions());
            assertTrue(e.getMessage().startsWith(v1.toString() + ": changed after it was published"), e.getMessage());
            assertThrows(StoreException.class, () -> g.version(1));
            assertThrows(StoreException.class, () -> g.text("1"));
            assertEquals("# Guidelines\n\nBox every car and bicycle.\n", g.text("2"), "the other versions still read");

            Files.delete(dir.resolve("guidelines/v0002.md"));
            StoreException missing = assertThrows(StoreException.class, () -> g.version(2));
            assertTrue(missing.getMessage().contains("v0002.md: is missing"), missing.getMessage());

            Files.writeString(dir.resolve("guidelines/versions.json"), "{\"versions\": [{\"number\": \"one\"}]}");
            StoreException bad = assertThrows(StoreException.class, () -> g.versions());
            assertEquals(dir.resolve("guidelines/versions.json") + ": versions[0].number: expected a whole number from 0, found \"one\"",
                    bad.getMessage());
            Files.writeString(dir.resolve("guidelines/versions.json"), "{\"versions\": [");
            assertTrue(assertThrows(StoreException.class, () -> g.versions()).getMessage()
                    .startsWith(dir.resolve("guidelines/versions.json") + ": invalid JSON at line 1"));
        }
    }

    @Test
    void unknownFieldsInTheIndexAreReadPastAndKept() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft("# G\n\nOne.\n", "carol");
            g.publish("first", "carol");
            Path index = dir.resolve("guidelines/versions.json");
            Files.writeString(index, Files.readString(index).replace("\"versions\"", "\"signedBy\": \"qa-team\",\n  \"versions\""));
            g.saveDraft("# G\n\nTwo.\n", "carol");
            g.publish("second", "carol");
            assertEquals(2, g.versions().size());
            assertTrue(Files.readString(index).contains("\"signedBy\": \"qa-team\""));
        }
    }

    @Test
    void everyChangeIsInTheAuditTrailWithUserAndVersion() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            g.saveDraft("# G\n\n## Cars\n\nBox cars.\n", "carol");
            g.saveDraft("# G\n\n## Cars\n\nBox cars.\n", "carol");
            g.publish("first", "carol");
            g.saveDraft("# G\n\n## Cars\n\nBox parked cars too.\n", "alice");
            g.publish("parked cars", "bob");
            g.acknowledge("alice");
        }
        try (FolderProject p = TestProjects.reopen(dir)) {
            List<AuditEvent> events = p.audit().events(null);
            assertEquals(List.of(AuditEvent.GUIDELINES_DRAFT_EDITED, AuditEvent.GUIDELINES_PUBLISHED, AuditEvent.GUIDELINES_DRAFT_EDITED,
                    AuditEvent.GUIDELINES_PUBLISHED, AuditEvent.GUIDELINES_ACKNOWLEDGED), events.stream().map(AuditEvent::kind).toList(),
                    "saving an unchanged draft records nothing");
            assertEquals(List.of("carol", "carol", "alice", "bob", "alice"), events.stream().map(AuditEvent::user).toList());
            assertEquals(List.of(0, 1, 1, 2, 2), events.stream().map(AuditEvent::guidelineVersion).toList());
            assertEquals("v2: parked cars", events.get(3).detail());
            assertEquals(2, events.get(3).after().get("number"));
            assertEquals(List.of("Cars"), events.get(3).after().get("sectionsTouched"));
            assertEquals("draft (based on v1): +0 -0 ~1 lines (Cars)", events.get(2).detail());
            assertEquals(AuditChain.sha256("# G\n\n## Cars\n\nBox cars.\n"), events.get(2).before().get("sha256"));
            assertEquals(Map.of("version", 2, "time", events.get(4).after().get("time")), events.get(4).after());
            assertTrue(p.audit().verify().intact());
        }
    }

    @Test
    void acknowledgingRecordsTheVersionAndWhatChangedShowsOnlyWhatIsNew() throws Exception {
        String v1 = TestProjects.resource("street-and-news-v1.md");
        String v2 = TestProjects.resource("street-and-news-v2.md");
        try (FolderProject p = TestProjects.create(dir)) {
            Guidelines g = new Guidelines(p);
            Faq faq = new Faq(p);
            g.saveDraft(v1, "carol");
            g.publish("first", "carol");

            WhatChanged never = g.whatChanged("alice", faq);
            assertEquals(0, never.fromVersion());
            assertEquals(1, never.toVersion());
            assertEquals(49, never.diff().rows().size(), "everything is new to someone who never acknowledged");
            assertFalse(never.upToDate());

            FaqEntry q1 = faq.raise(new FaqContext("street-001", "alice", "a1", "car", "image", Map.of(), 1), "Reflections?", "alice");
            faq.decide(q1.id(), "Not labelled.", List.of(), Set.of(), "carol");
            Acknowledgement ack = g.acknowledge("alice");
            assertEquals(1, ack.version());
            assertEquals(ack, g.acknowledged("alice").orElseThrow());
            assertTrue(g.acknowledged("bob").isEmpty());
            assertTrue(g.whatChanged("alice", faq).upToDate());
            assertEquals(1, g.whatChanged("bob", faq).newlyDecided().size(), "bob has not seen q1");

            Thread.sleep(5);
            FaqEntry q2 = faq.raise(FaqContext.general("person", 1), "People in buses?", "bob");
            FaqEntry q3 = faq.raise(FaqContext.general("DATE", 1), "Durations?", "bob");
            faq.decide(q3.id(), "Not dates.", List.of(), Set.of(), "carol");
            Thread.sleep(5);
            faq.decide(q2.id(), "Not labelled.", List.of(), Set.of(), "carol");
            faq.raise(FaqContext.general("car", 1), "Still open", "bob");
            g.saveDraft(v2, "carol");
            g.publish("second", "carol");

            WhatChanged changed = g.whatChanged("alice", faq);
            assertEquals(1, changed.fromVersion());
            assertEquals(2, changed.toVersion());
            assertEquals(List.of("q2", "q3"), changed.newlyDecided().stream().map(FaqEntry::id).toList(), "decided since, newest first");
            assertEquals(Set.of("car", "person", "traffic-light", "DATE"), changed.diff().labelsTouched(List.of("car", "person",
                    "bicycle", "traffic-light", "PER", "DATE")), "the diff is from v1 to v2");
            assertFalse(changed.upToDate());

            g.acknowledge("alice");
            assertTrue(g.whatChanged("alice", faq).upToDate());
            assertEquals(Set.of("alice"), g.acknowledgements().keySet(), "bob never acknowledged");
        }
        try (FolderProject p = TestProjects.reopen(dir)) {
            Guidelines g = new Guidelines(p);
            assertEquals(2, g.acknowledged("alice").orElseThrow().version());
            String file = Files.readString(dir.resolve("guidelines/acknowledgements.json"));
            assertTrue(file.startsWith("{\n  \"alice\": {\n    \"version\": 2,\n    \"time\": \""), file);
        }
    }
}
