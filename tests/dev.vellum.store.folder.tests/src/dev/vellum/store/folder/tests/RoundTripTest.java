package dev.vellum.store.folder.tests;

import static dev.vellum.store.folder.tests.TestProjects.T0;
import static dev.vellum.store.folder.tests.TestProjects.assertItemEquals;
import static dev.vellum.store.folder.tests.TestProjects.imageItem;
import static dev.vellum.store.folder.tests.TestProjects.map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Project;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.model.WorkflowSettings;
import dev.vellum.core.spi.StoreException;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
    private final FolderProjectStore store = new FolderProjectStore();

    @TempDir
    Path tmp;

    /** One item per review state; sets of several annotators, every provenance, every kind of value. */
    static List<Item> fullItems() {
        List<Item> items = new ArrayList<>();
        AnnotationState[] states = AnnotationState.values();
        for (int i = 0; i < states.length; i++) {
            List<AnnotationSet> sets = new ArrayList<>();
            for (String annotator : List.of("alice", "bob")) {
                List<Annotation> anns = new ArrayList<>();
                Provenance[] provs = Provenance.values();
                for (int j = 0; j < provs.length; j++) {
                    Map<String, Object> payload = map("x", new BigDecimal("12.50"), "y", 0, "w", new BigDecimal("0.1"),
                            "h", 4_000_000_000L, "points", List.of(List.of(1, 2), List.of(new BigDecimal("3.25"), -4)),
                            "big", new BigInteger("123456789012345678901234567890"), "note", "ünïcödé \"quoted\"\n",
                            "flags", map("a", true, "b", false, "c", null));
                    Map<String, Object> attributes = map("occluded", j % 2 == 0, "kind", "sedan", "count", 3,
                            "tags", List.of("red", "parked"), "comment", null);
                    anns.add(new Annotation(annotator + "-" + j, j == 2 ? "text.span" : "image.bbox", j == 1 ? "" : "car",
                            attributes, j + 1, payload, provs[j], annotator, T0.plusSeconds(j), T0.plusSeconds(100 + j)));
                }
                sets.add(new AnnotationSet(annotator, states[(i + sets.size()) % states.length], i, T0,
                        T0.plusMillis(1234 + i), anns));
            }
            List<Asset> assets = List.of(new Asset("media/cam/" + i + ".png", "image", "sha256:abc" + i, map("width", 640, "height", 480)),
                    new Asset("https://example.org/lidar/" + i + ".pcd", "pointcloud", "", map("points", 123456)),
                    new Asset("/data/shared/" + i + ".wav", "audio", "", map("duration", new BigDecimal("2.5"))));
            items.add(new Item("item-" + i, i % 2 == 0 ? "day" : "", assets, map("split", "train", "index", i, "weights", List.of()),
                    List.of("alice", "bob"), sets));
        }
        return items;
    }

    static void configure(Project p) {
        p.setName("Full project");
        p.putSchema(new LabelSchema("image", List.of(
                new LabelClass("car", "#ff0000", "1", List.of(
                        new AttributeDef("occluded", AttributeType.BOOLEAN, List.of(), true),
                        new AttributeDef("kind", AttributeType.CHOICE, List.of("sedan", "suv"), false),
                        new AttributeDef("count", AttributeType.NUMBER, List.of(), false),
                        new AttributeDef("tags", AttributeType.MULTI_CHOICE, List.of("red", "parked", "moving"), false),
                        new AttributeDef("comment", AttributeType.TEXT, List.of(), false))),
                new LabelClass("person", "#00FF00", "", List.of()))));
        p.putSchema(new LabelSchema("text", List.of(new LabelClass("PER", "#0000ff", "p", List.of()))));
        p.setWorkflow(new WorkflowSettings(3, List.of("review", "audit")));
        p.setCurrentGuidelineVersion(4);
        p.setExtensions(map("dev.vellum.quality", map("goldRate", new BigDecimal("0.05"), "seed", 7)));
    }

    @Test
    void aFullProjectSurvivesSavingAndReopening() throws Exception {
        Path dir = tmp.resolve("full");
        List<Item> items = fullItems();
        Project before;
        try (FolderProject p = store.create(dir.toString(), "full-1", "x")) {
            configure(p.project());
            p.saveProject();
            for (Item item : items) {
                p.saveItem(item);
            }
            before = p.project();
        }
        try (FolderProject p = store.open(dir.toString())) {
            Project after = p.project();
            assertEquals(before.id(), after.id());
            assertEquals("Full project", after.name());
            assertEquals(before.created(), after.created());
            assertEquals(List.copyOf(before.schemas().values()), List.copyOf(after.schemas().values()));
            assertEquals(before.workflow(), after.workflow());
            assertEquals(4, after.currentGuidelineVersion());
            assertEquals(before.extensions(), after.extensions());
            assertEquals(List.copyOf(before.items()), List.copyOf(after.items()));
            assertEquals(List.of(), p.problems());
            for (Item item : items) {
                assertItemEquals(item, p.loadItem(item.id()));
            }
        }
    }

    @Test
    void filesArePrettyPrintedInAStableOrderSoTheyDiffWell() throws Exception {
        Path dir = tmp.resolve("p");
        Item item = imageItem("a", "car", 2);
        try (FolderProject p = store.create(dir.toString(), "p", "P")) {
            p.saveItem(item);
        }
        byte[] first = Files.readAllBytes(dir.resolve("items/a.json"));
        try (FolderProject p = store.open(dir.toString())) {
            p.saveItem(p.loadItem("a"));
        }
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("items/a.json")), "saving the same item again changes nothing");
        String text = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\n  \"formatVersion\": 2,\n  \"id\": \"a\",\n  \"dataset\": \"set-a\",\n  \"assets\": [\n"), text);
        assertTrue(text.endsWith("\n}\n"), "ends with a newline");
        assertTrue(text.contains("\n  \"assignees\": [\"alice\"],\n"), "arrays of scalars stay on one line: " + text);
        assertTrue(text.contains("\"state\": \"submitted\""), "states are written as lower-case ids");
        assertTrue(text.contains("\"provenance\": \"human\""), "provenance is written as a lower-case id");
        assertFalse(text.contains("\r"), "\\n line ends on every platform");
        assertTrue(text.indexOf("\"x\"") < text.indexOf("\"y\"") && text.indexOf("\"w\"") < text.indexOf("\"h\""),
                "payload keys keep their order");
    }

    @Test
    void deletingAnItemRemovesItsFileAndSummary() throws Exception {
        Path dir = tmp.resolve("p");
        try (FolderProject p = store.create(dir.toString(), "p", "P")) {
            p.saveItem(imageItem("a", "car", 1));
            p.saveItem(imageItem("b", "car", 1));
            p.deleteItem("a");
            assertEquals(List.of("b"), p.project().itemIds());
            assertFalse(Files.exists(dir.resolve("items/a.json")));
            StoreException e = assertThrows(StoreException.class, () -> p.deleteItem("a"));
            assertTrue(e.getMessage().contains("a.json: no such item"), e.getMessage());
        }
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of("b"), p.project().itemIds());
            StoreException e = assertThrows(StoreException.class, () -> p.loadItem("a"));
            assertEquals(dir.resolve("items/a.json") + ": no such file", e.getMessage());
        }
    }

    @Test
    void mediaResolveAgainstTheProjectAndMissingLocalMediaAreListed() throws Exception {
        Path dir = tmp.resolve("p");
        try (FolderProject p = store.create(dir.toString(), "p", "P")) {
            Item item = new Item("m", "", List.of(new Asset("media/a b.png", "image", "", Map.of()),
                    new Asset("https://example.org/x.png", "image", "", Map.of())), Map.of(), List.of(), List.of());
            assertEquals(dir.resolve("media/a b.png").toUri(), p.resolve(item.assets().get(0)));
            assertEquals(URI.create("https://example.org/x.png"), p.resolve(item.assets().get(1)));
            Path itemFile = dir.resolve("items/m.json");
            assertEquals(List.of(itemFile + ": media 'media/a b.png' is missing (looked for " + dir.resolve("media/a b.png") + ")"),
                    p.checkMedia(item));
            Files.createDirectories(dir.resolve("media"));
            Files.writeString(dir.resolve("media/a b.png"), "png");
            assertEquals(List.of(), p.checkMedia(item), "present files and remote URIs raise nothing");
        }
    }

    @Test
    void aFragmentNamesAPageOfAFileUnlessTheFileNameHasTheHash() throws Exception {
        Path dir = tmp.resolve("p");
        try (FolderProject p = store.create(dir.toString(), "p", "P")) {
            Files.createDirectories(dir.resolve("media"));
            Files.writeString(dir.resolve("media/scan.tif"), "tif");
            Item item = new Item("m", "", List.of(new Asset("media/scan.tif#page=3", "image", "", Map.of())), Map.of(), List.of(),
                    List.of());
            URI u = p.resolve(item.assets().get(0));
            assertEquals("page=3", u.getFragment());
            assertEquals(dir.resolve("media/scan.tif").toUri().getPath(), u.getPath());
            assertEquals(List.of(), p.checkMedia(item), "the page's file is there");
            Files.writeString(dir.resolve("media/odd#name.png"), "png");
            Item odd = new Item("o", "", List.of(new Asset("media/odd#name.png", "image", "", Map.of())), Map.of(), List.of(), List.of());
            assertEquals(dir.resolve("media/odd#name.png").toUri(), p.resolve(odd.assets().get(0)), "a real '#' in a file name stays");
            assertEquals(List.of(), p.checkMedia(odd));
            Item gone = new Item("g", "", List.of(new Asset("media/gone.tif#page=1", "image", "", Map.of())), Map.of(), List.of(),
                    List.of());
            assertEquals(1, p.checkMedia(gone).size(), "a missing file is reported, page or not");
        }
    }
}
