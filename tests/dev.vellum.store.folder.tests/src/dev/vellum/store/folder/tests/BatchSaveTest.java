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
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code saveItems}: many items at once, each atomic on its own, summaries and cache kept current. */
class BatchSaveTest {
    @TempDir
    Path dir;

    private final FolderProjectStore store = new FolderProjectStore();

    private static Item item(String id, String label, int annotations) {
        AnnotationSet set = AnnotationSet.start("ann", 0);
        for (int i = 0; i < annotations; i++) {
            set.insert(-1, Annotation.create("a" + i, "image.bbox", label,
                    Map.of("x", new BigDecimal("1.50"), "y", i, "width", 3, "height", 4), "ann"));
        }
        return new Item(id, "", List.of(new Asset("media/" + id + ".png", "image", "", null)), null, null, List.of(set));
    }

    @Test
    void aBatchSavesEveryItemWithItsSummaryAndReadsBackEqual() throws Exception {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(item(String.format("i%03d", i), i % 2 == 0 ? "car" : "bus", 5));
        }
        try (StoredProject p = store.create(dir.toString(), "p", "P")) {
            p.saveItems(items);
            assertEquals(200, p.project().itemCount());
            assertEquals(5, p.project().item("i007").orElseThrow().annotationCount());
        }
        try (StoredProject p = store.open(dir.toString())) {
            assertEquals(List.of(), p.problems());
            assertEquals(200, p.project().itemCount());
            Item back = p.loadItem("i123");
            assertEquals(items.get(123).sets().iterator().next().annotations(), back.sets().iterator().next().annotations());
            assertEquals(new BigDecimal("1.50"), back.sets().iterator().next().annotations().get(0).payload().get("x"),
                    "decimals keep their scale");
        }
        try (Stream<Path> s = Files.list(dir.resolve("items"))) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no temporary file left");
        }
    }

    @Test
    void annotationsAreOneLineEachAndTheFileStaysPrettyAround() throws Exception {
        try (StoredProject p = store.create(dir.toString(), "p", "P")) {
            p.saveItems(List.of(item("x", "car", 3)));
        }
        List<String> lines = Files.readAllLines(dir.resolve("items/x.json"));
        List<String> annotationLines = lines.stream().filter(l -> l.contains("\"type\": \"image.bbox\"")).toList();
        assertEquals(3, annotationLines.size(), String.join("\n", lines));
        assertTrue(annotationLines.get(0).strip().startsWith("{\"id\": \"a0\", \"type\": \"image.bbox\", \"label\": \"car\""),
                annotationLines.get(0));
        assertTrue(annotationLines.get(0).contains("\"payload\": {\"height\": 4, \"width\": 3, \"x\": 1.50, \"y\": 0}"),
                annotationLines.get(0));
        assertTrue(lines.contains("  \"annotationSets\": ["), "the rest stays one field per line");
    }

    @Test
    void oneRefusedItemLeavesTheOthersSavedAndTheErrorNamesItsFile() throws Exception {
        try (StoredProject p = store.create(dir.toString(), "p", "P")) {
            p.saveItems(List.of(item("a", "car", 1), item("b", "car", 1), item("c", "car", 1)));
        }
        Path b = dir.resolve("items/b.json");
        try (StoredProject p = store.open(dir.toString())) {
            // another program rewrites b: this project must not overwrite it
            Files.writeString(b, Files.readString(b).replace("\"car\"", "\"truck\""));
            Files.setLastModifiedTime(b, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            byte[] theirs = Files.readAllBytes(b);
            StoreException e = assertThrows(StoreException.class,
                    () -> p.saveItems(List.of(item("a", "bus", 2), item("b", "bus", 2), item("c", "bus", 2), item("d", "bus", 2))));
            assertTrue(e.getMessage().startsWith(b + ": changed on disk"), e.getMessage());
            assertEquals(0, e.getSuppressed().length);
            assertArrayEquals(theirs, Files.readAllBytes(b), "the refused file is untouched");
            assertEquals(2, p.project().item("a").orElseThrow().annotationCount());
            assertEquals(1, p.project().item("b").orElseThrow().annotationCount(), "b's summary is the one on disk");
            assertEquals(2, p.project().item("d").orElseThrow().annotationCount());
        }
        try (StoredProject p = store.open(dir.toString())) {
            assertEquals(List.of(), p.problems());
            assertEquals(List.of("a", "b", "c", "d"), p.project().itemIds());
            assertEquals("bus", p.loadItem("c").sets().iterator().next().annotations().get(0).label());
            assertEquals("truck", p.loadItem("b").sets().iterator().next().annotations().get(0).label());
        }
    }

    @Test
    void anItemTwiceInOneBatchIsRefusedOnceAndSavedOnce() throws Exception {
        try (StoredProject p = store.create(dir.toString(), "p", "P")) {
            StoreException e = assertThrows(StoreException.class, () -> p.saveItems(List.of(item("a", "car", 1), item("a", "bus", 1))));
            assertTrue(e.getMessage().startsWith(dir.resolve("items/a.json") + ": not saved: the item appears twice"), e.getMessage());
            assertEquals("car", p.loadItem("a").sets().iterator().next().annotations().get(0).label(), "the first one is saved");
        }
    }
}
