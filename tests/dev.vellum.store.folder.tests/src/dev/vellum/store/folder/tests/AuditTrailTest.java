package dev.vellum.store.folder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.audit.AuditLog;
import dev.vellum.core.audit.AuditVerification;
import dev.vellum.core.edit.AddAnnotation;
import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.ProjectDocuments;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder store's audit trail and documents, and the tampering {@code audit verify} must find. */
class AuditTrailTest {
    @TempDir
    Path tmp;

    private final FolderProjectStore store = new FolderProjectStore();

    private Path projectWithEvents(int n) throws StoreException {
        Path dir = tmp.resolve("p");
        try (StoredProject p = store.create(dir.toString(), "p", "P")) {
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                events.add(AuditEvent.of("test.event", "alice", 1, "event " + i).about("item-" + (i % 3), "alice", "a" + i)
                        .change(Map.of("label", "car"), Map.of("label", "bus ü \u2028 \"quoted\"")));
            }
            List<AuditEvent> recorded = p.audit().append(events);
            assertEquals(n, recorded.get(n - 1).seq());
        }
        return dir;
    }

    private AuditVerification verify(Path dir) throws StoreException {
        try (StoredProject p = store.open(dir.toString())) {
            return p.audit().verify();
        }
    }

    private static Path log(Path dir) {
        return dir.resolve("audit/events.jsonl");
    }

    private static List<String> lines(Path dir) throws IOException {
        return new ArrayList<>(Files.readAllLines(log(dir), StandardCharsets.UTF_8));
    }

    private static void write(Path dir, List<String> lines) throws IOException {
        Files.write(log(dir), lines, StandardCharsets.UTF_8);
    }

    @Test
    void eventsReadBackAsAppendedAcrossReopening() throws StoreException {
        Path dir = projectWithEvents(4);
        try (StoredProject p = store.open(dir.toString())) {
            p.audit().append(List.of(AuditEvent.of("test.more", "bob", 2, "fifth")));
        }
        try (StoredProject p = store.open(dir.toString())) {
            List<AuditEvent> all = p.audit().events(null);
            assertEquals(5, all.size());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), all.stream().map(AuditEvent::seq).toList());
            assertEquals("bus ü \u2028 \"quoted\"", all.get(0).after().get("label"));
            assertEquals("bob", all.get(4).user());
            assertEquals(2, all.get(4).guidelineVersion());
            assertEquals(List.of(3L), p.audit().events("item-0").stream().map(AuditEvent::seq).toList());
            assertTrue(p.audit().verify().intact());
            assertEquals(all.get(4).hash(), p.audit().verify().headHash());
        }
    }

    @Test
    void anItemsHistorySeesEventsAppendedByAnotherProcessAndSurvivesARewrite() throws Exception {
        Path dir = projectWithEvents(9);
        try (StoredProject reader = store.open(dir.toString())) {
            assertEquals(List.of(3L, 6L, 9L), reader.audit().events("item-0").stream().map(AuditEvent::seq).toList());
            try (StoredProject writer = store.open(dir.toString())) {
                writer.audit().append(List.of(AuditEvent.of("test.more", "bob", 1, "").about("item-0", "", ""),
                        AuditEvent.of("test.more", "bob", 1, "").about("item-1", "", "")));
            }
            assertEquals(List.of(3L, 6L, 9L, 10L), reader.audit().events("item-0").stream().map(AuditEvent::seq).toList());
            // Same length, other order: the offsets the reader indexed now point at other items' events.
            List<String> lines = lines(dir);
            lines.add(0, lines.remove(9));
            write(dir, lines);
            assertEquals(List.of(10L, 3L, 6L, 9L), reader.audit().events("item-0").stream().map(AuditEvent::seq).toList());
        }
    }

    @Test
    void anEditedLineIsFoundAndNamed() throws Exception {
        Path dir = projectWithEvents(5);
        List<String> lines = lines(dir);
        lines.set(2, lines.get(2).replace("\"user\":\"alice\"", "\"user\":\"mallory\""));
        write(dir, lines);
        AuditVerification v = verify(dir);
        assertFalse(v.intact());
        assertEquals(3, v.firstBad());
    }

    @Test
    void aRemovedLineIsFound() throws Exception {
        Path dir = projectWithEvents(5);
        List<String> lines = lines(dir);
        lines.remove(3);
        write(dir, lines);
        assertEquals(4, verify(dir).firstBad());
    }

    @Test
    void reorderedLinesAreFound() throws Exception {
        Path dir = projectWithEvents(5);
        List<String> lines = lines(dir);
        lines.add(0, lines.remove(1));
        write(dir, lines);
        assertEquals(1, verify(dir).firstBad());
    }

    @Test
    void linesCutFromTheEndAreFound() throws Exception {
        Path dir = projectWithEvents(5);
        write(dir, lines(dir).subList(0, 4));
        AuditVerification v = verify(dir);
        assertFalse(v.intact());
        assertTrue(v.problem().contains("#5 to #5 were removed"), v.problem());
    }

    @Test
    void anInsertedLineIsFound() throws Exception {
        Path dir = projectWithEvents(5);
        List<String> lines = lines(dir);
        lines.add(2, lines.get(2));
        write(dir, lines);
        assertEquals(4, verify(dir).firstBad(), "the second copy of event #3 is the first line out of place");
    }

    @Test
    void anInterruptedAppendIsCutOffByTheNextAppend() throws Exception {
        Path dir = projectWithEvents(3);
        String partial = lines(dir).get(2).substring(0, 50);
        Files.writeString(log(dir), partial, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(4, verify(dir).firstBad(), "the partial line is reported until repaired");
        try (StoredProject p = store.open(dir.toString())) {
            assertEquals(4, p.audit().append(List.of(AuditEvent.of("test.after", "alice", 1, ""))).get(0).seq());
            assertTrue(p.audit().verify().intact(), p.audit().verify().problem());
        }
        assertEquals(4, lines(dir).size());
    }

    @Test
    void appendingRefusesToHideARemovedLastEvent() throws Exception {
        Path dir = projectWithEvents(5);
        List<String> cut = lines(dir).subList(0, 4);
        write(dir, cut);
        try (StoredProject p = store.open(dir.toString())) {
            StoreException e = assertThrows(StoreException.class, () -> p.audit().append(List.of(AuditEvent.of("x", "a", 0, ""))));
            assertTrue(e.getMessage().contains("event #5"), e.getMessage());
        }
        assertEquals(cut, lines(dir), "nothing was appended over the gap");
        assertFalse(verify(dir).intact());
    }

    @Test
    void aDeletedHeadIsReportedAndNotRecreatedByTheNextAppend() throws Exception {
        Path dir = projectWithEvents(5);
        write(dir, lines(dir).subList(0, 4));
        Files.delete(dir.resolve("audit/head.json"));
        AuditVerification v = verify(dir);
        assertFalse(v.intact());
        assertTrue(v.problem().contains("head.json is missing"), v.problem());
        try (StoredProject p = store.open(dir.toString())) {
            assertThrows(StoreException.class, () -> p.audit().append(List.of(AuditEvent.of("x", "a", 0, ""))));
        }
        assertFalse(Files.exists(dir.resolve("audit/head.json")));
    }

    @Test
    void aHeadLeftBehindByAFailedUpdateDoesNotBlockTheTrail() throws Exception {
        Path dir = projectWithEvents(3);
        // The head written before the first event, never updated (disk full, read-only folder...).
        Files.writeString(dir.resolve("audit/head.json"), "{\"seq\":0,\"hash\":\"" + "0".repeat(64) + "\"}\n");
        assertTrue(verify(dir).intact(), "a log longer than its head verifies");
        try (StoredProject p = store.open(dir.toString())) {
            assertEquals(4, p.audit().append(List.of(AuditEvent.of("x", "a", 0, ""))).get(0).seq());
        }
        assertTrue(Files.readString(dir.resolve("audit/head.json")).startsWith("{\"seq\":4,"), "the next append catches the head up");
    }

    @Test
    void aByteThatIsNotUtf8IsNamedAsAChangedEvent() throws Exception {
        Path dir = projectWithEvents(5);
        byte[] bytes = Files.readAllBytes(log(dir));
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("alice", text.indexOf("\"seq\":4"));
        bytes[at] = (byte) 0xff;
        Files.write(log(dir), bytes);
        AuditVerification v = verify(dir);
        assertEquals(4, v.firstBad());
    }

    @Test
    void twoWritersOnOneFolderKeepOneChain() throws Exception {
        Path dir = projectWithEvents(2);
        try (StoredProject a = store.open(dir.toString()); StoredProject b = store.open(dir.toString())) {
            for (int i = 0; i < 5; i++) {
                a.audit().append(List.of(AuditEvent.of("test.a", "alice", 1, "a" + i)));
                b.audit().append(List.of(AuditEvent.of("test.b", "bob", 1, "b" + i)));
            }
            AuditVerification v = a.audit().verify();
            assertTrue(v.intact(), v.problem());
            assertEquals(12, v.events());
        }
    }

    @Test
    void aCompleteLastEventWithoutItsLineEndIsKept() throws Exception {
        Path dir = projectWithEvents(3);
        String text = Files.readString(log(dir));
        Files.writeString(log(dir), text.substring(0, text.length() - 1));
        try (StoredProject p = store.open(dir.toString())) {
            assertEquals(4, p.audit().append(List.of(AuditEvent.of("x", "a", 0, ""))).get(0).seq());
            assertTrue(p.audit().verify().intact(), p.audit().verify().problem());
        }
    }

    @Test
    void appendingRefusesToChainOntoADamagedLastEvent() throws Exception {
        Path dir = projectWithEvents(3);
        List<String> lines = lines(dir);
        lines.set(2, "{\"garbage\":true}");
        write(dir, lines);
        try (StoredProject p = store.open(dir.toString())) {
            StoreException e = assertThrows(StoreException.class, () -> p.audit().append(List.of(AuditEvent.of("x", "a", 0, ""))));
            assertTrue(e.getMessage().contains("events.jsonl"), e.getMessage());
        }
        assertEquals(lines, lines(dir), "nothing was appended");
    }

    @Test
    void savingThroughASessionRecordsTheChangesInTheFile() throws Exception {
        Path dir = tmp.resolve("s");
        try (StoredProject p = store.create(dir.toString(), "s", "S")) {
            p.saveItem(TestProjects.imageItem("img-1", "car", 1));
        }
        try (StoredProject p = store.open(dir.toString())) {
            ProjectSession s = new ProjectSession(p, "bob");
            s.execute(new AddAnnotation("img-1", "alice", Annotation.create("n1", "image.bbox", "bus", Map.of("x", 1), "bob"), -1, 0));
            s.execute(new ChangeState("img-1", "alice", AnnotationState.REJECTED));
            s.save();
        }
        try (StoredProject p = store.open(dir.toString())) {
            AuditLog log = p.audit();
            assertEquals(List.of(AuditEvent.STATE_CHANGED, AuditEvent.ANNOTATION_CREATED),
                    log.events("img-1").stream().map(AuditEvent::kind).toList());
            assertEquals("bus", log.events("img-1").get(1).after().get("label"));
            assertTrue(log.verify().intact());
        }
    }

    @Test
    void documentsAreWrittenAtomicallyAndTheStoresFoldersAreRefused() throws Exception {
        Path dir = tmp.resolve("d");
        try (StoredProject p = store.create(dir.toString(), "d", "D")) {
            ProjectDocuments docs = p.documents();
            assertTrue(docs.read("guidelines/draft.md").isEmpty());
            docs.write("guidelines/draft.md", "# Cars\nü\n");
            docs.write("guidelines/v0001.md", "v1");
            assertEquals("# Cars\nü\n", docs.read("guidelines/draft.md").orElseThrow());
            assertEquals(List.of("draft.md", "v0001.md"), docs.list("guidelines"));
            assertEquals(List.of(), docs.list("faq"));
            assertTrue(docs.delete("guidelines/v0001.md"));
            assertFalse(docs.delete("guidelines/v0001.md"));
            for (String bad : List.of("items/x.json", "cache/summaries.json", "audit/events.jsonl", "../x", "guidelines/../x", "x",
                    ".hidden/x", "a/b/c")) {
                assertThrows(IllegalArgumentException.class, () -> docs.write(bad, "x"), bad);
            }
        }
        assertEquals("# Cars\nü\n", Files.readString(dir.resolve("guidelines/draft.md")));
        Files.write(dir.resolve("guidelines/bad.md"), new byte[] {(byte) 0xff, (byte) 0xfe});
        try (StoredProject p = store.open(dir.toString())) {
            StoreException e = assertThrows(StoreException.class, () -> p.documents().read("guidelines/bad.md"));
            assertTrue(e.getMessage().contains("bad.md") && e.getMessage().contains("UTF-8"), e.getMessage());
        }
    }
}
