package dev.vellum.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.edit.AddAnnotation;
import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectSessionTest {
    private static Item item(String id) {
        return new Item(id, "d", List.of(new Asset("media/" + id + ".png", "image", "", Map.of())), Map.of(), List.of(), List.of());
    }

    private static InMemoryProject store(int n) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(item("it-" + i));
        }
        return new InMemoryProject(new Project("p", "P", Instant.now(), List.of(), null, 2, Map.of()), items);
    }

    private static Annotation box(String id, String label) {
        return Annotation.create(id, "image.bbox", label, Map.of("x", 1), "alice");
    }

    @Test
    void savingWritesOnlyTheItemsThatChanged() throws StoreException {
        InMemoryProject store = store(50);
        ProjectSession s = new ProjectSession(store, "alice");
        s.execute(new AddAnnotation("it-7", "alice", box("a", "car"), -1, 2));
        s.execute(new AddAnnotation("it-9", "alice", box("b", "car"), -1, 2));
        s.execute(new AddAnnotation("it-7", "alice", box("c", "bus"), -1, 2));
        assertEquals(java.util.Set.of("it-7", "it-9"), s.dirtyItems());
        assertEquals(2, s.save());
        assertEquals(List.of("it-7", "it-9"), store.writes);
        assertFalse(s.isDirty());
        assertEquals(0, s.save());
    }

    @Test
    void editsKeepTheSummaryCurrentForTheExplorer() throws StoreException {
        InMemoryProject store = store(3);
        ProjectSession s = new ProjectSession(store, "alice");
        s.execute(new AddAnnotation("it-1", "alice", box("a", "car"), -1, 2));
        s.execute(new ChangeState("it-1", "alice", AnnotationState.SUBMITTED));
        var summary = s.project().item("it-1").orElseThrow();
        assertEquals(1, summary.annotationCount());
        assertEquals(AnnotationState.SUBMITTED, summary.overallState());
        assertTrue(summary.usesLabel("car"));
        assertEquals(2, summary.sets().get(0).guidelineVersion());
    }

    @Test
    void undoingBackToTheSavePointMakesTheProjectCleanAgain() throws StoreException {
        InMemoryProject store = store(3);
        ProjectSession s = new ProjectSession(store, "alice");
        s.execute(new AddAnnotation("it-1", "alice", box("a", "car"), -1, 0));
        s.save();
        s.execute(new AddAnnotation("it-1", "alice", box("b", "car"), -1, 0));
        assertTrue(s.isDirty());
        s.undo();
        assertFalse(s.isDirty());
        s.redo();
        assertTrue(s.isDirty());
    }

    @Test
    void listenersHearEditsUndoAndSave() throws StoreException {
        InMemoryProject store = store(3);
        ProjectSession s = new ProjectSession(store, "alice");
        List<ProjectChange> heard = new ArrayList<>();
        s.addListener(heard::add);
        s.execute(new AddAnnotation("it-2", "alice", box("a", "car"), -1, 0));
        s.undo();
        s.save();
        assertEquals(List.of(ProjectChange.Kind.ITEMS_CHANGED, ProjectChange.Kind.ITEMS_CHANGED, ProjectChange.Kind.SAVED),
                heard.stream().map(ProjectChange::kind).toList());
        assertEquals(java.util.Set.of("it-2"), heard.get(0).itemIds());
    }

    @Test
    void undoWorksForItemsThatWereEvictedFromMemory() throws StoreException {
        InMemoryProject store = store(600);
        ProjectSession s = new ProjectSession(store, "alice");
        s.execute(new AddAnnotation("it-0", "alice", box("a", "car"), -1, 0));
        s.save();
        for (int i = 1; i < 600; i++) {
            s.load("it-" + i);
        }
        s.undo();
        assertEquals(0, s.load("it-0").set("alice").map(set -> set.annotations().size()).orElse(0));
        s.save();
        assertTrue(store.saved.get("it-0").set("alice").isEmpty());
    }

    @Test
    void aFailedEditLeavesNothingDirty() throws StoreException {
        InMemoryProject store = store(2);
        ProjectSession s = new ProjectSession(store, "alice");
        assertThrows(IllegalStateException.class, () -> s.execute(new ChangeState("it-0", "nobody", AnnotationState.ACCEPTED)));
        assertFalse(s.isDirty());
        assertFalse(s.canUndo());
        assertThrows(StoreException.class, () -> s.execute(new AddAnnotation("nope", "alice", box("a", "car"), -1, 0)));
    }

    @Test
    void addingAnItemWithATakenIdIsRefused() {
        InMemoryProject store = store(2);
        ProjectSession s = new ProjectSession(store, "alice");
        assertThrows(IllegalArgumentException.class, () -> s.addItem(item("it-1")));
        s.addItem(item("new-1"));
        assertTrue(s.dirtyItems().contains("new-1"));
        assertEquals(3, s.project().itemCount());
    }
}
