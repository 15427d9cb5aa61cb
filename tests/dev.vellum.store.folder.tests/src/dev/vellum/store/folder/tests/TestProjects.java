package dev.vellum.store.folder.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Builders, fixtures and file snapshots shared by the folder store tests. */
final class TestProjects {
    static final Instant T0 = Instant.parse("2025-02-03T04:05:06.789Z");

    private TestProjects() {
    }

    /** An ordered JSON-shaped map from alternating keys and values (nulls allowed, unlike Map.of). */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A simple image item with one set of {@code boxes} boxes labelled {@code label}. */
    static Item imageItem(String id, String label, int boxes) {
        List<Annotation> annotations = new ArrayList<>();
        for (int i = 0; i < boxes; i++) {
            annotations.add(new Annotation("b" + i, "image.bbox", label, map("occluded", false), 1,
                    map("x", i * 10, "y", 5, "w", 20, "h", 30), Provenance.HUMAN, "alice", T0, T0.plusSeconds(i)));
        }
        return new Item(id, "set-a", List.of(new Asset("media/" + id + ".png", "image", "", map("width", 640))), map(),
                List.of("alice"), List.of(new AnnotationSet("alice", AnnotationState.SUBMITTED, 1, T0, T0.plusSeconds(60), annotations)));
    }

    /** Copies a fixture folder of this test bundle (under {@code fixtures/}) to {@code target}. */
    static void copyFixture(String name, Path target) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(TestProjects.class);
        String root = "/fixtures/" + name + "/";
        Enumeration<URL> urls = bundle.findEntries("fixtures/" + name, "*", true);
        if (urls == null) {
            throw new IOException("no fixture " + name + " in " + bundle.getSymbolicName());
        }
        int copied = 0;
        while (urls.hasMoreElements()) {
            URL u = urls.nextElement();
            String path = u.getPath();
            if (path.endsWith("/")) {
                continue;
            }
            Path out = target.resolve(path.substring(path.indexOf(root) + root.length()));
            Files.createDirectories(out.getParent());
            try (InputStream in = u.openStream()) {
                Files.copy(in, out);
            }
            copied++;
        }
        if (copied == 0) {
            throw new IOException("fixture " + name + " is empty");
        }
    }

    /** Every file under {@code dir} (relative path with '/') and its bytes, optionally leaving out cache/. */
    static Map<String, byte[]> snapshot(Path dir, boolean withCache) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Iterator<Path> it = s.iterator(); it.hasNext();) {
                Path p = it.next();
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && (withCache || !rel.startsWith("cache/"))) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Every file under {@code dir} and its modification time. */
    static Map<String, FileTime> mtimes(Path dir) {
        Map<String, FileTime> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Iterator<Path> it = s.iterator(); it.hasNext();) {
                Path p = it.next();
                if (Files.isRegularFile(p)) {
                    out.put(dir.relativize(p).toString().replace('\\', '/'), Files.getLastModifiedTime(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Asserts two snapshots hold the same files with the same bytes. */
    static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "the set of files changed");
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()), e.getKey() + " changed");
        }
    }

    /** Sets every file's modification time under {@code dir} an hour back, so caches trust them. */
    static void ageFiles(Path dir) throws IOException {
        FileTime past = FileTime.from(Instant.now().minusSeconds(3600));
        try (Stream<Path> s = Files.walk(dir)) {
            for (Iterator<Path> it = s.iterator(); it.hasNext();) {
                Path p = it.next();
                if (Files.isRegularFile(p)) {
                    Files.setLastModifiedTime(p, past);
                }
            }
        }
    }

    /** Asserts two items are equal in every field the model has. */
    static void assertItemEquals(Item expected, Item actual) {
        String where = "item " + expected.id() + ": ";
        assertEquals(expected.id(), actual.id(), where + "id");
        assertEquals(expected.dataset(), actual.dataset(), where + "dataset");
        assertEquals(expected.assets(), actual.assets(), where + "assets");
        assertEquals(expected.metadata(), actual.metadata(), where + "metadata");
        assertEquals(expected.assignees(), actual.assignees(), where + "assignees");
        List<AnnotationSet> es = new ArrayList<>(expected.sets());
        List<AnnotationSet> as = new ArrayList<>(actual.sets());
        assertEquals(es.size(), as.size(), where + "number of sets");
        for (int i = 0; i < es.size(); i++) {
            AnnotationSet e = es.get(i);
            AnnotationSet a = as.get(i);
            String w = where + "set of " + e.annotator() + ": ";
            assertEquals(e.annotator(), a.annotator(), w + "annotator");
            assertEquals(e.state(), a.state(), w + "state");
            assertEquals(e.guidelineVersion(), a.guidelineVersion(), w + "guideline version");
            assertEquals(e.created(), a.created(), w + "created");
            assertEquals(e.modified(), a.modified(), w + "modified");
            assertEquals(e.annotations(), a.annotations(), w + "annotations");
        }
        assertEquals(expected.summary(), actual.summary(), where + "summary");
    }
}
