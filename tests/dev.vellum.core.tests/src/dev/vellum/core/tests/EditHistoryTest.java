package dev.vellum.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.edit.AddAnnotation;
import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.edit.CompoundEdit;
import dev.vellum.core.edit.EditHistory;
import dev.vellum.core.edit.EditTarget;
import dev.vellum.core.edit.RemoveAnnotation;
import dev.vellum.core.edit.ReplaceAnnotation;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditHistoryTest {
    private final Item item = new Item("it-1", "set", List.of(new Asset("media/a.png", "image", "", Map.of())), Map.of(),
            List.of(), List.of());
    private final EditTarget target = id -> {
        if (!id.equals(item.id())) {
            throw new IllegalArgumentException(id);
        }
        return item;
    };

    private static Annotation box(String id, String label) {
        return Annotation.create(id, "image.bbox", label, Map.of("x", 1, "y", 2), "ann");
    }

    @Test
    void undoOfAFirstAnnotationRemovesTheSetItStarted() {
        EditHistory h = new EditHistory(10);
        h.execute(new AddAnnotation("it-1", "ann", box("a", "car"), -1, 3), target);
        assertEquals(3, item.set("ann").orElseThrow().guidelineVersion());
        h.undo(target);
        assertTrue(item.set("ann").isEmpty());
        h.redo(target);
        assertEquals(List.of("a"), item.set("ann").orElseThrow().annotations().stream().map(Annotation::id).toList());
    }

    @Test
    void removeThenUndoRestoresTheSamePosition() {
        EditHistory h = new EditHistory(10);
        h.execute(new AddAnnotation("it-1", "ann", box("a", "car"), -1, 0), target);
        h.execute(new AddAnnotation("it-1", "ann", box("b", "bus"), -1, 0), target);
        h.execute(new AddAnnotation("it-1", "ann", box("c", "van"), -1, 0), target);
        h.execute(new RemoveAnnotation("it-1", "ann", "b"), target);
        assertEquals(List.of("a", "c"), ids());
        h.undo(target);
        assertEquals(List.of("a", "b", "c"), ids());
    }

    @Test
    void replaceAndStateChangesAreUndoneInReverseOrder() {
        EditHistory h = new EditHistory(10);
        h.execute(new AddAnnotation("it-1", "ann", box("a", "car"), -1, 0), target);
        h.execute(new ReplaceAnnotation("it-1", "ann", box("a", "truck"), "Relabel"), target);
        h.execute(new ChangeState("it-1", "ann", AnnotationState.SUBMITTED), target);
        assertEquals("Mark submitted", h.undoLabel().orElseThrow());
        h.undo(target);
        assertEquals(AnnotationState.IN_PROGRESS, item.set("ann").orElseThrow().state());
        assertEquals("truck", item.set("ann").orElseThrow().annotations().get(0).label());
        h.undo(target);
        assertEquals("car", item.set("ann").orElseThrow().annotations().get(0).label());
    }

    @Test
    void aFailingCompoundEditChangesNothing() {
        EditHistory h = new EditHistory(10);
        h.execute(new AddAnnotation("it-1", "ann", box("a", "car"), -1, 0), target);
        CompoundEdit bad = new CompoundEdit("Delete two", List.of(new RemoveAnnotation("it-1", "ann", "a"),
                new RemoveAnnotation("it-1", "ann", "missing")));
        assertThrows(IllegalStateException.class, () -> h.execute(bad, target));
        assertEquals(List.of("a"), ids());
        assertEquals("Add 'car'", h.undoLabel().orElseThrow());
    }

    @Test
    void savePointIsReachedAgainByUndoButLostByANewBranch() {
        EditHistory h = new EditHistory(10);
        h.execute(new AddAnnotation("it-1", "ann", box("a", "car"), -1, 0), target);
        h.markSaved();
        h.execute(new AddAnnotation("it-1", "ann", box("b", "car"), -1, 0), target);
        assertFalse(h.isAtSavePoint());
        h.undo(target);
        assertTrue(h.isAtSavePoint());
        h.undo(target);
        h.execute(new AddAnnotation("it-1", "ann", box("c", "car"), -1, 0), target);
        assertFalse(h.isAtSavePoint());
    }

    @Test
    void historyKeepsOnlyItsLimit() {
        EditHistory h = new EditHistory(2);
        for (String id : List.of("a", "b", "c")) {
            h.execute(new AddAnnotation("it-1", "ann", box(id, "car"), -1, 0), target);
        }
        h.undo(target);
        h.undo(target);
        assertFalse(h.canUndo());
        assertEquals(List.of("a"), ids());
    }

    private List<String> ids() {
        return item.set("ann").orElseThrow().annotations().stream().map(Annotation::id).toList();
    }
}
