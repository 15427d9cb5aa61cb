package dev.vellum.store.folder.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.ItemSummary.SetSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The disposable summary cache ({@code cache/summaries.json}): for every item file, its size and
 * modification time when it was last read, and the {@link ItemSummary} (or the problem) found in it.
 * Opening a project reuses the entries of unchanged files instead of parsing them. Deleting the
 * cache only costs one slow open; a corrupt or foreign cache is ignored and rebuilt.
 */
public final class SummaryCache {
    /** The cache's file name inside {@code cache/}. */
    public static final String FILE_NAME = "summaries.json";
    private static final String FORMAT = "vellum-summary-cache";
    /** Bumped whenever what is cached, or how summaries are computed, changes. */
    private static final int CACHE_VERSION = 1;
    private static final String JSON = ".json";

    /**
     * What the cache knows of one item file.
     *
     * @param size    the file's size in bytes when it was read
     * @param mtime   its modification time then, in nanoseconds since the epoch
     * @param summary the summary, or null when the file has a problem
     * @param problem why the file cannot be read (without the file name), or null
     */
    public record Entry(long size, long mtime, ItemSummary summary, String problem) {
    }

    /**
     * A read cache.
     *
     * @param checked when the files were last checked against the entries (nanoseconds since the
     *                epoch); entries of files modified shortly before it are not trusted, because a
     *                later change in the same clock tick would leave size and time unchanged
     * @param entries by item file name
     */
    public record Contents(long checked, Map<String, Entry> entries) {
        /** No cache. */
        public static final Contents EMPTY = new Contents(0, Map.of());
    }

    private SummaryCache() {
    }

    /** Now, in the unit of {@link Contents#checked()}: nanoseconds since the epoch. */
    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * Reads the cache; {@link Contents#EMPTY} when it is missing, corrupt, or of another version.
     * Entries come in the order they were written: sorted by file name.
     */
    public static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return Contents.EMPTY;
        }
        try (JsonParser p = JsonValues.CACHE.createParser(bytes)) {
            return new Reader(p).read();
        } catch (IOException | RuntimeException e) {
            // Disposable: whatever is wrong with it, the files themselves are the truth.
            return Contents.EMPTY;
        }
    }

    /**
     * Streaming reader of the compact layout: tables of the strings, label sets and set summaries
     * that repeat across items, then one small array per item file that refers to them. Shared
     * tables make the cache small and fast to read, and let items share summary objects in memory.
     */
    private static final class Reader {
        private final JsonParser p;
        private final List<String> strings = new ArrayList<>();
        private final List<Set<String>> labelSets = new ArrayList<>();
        private final List<SetSummary> sets = new ArrayList<>();

        Reader(JsonParser p) {
            this.p = p;
        }

        Contents read() throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            boolean ours = false;
            int version = -1;
            int itemFormat = -1;
            long checked = 0;
            Map<String, Entry> entries = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                switch (f) {
                    case "format" -> ours = FORMAT.equals(p.getText());
                    case "cacheVersion" -> version = p.getIntValue();
                    case "itemFormat" -> itemFormat = p.getIntValue();
                    case "checked" -> checked = p.getLongValue();
                    case "count" -> entries = new LinkedHashMap<>(Math.max(16, p.getIntValue() * 4 / 3 + 1));
                    case "strings", "labelSets", "sets", "entries", "problems" -> {
                        if (!ours || version != CACHE_VERSION || itemFormat != Migrations.CURRENT) {
                            return Contents.EMPTY;
                        }
                        expect(t, JsonToken.START_ARRAY);
                        if (entries == null) {
                            entries = new LinkedHashMap<>();
                        }
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            switch (f) {
                                case "strings" -> strings.add(text());
                                case "labelSets" -> labelSets.add(labelSet());
                                case "sets" -> sets.add(set());
                                case "entries" -> entry(entries);
                                default -> problem(entries);
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (entries == null || p.nextToken() != null) {
                return Contents.EMPTY;
            }
            return new Contents(checked, entries);
        }

        private Set<String> labelSet() throws IOException {
            expect(p.currentToken(), JsonToken.START_ARRAY);
            List<String> labels = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                labels.add(strings.get(p.getIntValue()));
            }
            return Set.copyOf(labels);
        }

        /** {@code [annotator, "state", count, guidelineVersion, labelSet]} */
        private SetSummary set() throws IOException {
            expect(p.currentToken(), JsonToken.START_ARRAY);
            String annotator = strings.get(nextInt());
            AnnotationState state = AnnotationState.fromId(nextText());
            int count = nextInt();
            int guidelineVersion = nextInt();
            Set<String> labels = labelSets.get(nextInt());
            expect(p.nextToken(), JsonToken.END_ARRAY);
            return new SetSummary(annotator, state, count, labels, guidelineVersion);
        }

        /** {@code ["item id", size, mtime, dataset, modality, [set, ...]]} */
        private void entry(Map<String, Entry> entries) throws IOException {
            expect(p.currentToken(), JsonToken.START_ARRAY);
            String id = nextText();
            long size = nextLong();
            long mtime = nextLong();
            String dataset = strings.get(nextInt());
            String modality = strings.get(nextInt());
            expect(p.nextToken(), JsonToken.START_ARRAY);
            List<SetSummary> itemSets;
            if (p.nextToken() == JsonToken.END_ARRAY) {
                itemSets = List.of();
            } else {
                SetSummary first = sets.get(p.getIntValue());
                if (p.nextToken() == JsonToken.END_ARRAY) {
                    itemSets = List.of(first);
                } else {
                    List<SetSummary> more = new ArrayList<>();
                    more.add(first);
                    do {
                        more.add(sets.get(p.getIntValue()));
                    } while (p.nextToken() != JsonToken.END_ARRAY);
                    itemSets = List.copyOf(more);
                }
            }
            expect(p.nextToken(), JsonToken.END_ARRAY);
            // No full id check here (a regex per entry is a tenth of the read): the cache only
            // holds ids that were valid when written, and loading an item checks its id again.
            if (id.isEmpty()) {
                throw new IOException("empty id in cache entry");
            }
            entries.put(id + JSON, new Entry(size, mtime, new ItemSummary(id, dataset, modality, itemSets), null));
        }

        /** {@code ["file name", size, mtime, "problem"]} */
        private void problem(Map<String, Entry> entries) throws IOException {
            expect(p.currentToken(), JsonToken.START_ARRAY);
            String file = nextText();
            long size = nextLong();
            long mtime = nextLong();
            String problem = nextText();
            expect(p.nextToken(), JsonToken.END_ARRAY);
            entries.put(file, new Entry(size, mtime, null, problem));
        }

        private String text() throws IOException {
            expect(p.currentToken(), JsonToken.VALUE_STRING);
            return p.getText();
        }

        private String nextText() throws IOException {
            p.nextToken();
            return text();
        }

        private int nextInt() throws IOException {
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
            return p.getIntValue();
        }

        private long nextLong() throws IOException {
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
            return p.getLongValue();
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }

    /**
     * Writes the cache atomically, creating {@code cache/} (with a {@code .gitignore}, since the
     * cache does not belong in version control) when needed. Entries are written sorted by file
     * name, which is the order a project lists its items in.
     *
     * @param checked see {@link Contents#checked()}
     * @throws IOException when it cannot be written (e.g. a read-only folder); callers carry on
     */
    public static void write(Path file, long checked, Map<String, Entry> entries) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve(".gitignore"), "# Vellum's disposable cache: safe to delete, not to commit\n*\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        List<String> names = new ArrayList<>(entries.keySet());
        Collections.sort(names);
        Table<String> strings = new Table<>();
        Table<List<String>> labelSets = new Table<>();
        Table<SetSummary> sets = new Table<>();
        for (String name : names) {
            ItemSummary s = entries.get(name).summary();
            if (s != null) {
                strings.indexOf(s.dataset());
                strings.indexOf(s.modalityId());
                for (SetSummary set : s.sets()) {
                    strings.indexOf(set.annotator());
                    List<String> labels = new ArrayList<>(set.labels());
                    Collections.sort(labels);
                    labels.forEach(strings::indexOf);
                    labelSets.indexOf(labels);
                    sets.indexOf(set);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, entries.size() * 64));
        try (JsonGenerator g = JsonValues.CACHE.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("cacheVersion", CACHE_VERSION);
            g.writeNumberField("itemFormat", Migrations.CURRENT);
            g.writeNumberField("checked", checked);
            g.writeNumberField("count", entries.size());
            g.writeArrayFieldStart("strings");
            for (String str : strings.values) {
                g.writeString(str);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("labelSets");
            for (List<String> labels : labelSets.values) {
                g.writeStartArray();
                for (String l : labels) {
                    g.writeNumber(strings.indexOf(l));
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("sets");
            for (SetSummary set : sets.values) {
                List<String> labels = new ArrayList<>(set.labels());
                Collections.sort(labels);
                g.writeStartArray();
                g.writeNumber(strings.indexOf(set.annotator()));
                g.writeString(set.state().id());
                g.writeNumber(set.annotationCount());
                g.writeNumber(set.guidelineVersion());
                g.writeNumber(labelSets.indexOf(labels));
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("entries");
            for (String name : names) {
                Entry e = entries.get(name);
                ItemSummary s = e.summary();
                if (s != null) {
                    g.writeStartArray();
                    g.writeString(s.id());
                    g.writeNumber(e.size());
                    g.writeNumber(e.mtime());
                    g.writeNumber(strings.indexOf(s.dataset()));
                    g.writeNumber(strings.indexOf(s.modalityId()));
                    g.writeStartArray();
                    for (SetSummary set : s.sets()) {
                        g.writeNumber(sets.indexOf(set));
                    }
                    g.writeEndArray();
                    g.writeEndArray();
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("problems");
            for (String name : names) {
                Entry e = entries.get(name);
                if (e.summary() == null) {
                    g.writeStartArray();
                    g.writeString(name);
                    g.writeNumber(e.size());
                    g.writeNumber(e.mtime());
                    g.writeString(e.problem());
                    g.writeEndArray();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        AtomicFiles.write(file, out.toByteArray());
    }

    /** Distinct values in first-seen order, each with its index. */
    private static final class Table<T> {
        final List<T> values = new ArrayList<>();
        private final Map<T, Integer> index = new HashMap<>();

        int indexOf(T value) {
            Integer i = index.get(value);
            if (i == null) {
                i = values.size();
                values.add(value);
                index.put(value, i);
            }
            return i;
        }
    }
}
