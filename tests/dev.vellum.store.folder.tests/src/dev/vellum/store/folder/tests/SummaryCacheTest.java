package dev.vellum.store.folder.tests;

import static dev.vellum.store.folder.tests.TestProjects.imageItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.core.spi.StoreException;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCacheTest {
    private final FolderProjectStore store = new FolderProjectStore();

    @TempDir
    Path tmp;

    private Path dir;

    private Path project(String... ids) throws Exception {
        dir = tmp.resolve("p");
        try (FolderProject p = store.create(dir.toString(), "p", "P")) {
            for (String id : ids) {
                p.saveItem(imageItem(id, "car", 2));
            }
        }
        TestProjects.ageFiles(dir);
        store.open(dir.toString()).close();
        return dir;
    }

    private Path cache() {
        return dir.resolve("cache/summaries.json");
    }

    @Test
    void reopeningPicksUpChangedAddedAndRemovedItemFiles() throws Exception {
        project("a", "b", "c");
        Path items = dir.resolve("items");
        String b = Files.readString(items.resolve("b.json")).replace("\"car\"", "\"truck\"");
        Files.writeString(items.resolve("b.json"), b);
        Files.writeString(items.resolve("d.json"), Files.readString(items.resolve("a.json")).replace("\"id\": \"a\"", "\"id\": \"d\""));
        Files.delete(items.resolve("c.json"));
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of("a", "b", "d"), p.project().itemIds());
            assertTrue(p.project().item("b").orElseThrow().usesLabel("truck"), "a changed file is read again");
            assertFalse(p.project().item("b").orElseThrow().usesLabel("car"));
            assertEquals(List.of(), p.problems());
        }
        JsonNode entries = new ObjectMapper().readTree(cache().toFile()).get("entries");
        List<String> cached = new java.util.ArrayList<>();
        entries.forEach(e -> cached.add(e.get(0).asText()));
        assertEquals(List.of("a", "b", "d"), cached, "the cache was brought up to date");
    }

    @Test
    void anUnchangedProjectOpensFromTheCacheWithoutParsingOrRewritingIt() throws Exception {
        project("a", "b");
        byte[] cacheBytes = Files.readAllBytes(cache());
        FileTime cacheTime = Files.getLastModifiedTime(cache());
        // Same size, same time, different content: only a reader that trusts the cache misses it.
        Path a = dir.resolve("items/a.json");
        FileTime aTime = Files.getLastModifiedTime(a);
        byte[] garbage = new byte[(int) Files.size(a)];
        java.util.Arrays.fill(garbage, (byte) '#');
        Files.write(a, garbage);
        Files.setLastModifiedTime(a, aTime);
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of("a", "b"), p.project().itemIds(), "summaries come from the cache");
            assertEquals(List.of(), p.problems(), "so the damaged file was not parsed");
            StoreException e = assertThrows(StoreException.class, () -> p.loadItem("a"));
            assertTrue(e.getMessage().startsWith(a + ": invalid JSON at line 1, column 1"), e.getMessage());
        }
        assertArrayEquals(cacheBytes, Files.readAllBytes(cache()), "nothing was stale, so the cache was not rewritten");
        assertEquals(cacheTime, Files.getLastModifiedTime(cache()));
    }

    @Test
    void aFileModifiedAroundTheTimeTheCacheWasWrittenIsReadAgain() throws Exception {
        project("a", "b");
        // A time so recent that a second change within the same clock tick cannot be ruled out.
        Path a = dir.resolve("items/a.json");
        FileTime recent = FileTime.from(java.time.Instant.now().plusSeconds(60));
        Files.setLastModifiedTime(a, recent);
        store.open(dir.toString()).close();
        byte[] garbage = new byte[(int) Files.size(a)];
        java.util.Arrays.fill(garbage, (byte) '#');
        Files.write(a, garbage);
        Files.setLastModifiedTime(a, recent);
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of("b"), p.project().itemIds(), "size and time match the cache, yet the file was read again");
            assertTrue(p.problems().get(0).startsWith(a + ": invalid JSON at line 1, column 1"), p.problems().toString());
        }
    }

    @Test
    void aCorruptCacheIsRebuiltSilently() throws Exception {
        project("a", "b", "c");
        for (String junk : List.of("{\"format\":\"vellum-summary-cache\",\"cacheVersion\":1,\"itemFormat\":2,\"entries\":[{\"fi",
                "not json at all", "", "{\"format\":\"something-else\",\"entries\":[]}",
                "{\"format\":\"vellum-summary-cache\",\"cacheVersion\":1,\"itemFormat\":2,\"checked\":9223372036854775807,"
                        + "\"entries\":[{\"file\":\"a.json\",\"size\":1,\"mtime\":1,\"dataset\":\"\",\"modality\":\"image\","
                        + "\"sets\":[{\"annotator\":\"x\",\"state\":\"bogus\"}]}]}")) {
            Files.writeString(cache(), junk);
            try (FolderProject p = store.open(dir.toString())) {
                assertEquals(List.of("a", "b", "c"), p.project().itemIds(), "with cache " + junk);
                assertEquals(2, p.project().item("b").orElseThrow().annotationCount());
                assertEquals(List.of(), p.problems());
            }
            JsonNode rebuilt = new ObjectMapper().readTree(cache().toFile());
            assertEquals(3, rebuilt.get("entries").size(), "rebuilt after " + junk);
        }
        Files.delete(cache());
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(3, p.project().itemCount());
        }
        assertTrue(Files.exists(cache()), "a missing cache is rebuilt");
        assertEquals("*", Files.readAllLines(dir.resolve("cache/.gitignore")).get(1), "the cache keeps itself out of git");
    }

    @Test
    void aProjectWhoseCacheCannotBeWrittenStillOpens() throws Exception {
        project("a", "b");
        // A file where the cache folder should be makes every cache write fail, as a read-only
        // folder would (tests may run as root, for whom permissions do not apply).
        Path cacheDir = dir.resolve("cache");
        try (Stream<Path> s = Files.list(cacheDir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(cacheDir);
        Files.writeString(cacheDir, "in the way");
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of("a", "b"), p.project().itemIds());
            p.saveItem(imageItem("c", "car", 1));
        }
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of("a", "b", "c"), p.project().itemIds());
        }
        assertEquals("in the way", Files.readString(cacheDir));
    }

    @Test
    void leftoverTemporaryFilesAreIgnoredAndRemoved() throws Exception {
        project("a");
        Path itemTemp = dir.resolve("items/.a.json.0123456789abcdef.tmp");
        Path manifestTemp = dir.resolve(".vellum.json.fedcba9876543210.tmp");
        Path cacheTemp = dir.resolve("cache/.summaries.json.00000000deadbeef.tmp");
        Files.writeString(itemTemp, "{\"formatVersion\": 2, \"id\": \"a\", \"ass", StandardCharsets.UTF_8);
        Files.writeString(manifestTemp, "{\"format\": \"vellum-pro", StandardCharsets.UTF_8);
        Files.writeString(cacheTemp, "[", StandardCharsets.UTF_8);
        Path userFile = Files.writeString(dir.resolve("items/notes.tmp"), "mine");
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of("a"), p.project().itemIds());
            assertEquals(List.of(), p.problems());
        }
        assertFalse(Files.exists(itemTemp));
        assertFalse(Files.exists(manifestTemp));
        assertFalse(Files.exists(cacheTemp));
        assertTrue(Files.exists(userFile), "only the store's own temporary files are removed");
    }

    @Test
    void aBadItemFileIsReportedAgainWhenItsProblemComesFromTheCache() throws Exception {
        project("a", "b");
        Path b = dir.resolve("items/b.json");
        Files.writeString(b, "{\"formatVersion\": 2, \"id\": \"b\"");
        TestProjects.ageFiles(dir.resolve("items"));
        String first;
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of("a"), p.project().itemIds());
            first = p.problems().get(0);
        }
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of(first), p.problems());
        }
        assertTrue(first.startsWith(b + ": the JSON is truncated"), first);
    }
}
