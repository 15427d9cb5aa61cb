package dev.vellum.store.folder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.FolderProjectStore;
import dev.vellum.store.folder.internal.ItemCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes of item files (written by a hand-made writer since the COCO speed work) against what the
 * Jackson generator wrote before, fields left out at their defaults, and batch loading.
 */
class ItemLayoutTest {
    @TempDir
    Path dir;

    /**
     * fixtures/layout/rich-item.expected.json was written by the Jackson generator with the stable
     * pretty printer from rich-item.in.json (escapes, non-BMP text, nested trees, unknown fields,
     * decimals of every form); the writer must produce the same bytes.
     */
    @Test
    void theWriterLaysOutItemsByteForByteAsTheGeneratorDid() throws Exception {
        TestProjects.copyFixture("layout", dir);
        byte[] in = Files.readAllBytes(dir.resolve("rich-item.in.json"));
        String expected = Files.readString(dir.resolve("rich-item.expected.json"), StandardCharsets.UTF_8);
        ItemCodec.Decoded d = ItemCodec.decode(in);
        assertEquals(expected, new String(ItemCodec.encode(d.item(), d.extras()), StandardCharsets.UTF_8));
        ItemCodec.Decoded again = ItemCodec.decode(expected.getBytes(StandardCharsets.UTF_8));
        TestProjects.assertItemEquals(d.item(), again.item());
        assertEquals(expected, new String(ItemCodec.encode(again.item(), again.extras()), StandardCharsets.UTF_8), "a fixed point");
    }

    @Test
    void decimalsAreWrittenAsBigDecimalWritesThem() throws Exception {
        List<String> texts = List.of("0.1", "1.50", "-0.001", "0.000001", "1E-7", "0E-7", "0.0", "-0.0", "123456789012345678.5",
                "1234567890123456789012.25", "1E+3", "-1.23E-10", "0.100000000000000000001", "99.999999999999999", "-5.25", "7.0", "0.0000010");
        for (String t : texts) {
            BigDecimal d = new BigDecimal(t);
            Annotation a = new Annotation("a", "image.bbox", "car", Map.of(), 1, Map.of("v", d), Provenance.HUMAN, "x", TestProjects.T0, null);
            Item item = new Item("i", "", List.of(new Asset("m.png", "image", "", null)), null, null,
                    List.of(new AnnotationSet("x", AnnotationState.IN_PROGRESS, 0, TestProjects.T0, null, List.of(a))));
            String text = new String(ItemCodec.encode(item, null), StandardCharsets.UTF_8);
            assertTrue(text.contains("\"payload\": {\"v\": " + d + "}"), t + " -> " + text);
            Object back = ItemCodec.decode(text.getBytes(StandardCharsets.UTF_8)).item().sets().iterator().next().annotations().get(0).payload().get("v");
            assertEquals(d, back, t);
        }
    }

    @Test
    void fieldsAtTheirDefaultsAreLeftOutAndReadBackEqual() throws Exception {
        Instant t1 = TestProjects.T0.plusMillis(1500);
        Annotation same = new Annotation("same", "image.bbox", "car", Map.of("group", "g"), 1, Map.of("x", 1), Provenance.IMPORTED, "x",
                TestProjects.T0, TestProjects.T0);
        Annotation changed = new Annotation("changed", "image.bbox", "car", Map.of(), 2, Map.of("x", 1), Provenance.HUMAN, "x",
                TestProjects.T0, t1);
        Item item = new Item("i", "", List.of(new Asset("m.png", "image", "", null)), null, null, List.of(
                new AnnotationSet("x", AnnotationState.SUBMITTED, 3, TestProjects.T0, TestProjects.T0, List.of(same, changed)),
                new AnnotationSet("y", AnnotationState.IN_PROGRESS, 0, TestProjects.T0, t1, List.of())));
        String text = new String(ItemCodec.encode(item, null), StandardCharsets.UTF_8);
        String sameLine = text.lines().filter(l -> l.contains("\"same\"")).findFirst().orElseThrow();
        assertFalse(sameLine.contains("modified"), sameLine);
        assertFalse(sameLine.contains("payloadVersion"), sameLine);
        String changedLine = text.lines().filter(l -> l.contains("\"changed\"")).findFirst().orElseThrow();
        assertTrue(changedLine.contains("\"payloadVersion\": 2"), changedLine);
        assertTrue(changedLine.contains("\"modified\": \"" + t1 + "\""), changedLine);
        assertEquals(2, text.split("\"modified\"", -1).length - 1, "changed and the set of y have one, the set of x (modified = created) none: " + text);
        Item back = ItemCodec.decode(text.getBytes(StandardCharsets.UTF_8)).item();
        TestProjects.assertItemEquals(item, back);
        assertEquals(TestProjects.T0, back.sets().iterator().next().annotations().get(0).modified());
        assertEquals(1, back.sets().iterator().next().annotations().get(0).payloadVersion());
    }

    @Test
    void duplicateKeysAreStillRefusedAtEveryLevel() throws Exception {
        Item item = TestProjects.imageItem("i", "car", 2);
        String text = new String(ItemCodec.encode(item, null), StandardCharsets.UTF_8);
        List<String> bad = List.of(text.replaceFirst("\"label\": \"car\"", "\"label\": \"car\", \"label\": \"bus\""),
                text.replaceFirst("\"label\": \"car\"", "\"label\": \"car\", \"futureField\": 1, \"futureField\": 2"),
                text.replaceFirst("\"payload\": \\{", "\"payload\": {\"x\": 0, "),
                text.replaceFirst("\"state\": ", "\"state\": \"submitted\", \"state\": "),
                text.replaceFirst("\"modality\": ", "\"modality\": \"image\", \"modality\": "),
                text.replaceFirst("\"dataset\": ", "\"id\": \"i\", \"dataset\": "));
        for (String b : bad) {
            assertFalse(b.equals(text));
            Exception e = assertThrows(Exception.class, () -> ItemCodec.decode(b.getBytes(StandardCharsets.UTF_8)), b);
            assertTrue(e.getMessage().startsWith("invalid JSON at line ") && e.getMessage().contains(": Duplicate field '"), e.getMessage());
        }
    }

    @Test
    void aBatchLoadGivesWhatLoadingOneByOneGivesAndNamesABadFile() throws Exception {
        FolderProjectStore store = new FolderProjectStore();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            items.add(TestProjects.imageItem(String.format("i%03d", i), i % 3 == 0 ? "car" : "bus", 1 + i % 7));
        }
        List<String> ids = items.stream().map(Item::id).toList();
        try (StoredProject p = store.create(dir.resolve("p").toString(), "p", "P")) {
            p.saveItems(items);
        }
        try (StoredProject p = store.open(dir.resolve("p").toString())) {
            List<Item> batch = p.loadItems(ids);
            assertEquals(150, batch.size());
            for (int i = 0; i < 150; i++) {
                TestProjects.assertItemEquals(items.get(i), batch.get(i));
                TestProjects.assertItemEquals(p.loadItem(ids.get(i)), batch.get(i));
            }
            // Loaded items can be saved again: what was read is recorded as loadItem records it.
            p.saveItems(batch.subList(0, 10));
        }
        Path broken = dir.resolve("p/items/i100.json");
        Files.writeString(broken, "{\"formatVersion\": 2, \"id\": ");
        try (StoredProject p = store.open(dir.resolve("p").toString())) {
            StoreException e = assertThrows(StoreException.class, () -> p.loadItems(ids));
            assertEquals(broken.toString(), e.location());
            assertTrue(e.getMessage().contains("the JSON is truncated"), e.getMessage());
            List<Item> others = p.loadItems(ids.subList(101, 150));
            assertEquals(49, others.size());
            TestProjects.assertItemEquals(items.get(120), others.get(19));
        }
    }
}
