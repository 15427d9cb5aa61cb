package dev.vellum.store.folder.tests;

import static dev.vellum.store.folder.tests.TestProjects.imageItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.spi.StoreException;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gets one line naming the file and the problem, and leaves every file as
 * it was (the disposable cache aside).
 */
class BadInputTest {
    private final FolderProjectStore store = new FolderProjectStore();

    @TempDir
    Path tmp;

    private Path dir;

    @BeforeEach
    void project() throws Exception {
        dir = tmp.resolve("p");
        try (FolderProject p = store.create(dir.toString(), "p", "P")) {
            p.saveItem(imageItem("a", "car", 3));
            p.saveItem(imageItem("b", "car", 1));
        }
    }

    static Stream<Arguments> badItemFiles() {
        return Stream.of(
                Arguments.of("truncated", (UnaryOperator<String>) s -> s.substring(0, s.length() / 2),
                        "the JSON is truncated: the file ends at line "),
                Arguments.of("empty", (UnaryOperator<String>) s -> "", "the file is empty"),
                Arguments.of("invalid JSON", (UnaryOperator<String>) s -> s.replaceFirst("\"dataset\"", "dataset"),
                        "invalid JSON at line 4, column 3: Unexpected character ('d'"),
                Arguments.of("duplicate key", (UnaryOperator<String>) s -> s.replaceFirst("\"dataset\"", "\"id\": \"a\", \"dataset\""),
                        "invalid JSON at line 4, column "),
                Arguments.of("not an object", (UnaryOperator<String>) s -> "[" + s + "]",
                        "an item file holds one JSON object, found an array"),
                Arguments.of("trailing content", (UnaryOperator<String>) s -> s + "{}",
                        "unexpected content after the item's closing brace"),
                Arguments.of("newer format", (UnaryOperator<String>) s -> s.replace("\"formatVersion\": 2", "\"formatVersion\": 3"),
                        "written by a newer Vellum (format 3, this one reads up to 2)"),
                Arguments.of("current sets without a version", (UnaryOperator<String>) s -> s.replace("\"formatVersion\": 2,", ""),
                        "has \"annotationSets\" (format 2) but no \"formatVersion\": add \"formatVersion\": 2"),
                Arguments.of("missing required field", (UnaryOperator<String>) s -> s.replaceFirst("\"type\": \"image.bbox\",", ""),
                        "annotationSets[0].annotations[0]: missing required field \"type\""),
                Arguments.of("missing assets", (UnaryOperator<String>) s -> s.replaceFirst("\"assets\"", "\"assetz\""),
                        "line 1, column 1: missing required field \"assets\""),
                Arguments.of("bad state", (UnaryOperator<String>) s -> s.replace("\"submitted\"", "\"finished\""),
                        "annotationSets[0].state: unknown annotation state 'finished' (known: in_progress, submitted,"),
                Arguments.of("bad provenance", (UnaryOperator<String>) s -> s.replaceFirst("\"human\"", "\"robot\""),
                        "annotationSets[0].annotations[0].provenance: unknown provenance 'robot' (known: human, model, imported)"),
                Arguments.of("bad number", (UnaryOperator<String>) s -> s.replace("\"guidelineVersion\": 1", "\"guidelineVersion\": \"one\""),
                        "annotationSets[0].guidelineVersion: expected a whole number, found a string"),
                Arguments.of("bad time", (UnaryOperator<String>) s -> s.replaceFirst("\"2025-02-03T04:05:06.789Z\"", "\"yesterday\""),
                        "'yesterday' is not an ISO-8601 time"),
                Arguments.of("id not matching the file", (UnaryOperator<String>) s -> s.replace("\"id\": \"a\"", "\"id\": \"b\""),
                        "its id 'b' does not match its file name (the file of item 'b' must be b.json, which exists: two files claim that id)"),
                Arguments.of("invalid annotation id", (UnaryOperator<String>) s -> s.replace("\"id\": \"b1\"", "\"id\": \"no good\""),
                        "annotationSets[0].annotations[1]: annotation id 'no good' is not valid"),
                Arguments.of("duplicate annotation id", (UnaryOperator<String>) s -> s.replace("\"id\": \"b2\"", "\"id\": \"b0\""),
                        "annotationSets[0].annotations[2]: annotation id 'b0' appears twice in this set (also annotationSets[0].annotations[0])"),
                Arguments.of("duplicate annotator", (UnaryOperator<String>) s -> {
                    int start = s.indexOf("{", s.indexOf("\"annotationSets\""));
                    int end = s.lastIndexOf("]");
                    String set = s.substring(start, s.lastIndexOf("}", end) + 1);
                    return s.substring(0, start) + set + ", " + s.substring(start);
                }, "a second annotation set of 'alice' (the first is annotationSets[0])"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badItemFiles")
    void aBadItemFileIsReportedByNameAndTheProjectStillOpens(String what, UnaryOperator<String> damage, String problem)
            throws Exception {
        Path file = dir.resolve("items/a.json");
        Files.writeString(file, damage.apply(Files.readString(file)));
        Map<String, byte[]> before = TestProjects.snapshot(dir, false);
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of("b"), p.project().itemIds(), "the good item is there, the bad one is not");
            assertEquals(1, p.problems().size(), p.problems().toString());
            String message = p.problems().get(0);
            assertOneLineAbout(file, problem, message);
            StoreException e = assertThrows(StoreException.class, () -> p.loadItem("a"));
            assertEquals(message, e.getMessage(), "loading says the same");
            assertEquals(file.toString(), e.location());
            p.saveItem(p.loadItem("b"));
        }
        before.remove("items/b.json");
        Map<String, byte[]> after = TestProjects.snapshot(dir, false);
        after.remove("items/b.json");
        TestProjects.assertSameFiles(before, after);
    }

    @Test
    void anItemFileWhoseNameIsNotAnIdIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("items/not an id.json"), "{}");
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of("a", "b"), p.project().itemIds());
            assertOneLineAbout(file, "the file name is not an item id followed by .json ('not an id' is not valid", p.problems().get(0));
            StoreException e = assertThrows(StoreException.class, () -> p.loadItem("not an id"));
            assertTrue(e.getMessage().contains("item id 'not an id' is not valid"), e.getMessage());
        }
    }

    static Stream<Arguments> badManifests() {
        return Stream.of(
                Arguments.of("newer format", (UnaryOperator<String>) s -> s.replace("\"formatVersion\": 2", "\"formatVersion\": 7"),
                        "written by a newer Vellum (format 7, this one reads up to 2)"),
                Arguments.of("unknown old format", (UnaryOperator<String>) s -> s.replace("\"formatVersion\": 2", "\"formatVersion\": 0"),
                        "\"formatVersion\": unknown format version 0 (this Vellum reads 1 to 2)"),
                Arguments.of("another tool's file", (UnaryOperator<String>) s -> "{\"name\": \"my-npm-package\", \"version\": \"1.0.0\"}",
                        "not a Vellum project: expected \"format\": \"vellum-project\", found no \"format\""),
                Arguments.of("truncated", (UnaryOperator<String>) s -> s.substring(0, s.length() - 30), "the JSON is truncated"),
                Arguments.of("invalid JSON", (UnaryOperator<String>) s -> s.replace("\"name\":", "\"name\"="),
                        "invalid JSON at line 5, column 9: Unexpected character ('='"),
                Arguments.of("no version", (UnaryOperator<String>) s -> s.replace("\"formatVersion\": 2,", ""),
                        "missing required field \"formatVersion\""),
                Arguments.of("missing id", (UnaryOperator<String>) s -> s.replace("\"id\": \"p\",", ""), "missing required field \"id\""),
                Arguments.of("bad attribute type", (UnaryOperator<String>) s -> s.replace("\"labelSchemas\": {}",
                        "\"labelSchemas\": {\"image\": {\"classes\": [{\"name\": \"car\", \"attributes\": [{\"name\": \"n\", \"type\": \"float\"}]}]}}"),
                        "labelSchemas.image.classes[0].attributes[0].type: unknown attribute type 'float' (known: text, number, boolean,"),
                Arguments.of("bad colour", (UnaryOperator<String>) s -> s.replace("\"labelSchemas\": {}",
                        "\"labelSchemas\": {\"image\": {\"classes\": [{\"name\": \"car\", \"color\": \"red\"}]}}"),
                        "labelSchemas.image.classes[0]: label 'car': colour 'red' is not #rrggbb"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void aBadManifestFailsOpeningWithOneLineNamingIt(String what, UnaryOperator<String> damage, String problem) throws Exception {
        Path manifest = dir.resolve("vellum.json");
        Files.writeString(manifest, damage.apply(Files.readString(manifest)));
        Map<String, byte[]> before = TestProjects.snapshot(dir, true);
        StoreException e = assertThrows(StoreException.class, () -> store.open(dir.toString()));
        assertOneLineAbout(manifest, problem, e.getMessage());
        TestProjects.assertSameFiles(before, TestProjects.snapshot(dir, true));
    }

    @Test
    void aFolderWithoutManifestIsNotAProject() throws Exception {
        Files.delete(dir.resolve("vellum.json"));
        Map<String, byte[]> before = TestProjects.snapshot(dir, true);
        StoreException e = assertThrows(StoreException.class, () -> store.open(dir.toString()));
        assertOneLineAbout(dir.resolve("vellum.json"), "missing: " + dir + " is not a Vellum project folder", e.getMessage());
        TestProjects.assertSameFiles(before, TestProjects.snapshot(dir, true));
        StoreException none = assertThrows(StoreException.class, () -> store.open(tmp.resolve("nowhere").toString()));
        assertEquals(tmp.resolve("nowhere") + ": no such folder", none.getMessage());
    }

    @Test
    void valuesJsonCannotHoldNeverReachTheFileAndTheSavedItemIsKept() throws Exception {
        Path file = dir.resolve("items/a.json");
        byte[] before = Files.readAllBytes(file);
        try (FolderProject p = store.open(dir.toString())) {
            var item = p.loadItem("a");
            var set = item.set("alice").orElseThrow();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> set.annotations().get(0).withPayload(Map.of("x", Double.NaN), "alice"));
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
            p.saveItem(item);
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
        try (Stream<Path> s = Files.list(dir.resolve("items"))) {
            assertFalse(s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    private static void assertOneLineAbout(Path file, String problem, String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
        assertTrue(message.startsWith(file + ": "), "names the file: " + message);
        assertTrue(message.contains(problem), "says what is wrong (" + problem + "): " + message);
        assertFalse(message.contains("com.fasterxml") || message.contains("Exception"), "no Jackson internals: " + message);
    }
}
