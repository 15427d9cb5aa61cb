package dev.vellum.store.folder.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save never overwrites an item file this project has not seen as it is now. */
class ConcurrentChangeTest {
    @TempDir
    Path dir;

    private final FolderProjectStore store = new FolderProjectStore();

    private static Item item(String id, String label) {
        AnnotationSet set = AnnotationSet.start("ann", 0);
        set.insert(-1, Annotation.create("a1", "image.bbox", label, Map.of("x", 1), "ann"));
        return new Item(id, "", List.of(new Asset("media/" + id + ".png", "image", "", null)), null, null, List.of(set));
    }

    @BeforeEach
    void setUp() throws Exception {
        try (StoredProject p = store.create(dir.toString(), "p", "P")) {
            p.saveItem(item("a", "car"));
            p.saveItem(item("b", "car"));
        }
    }

    @Test
    void anItemChangedByAnotherProgramIsNotOverwritten() throws Exception {
        Path file = dir.resolve("items/a.json");
        try (StoredProject mine = store.open(dir.toString())) {
            Item a = mine.loadItem("a");
            try (StoredProject theirs = store.open(dir.toString())) {
                theirs.saveItem(item("a", "bus"));
            }
            byte[] theirBytes = Files.readAllBytes(file);
            StoreException e = assertThrows(StoreException.class, () -> mine.saveItem(a));
            assertTrue(e.getMessage().startsWith(file + ": changed on disk since this project read it"), e.getMessage());
            assertArrayEquals(theirBytes, Files.readAllBytes(file), "their save is kept");
            Item reread = mine.loadItem("a");
            assertEquals("bus", reread.sets().iterator().next().annotations().get(0).label());
            mine.saveItem(reread);
        }
    }

    @Test
    void anItemNeverLoadedIsSavedWhenItsFileIsAsItWasAtOpen() throws Exception {
        try (StoredProject p = store.open(dir.toString())) {
            p.saveItem(item("b", "van"));
            p.saveItem(item("b", "tram"));
            assertEquals("tram", p.loadItem("b").sets().iterator().next().annotations().get(0).label());
        }
    }

    @Test
    void anUnreadableFileIsNeverOverwritten() throws Exception {
        Path file = dir.resolve("items/b.json");
        Files.writeString(file, "{\"formatVersion\": 2, \"id\": \"b\", ");
        byte[] broken = Files.readAllBytes(file);
        try (StoredProject p = store.open(dir.toString())) {
            StoreException e = assertThrows(StoreException.class, () -> p.saveItem(item("b", "van")));
            assertTrue(e.getMessage().contains("not overwritten: fix or delete the file first"), e.getMessage());
        }
        assertArrayEquals(broken, Files.readAllBytes(file));
    }

    @Test
    void aFileThatAppearedAfterOpeningIsNotOverwritten() throws Exception {
        try (StoredProject p = store.open(dir.toString())) {
            try (StoredProject other = store.open(dir.toString())) {
                other.saveItem(item("c", "bus"));
            }
            Files.setLastModifiedTime(dir.resolve("items/c.json"), FileTime.fromMillis(0));
            StoreException e = assertThrows(StoreException.class, () -> p.saveItem(item("c", "car")));
            assertTrue(e.getMessage().contains("was never read by this project"), e.getMessage());
        }
    }
}
