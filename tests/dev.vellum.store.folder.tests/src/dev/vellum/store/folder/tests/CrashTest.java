package dev.vellum.store.folder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Kills a writing JVM ({@link CrashChild}) with SIGKILL at random moments, hundreds of times, and
 * checks after each kill that the project opens, the manifest is whole, and every item is exactly
 * as one generation wrote it: never a mix of two, never truncated, never older than before.
 */
class CrashTest {
    private static final int TARGET_KILLS = 300;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(80);
    /** Two writers at once, one per core, each on its own project. */
    private static final int WRITERS = 2;

    private final FolderProjectStore store = new FolderProjectStore();

    @TempDir
    Path tmp;

    @Test
    void killingTheWriterAtAnyMomentLeavesEveryItemWholeAndTheManifestReadable() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = childClasspath(tmp.resolve("classpath"));
        Path[] dirs = new Path[WRITERS];
        long[][] seen = new long[WRITERS][CrashChild.ITEMS];
        for (int w = 0; w < WRITERS; w++) {
            dirs[w] = tmp.resolve("project-" + w);
            try (FolderProject p = store.create(dirs[w].toString(), "crash-" + w, "crash test generation 0")) {
                for (int i = 0; i < CrashChild.ITEMS; i++) {
                    p.saveItem(CrashChild.item(i, 0));
                }
            }
        }
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long start = System.nanoTime();
        int kills = 0;
        while (kills < TARGET_KILLS && System.nanoTime() - start < BUDGET_NANOS) {
            Process[] children = new Process[WRITERS];
            for (int w = 0; w < WRITERS; w++) {
                children[w] = new ProcessBuilder(java, "-cp", classpath, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-Xmx64m", CrashChild.class.getName(), dirs[w].toString())
                        .redirectError(tmp.resolve("child-" + w + ".err").toFile()).start();
            }
            for (int w = 0; w < WRITERS; w++) {
                awaitReady(children[w], w, tmp.resolve("child-" + w + ".err"), kills);
                // Kill at a random moment of the save loop: a generation takes a few milliseconds,
                // so this lands in every phase (writing a temp file, flushing, renaming, the manifest, the cache).
                Thread.sleep(random.nextInt(40));
                if (!children[w].isAlive()) {
                    fail("writer " + w + " stopped by itself (exit " + children[w].exitValue() + "): "
                            + Files.readString(tmp.resolve("child-" + w + ".err")));
                }
                children[w].destroyForcibly();
            }
            for (int w = 0; w < WRITERS; w++) {
                children[w].waitFor();
                kills++;
                verify(dirs[w], seen[w], seed, kills);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long generations = 0;
        for (long[] s : seen) {
            generations += s[0];
        }
        System.out.printf("crash test: %d kills in %.1f s, %d generations written, seed %d%n", kills, seconds, generations, seed);
        assertTrue(kills >= 100, "only " + kills + " kills in the time budget");
        assertTrue(generations > kills, "the writers did too little work between kills: " + generations + " generations");
    }

    private static void awaitReady(Process child, int w, Path err, int kills) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready")) {
            child.destroyForcibly().waitFor();
            fail("writer " + w + " did not start after " + kills + " kills: " + line + "; its errors: " + Files.readString(err));
        }
    }

    private void verify(Path dir, long[] seen, long seed, int kill) throws Exception {
        String where = "after kill " + kill + " (seed " + seed + ") in " + dir + ": ";
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals(List.of(), p.problems(), where + "unreadable items");
            assertTrue(p.project().name().startsWith("crash test generation "), where + "manifest name " + p.project().name());
            assertEquals(CrashChild.ITEMS, p.project().itemCount(), where + "items");
            // The summaries as opening made them (from the cache where it was trusted), before any
            // loadItem refreshes them: they must describe the files as they are after the crash.
            Map<String, ItemSummary> opened = new HashMap<>();
            p.project().items().forEach(s -> opened.put(s.id(), s));
            for (int i = 0; i < CrashChild.ITEMS; i++) {
                Item item = p.loadItem(CrashChild.id(i));
                assertNull(CrashChild.inconsistency(i, item), where);
                long gen = CrashChild.generationOf(item);
                assertTrue(gen >= seen[i], where + item.id() + " went back from generation " + seen[i] + " to " + gen);
                seen[i] = gen;
                assertEquals(item.summary(), opened.get(item.id()), where + "summary of " + item.id() + " as opened");
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> temps = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertEquals(List.of(), temps, where + "temporary files survive opening");
        }
    }

    /**
     * The class path of a plain JVM that runs {@link CrashChild}: copies of the bundles' classes and
     * Jackson's jars, so that a build rewriting target/ meanwhile cannot pull them from under it.
     */
    private static String childClasspath(Path copies) throws Exception {
        ClassLoader host = FolderProjectStore.class.getClassLoader();
        Class<?> databind = host.loadClass("com.fasterxml.jackson.databind.ObjectMapper");
        List<Class<?>> classes = List.of(CrashChild.class, FolderProjectStore.class, Item.class,
                host.loadClass("com.fasterxml.jackson.core.JsonFactory"), databind,
                databind.getClassLoader().loadClass("com.fasterxml.jackson.annotation.JsonProperty"));
        Set<Path> sources = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            sources.add(locate(c));
        }
        List<String> entries = new ArrayList<>();
        for (Path source : sources) {
            Path copy = copies.resolve(entries.size() + "-" + source.getFileName());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.toList()) {
                    Path target = copy.resolve(source.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(f, target);
                    }
                }
            }
            entries.add(copy.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /**
     * The folder or jar a class was loaded from: its code source, else its bundle's location (a jar,
     * or a project folder whose classes are in target/classes or bin).
     */
    private static Path locate(Class<?> c) throws IOException {
        List<Path> candidates = new ArrayList<>();
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs != null && cs.getLocation() != null) {
            addPath(candidates, cs.getLocation().toString());
        }
        Bundle b = FrameworkUtil.getBundle(c);
        if (b != null) {
            int n = candidates.size();
            addPath(candidates, b.getLocation());
            for (Path base : new ArrayList<>(candidates.subList(n, candidates.size()))) {
                candidates.add(base.resolve("target/classes"));
                candidates.add(base.resolve("bin"));
            }
        }
        for (Path p : candidates) {
            if (holds(p, c)) {
                return p;
            }
        }
        throw new IOException("cannot find where " + c.getName() + " was loaded from (code source " + (cs == null ? null : cs.getLocation())
                + ", bundle " + (b == null ? null : b.getLocation()) + "); tried " + candidates);
    }

    /** Adds the path of a {@code file:} URL or an OSGi location such as {@code reference:file:/x.jar}. */
    private static void addPath(List<Path> out, String location) {
        int i = location.indexOf("file:");
        if (i < 0) {
            return;
        }
        String s = location.substring(i);
        try {
            out.add(Path.of(java.net.URI.create(s.replace(" ", "%20"))));
            return;
        } catch (IllegalArgumentException e) {
            // not hierarchical (file:relative/path) or not a valid URI: read it as a plain path
        }
        String path = s.substring("file:".length());
        if (path.endsWith("!/")) {
            path = path.substring(0, path.length() - 2);
        }
        out.add(Path.of(System.getProperty("user.dir")).resolve(path).normalize());
    }

    private static boolean holds(Path p, Class<?> c) throws IOException {
        String entry = c.getName().replace('.', '/') + ".class";
        if (Files.isDirectory(p)) {
            return Files.isRegularFile(p.resolve(entry));
        }
        if (Files.isRegularFile(p)) {
            try (ZipFile zip = new ZipFile(p.toFile())) {
                return zip.getEntry(entry) != null;
            }
        }
        return false;
    }
}
