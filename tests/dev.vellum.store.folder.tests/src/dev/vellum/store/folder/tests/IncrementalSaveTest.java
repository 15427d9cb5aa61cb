package dev.vellum.store.folder.tests;

import static dev.vellum.store.folder.tests.TestProjects.imageItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalSaveTest {
    private final FolderProjectStore store = new FolderProjectStore();

    @TempDir
    Path tmp;

    private Path projectOf(int items) throws Exception {
        Path dir = tmp.resolve("p");
        try (FolderProject p = store.create(dir.toString(), "p", "P")) {
            for (int i = 0; i < items; i++) {
                p.saveItem(imageItem("it-" + i, "car", 3));
            }
        }
        TestProjects.ageFiles(dir);
        // open once so that the cache is written and trusted
        store.open(dir.toString()).close();
        return dir;
    }

    @Test
    void savingOneItemWritesOnlyItsFile() throws Exception {
        Path dir = projectOf(20);
        Map<String, byte[]> bytesBefore = TestProjects.snapshot(dir, true);
        Map<String, FileTime> timesBefore = TestProjects.mtimes(dir);
        try (FolderProject p = store.open(dir.toString())) {
            Item item = p.loadItem("it-7");
            item.set("alice").orElseThrow().setState(AnnotationState.ACCEPTED);
            p.saveItem(item);

            Map<String, byte[]> bytesAfter = TestProjects.snapshot(dir, true);
            Map<String, FileTime> timesAfter = TestProjects.mtimes(dir);
            assertEquals(bytesBefore.keySet(), bytesAfter.keySet(), "no file appears or disappears, no temp file is left");
            for (String f : bytesBefore.keySet()) {
                if (f.equals("items/it-7.json")) {
                    assertFalse(Arrays.equals(bytesBefore.get(f), bytesAfter.get(f)), "the saved item's file changed");
                } else {
                    assertTrue(Arrays.equals(bytesBefore.get(f), bytesAfter.get(f)), f + " was rewritten");
                    assertEquals(timesBefore.get(f), timesAfter.get(f), f + " was touched");
                }
            }
            assertEquals(AnnotationState.ACCEPTED, p.project().item("it-7").orElseThrow().overallState(),
                    "the summary is current at once");
        }
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(AnnotationState.ACCEPTED, p.project().item("it-7").orElseThrow().overallState());
            assertEquals(AnnotationState.SUBMITTED, p.project().item("it-6").orElseThrow().overallState());
        }
    }

    @Test
    void aSessionSaveWritesOnlyTheItemsItChanged() throws Exception {
        Path dir = projectOf(5);
        Map<String, FileTime> before = TestProjects.mtimes(dir);
        try (FolderProject p = store.open(dir.toString())) {
            ProjectSession session = new ProjectSession(p, "alice");
            session.load("it-1");
            session.load("it-2");
            session.execute(new ChangeState("it-2", "alice", AnnotationState.IN_REVIEW));
            assertEquals(1, session.save());
        }
        Map<String, FileTime> after = TestProjects.mtimes(dir);
        assertNotEquals(before.get("items/it-2.json"), after.get("items/it-2.json"));
        for (String f : before.keySet()) {
            if (!f.equals("items/it-2.json") && !f.startsWith("cache/")) {
                assertEquals(before.get(f), after.get(f), f + " was touched");
            }
        }
    }

    @Test
    void savingANewItemAddsItsFileAndSummary() throws Exception {
        Path dir = projectOf(2);
        try (FolderProject p = store.open(dir.toString())) {
            p.saveItem(imageItem("fresh", "dog", 1));
            assertTrue(Files.isRegularFile(dir.resolve("items/fresh.json")));
            assertTrue(p.project().item("fresh").orElseThrow().usesLabel("dog"));
        }
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(3, p.project().itemCount());
            assertTrue(p.project().item("fresh").orElseThrow().usesLabel("dog"));
        }
    }
}
