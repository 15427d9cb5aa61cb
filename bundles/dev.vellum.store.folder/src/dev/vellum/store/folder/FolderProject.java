package dev.vellum.store.folder;

import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Ids;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.Project;
import dev.vellum.core.model.WorkflowSettings;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.internal.AtomicFiles;
import dev.vellum.store.folder.internal.FolderAuditLog;
import dev.vellum.store.folder.internal.FolderDocuments;
import dev.vellum.store.folder.internal.FormatProblem;
import dev.vellum.store.folder.internal.ItemCodec;
import dev.vellum.store.folder.internal.ItemExtras;
import dev.vellum.store.folder.internal.JsonValues;
import dev.vellum.store.folder.internal.ManifestCodec;
import dev.vellum.store.folder.internal.Migrations;
import dev.vellum.store.folder.internal.SummaryCache;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A project stored as a folder of JSON files (see {@code docs/project-format.md}): the manifest
 * {@code vellum.json}, one file per item in {@code items/}, and a disposable summary cache in
 * {@code cache/}.
 *
 * <p>Every write replaces one file atomically and durably. {@link #saveItem} writes that item's file
 * and nothing else, so its cost does not grow with the project. Opening reads the manifest and takes
 * item summaries from the cache for every item file whose size and modification time are unchanged,
 * parsing only new or changed files.
 *
 * <p>A bad manifest (missing, not JSON, not a Vellum project, a newer format) makes opening fail. A
 * bad item file does not: the project opens without that item, {@link #problems()} names the file
 * and the problem, and {@link #loadItem} of that item throws the same message.
 *
 * <p>Not thread-safe beyond what {@link StoredProject} promises; methods are synchronized so that a
 * UI thread and a background job cannot interleave writes.
 */
public final class FolderProject implements StoredProject {
    /** The manifest's file name. */
    public static final String MANIFEST = "vellum.json";
    /** The folder of item files. */
    public static final String ITEMS = "items";
    /** The folder of the disposable cache. */
    public static final String CACHE = "cache";

    private static final String JSON = ".json";
    /**
     * How long before the cache was checked a file's modification must be for its entry to be
     * trusted, on file systems with whole-second timestamps (2 s on FAT, 1 s on ext3 and HFS+).
     */
    private static final long RACY_NANOS_COARSE = TimeUnit.SECONDS.toNanos(2);
    /** The same on file systems with finer timestamps, which still advance only with the kernel's clock tick. */
    private static final long RACY_NANOS_FINE = TimeUnit.MILLISECONDS.toNanos(100);
    private static final System.Logger LOG = System.getLogger(FolderProject.class.getName());

    private final String location;
    private final Path dir;
    private final Path itemsDir;
    private final Path manifestFile;
    private final Path cacheFile;
    private final Project project;
    private final Map<String, Object> manifestExtras;
    private int manifestVersion;
    /**
     * Each item file as this project last read or wrote it (size, modification time, summary), by
     * file name: what the cache will record, and what a save checks the file against. A save refuses
     * to overwrite a file that differs (another program changed it) or that it never read
     * successfully (no summary: it could not be parsed), so nothing on disk is lost behind anyone's back.
     */
    private final Map<String, SummaryCache.Entry> entries = new HashMap<>();
    /** Unreadable item files: file name to the message. */
    private final Map<String, String> problems = new TreeMap<>();
    /** Unknown fields of loaded items, by item id; only items that have some. */
    private final Map<String, ItemExtras> extras = new HashMap<>();
    private boolean cacheDirty;
    private boolean closed;
    private final FolderDocuments documents;
    private final FolderAuditLog audit;

    private FolderProject(String location, Path dir, ManifestCodec.Decoded manifest) {
        this.location = location;
        this.dir = dir;
        this.itemsDir = dir.resolve(ITEMS);
        this.manifestFile = dir.resolve(MANIFEST);
        this.cacheFile = dir.resolve(CACHE).resolve(SummaryCache.FILE_NAME);
        this.project = manifest.project();
        this.manifestExtras = manifest.extras();
        this.manifestVersion = manifest.fileVersion();
        this.documents = new FolderDocuments(dir, Set.of(ITEMS, CACHE, FolderAuditLog.FOLDER));
        this.audit = new FolderAuditLog(dir);
    }

    /** Opens the project in {@code dir}; see {@link FolderProjectStore#open(String)}. */
    static FolderProject open(Path dir, String location) throws StoreException {
        if (!Files.isDirectory(dir)) {
            throw new StoreException(dir.toString(), Files.exists(dir) ? "is not a folder" : "no such folder");
        }
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.exists(manifest)) {
            throw new StoreException(manifest.toString(), "missing: " + dir + " is not a Vellum project folder");
        }
        byte[] bytes = read(manifest);
        ManifestCodec.Decoded decoded = decoding(manifest, () -> ManifestCodec.decode(bytes));
        FolderProject fp = new FolderProject(location, dir, decoded);
        fp.loadSummaries();
        return fp;
    }

    /** Creates a project in {@code dir}; see {@link FolderProjectStore#create}. */
    static FolderProject create(Path dir, String location, String projectId, String name) throws StoreException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new StoreException(dir.toString(), "exists and is not a folder; a new project needs an empty or absent folder");
            }
            List<String> names = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.limit(3).forEach(p -> names.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw new StoreException(dir.toString(), "cannot be listed: " + JsonValues.oneLine(e.toString()), e);
            }
            if (!names.isEmpty()) {
                throw new StoreException(dir.toString(), "is not empty (it holds " + String.join(", ", names)
                        + (names.size() == 3 ? ", ..." : "") + "); a new project needs an empty or absent folder");
            }
        }
        if (!Ids.isValid(projectId)) {
            throw new StoreException(dir.toString(), "project id '" + projectId
                    + "' is not valid: use letters, digits, '.', '_' or '-' (at most 128)");
        }
        Project p = new Project(projectId, name == null || name.isBlank() ? projectId : name, Instant.now(), List.of(),
                WorkflowSettings.DEFAULT, 0, Map.of());
        Path manifest = dir.resolve(MANIFEST);
        try {
            Files.createDirectories(dir);
            // Manifest first: a crash before items/ exists still leaves an openable (empty) project.
            AtomicFiles.write(manifest, ManifestCodec.encode(p, Map.of()));
            Files.createDirectories(dir.resolve(ITEMS));
            AtomicFiles.syncDirectory(dir);
        } catch (IOException e) {
            throw new StoreException(manifest.toString(), "cannot be created: " + JsonValues.oneLine(e.toString()), e);
        }
        return new FolderProject(location, dir, new ManifestCodec.Decoded(p, Map.of(), Migrations.CURRENT));
    }

    /** The item file of a listed folder entry: its name and what the file system says of it. */
    private record Listed(String name, long size, long mtime) {
    }

    private void loadSummaries() {
        long checked = SummaryCache.nowNanos();
        AtomicFiles.removeLeftovers(dir);
        AtomicFiles.removeLeftovers(cacheFile.getParent());
        // Reading the cache and listing items/ (a stat per file) take about as long as each other
        // and use different resources: do them at once.
        FutureTask<SummaryCache.Contents> cacheRead = new FutureTask<>(() -> SummaryCache.read(cacheFile));
        Thread reader = new Thread(cacheRead, "vellum summary cache reader");
        reader.setDaemon(true);
        reader.start();
        List<Listed> files = listItemFiles();
        SummaryCache.Contents cache = awaitCache(cacheRead);

        List<Listed> toParse = new ArrayList<>();
        for (Listed f : files) {
            SummaryCache.Entry e = cache.entries().get(f.name());
            if (e != null && e.size() == f.size() && e.mtime() == f.mtime() && !racy(f.mtime(), cache.checked())) {
                entries.put(f.name(), e);
            } else {
                toParse.add(f);
            }
        }
        boolean stale = !toParse.isEmpty() || entries.size() != cache.entries().size();
        if (!toParse.isEmpty()) {
            Set<String> names = new HashSet<>();
            for (Listed f : files) {
                names.add(f.name());
            }
            // Parsing is the slow part of a first open; item files are independent, so use every core.
            Stream<Listed> s = toParse.size() > 64 ? toParse.parallelStream() : toParse.stream();
            List<SummaryCache.Entry> parsed = s.map(f -> summarize(f, names)).toList();
            for (int i = 0; i < toParse.size(); i++) {
                entries.put(toParse.get(i).name(), parsed.get(i));
            }
        }
        for (String name : itemOrder(cache)) {
            project.putSummary(entries.get(name).summary());
        }
        entries.forEach((name, e) -> {
            if (e.summary() == null) {
                problems.put(name, new StoreException(itemsDir.resolve(name).toString(), e.problem()).getMessage());
            }
        });
        if (stale) {
            writeCache(checked);
        }
    }

    /**
     * Whether a file modified at {@code mtime} could have changed again, within the same timestamp,
     * after the cache was checked at {@code checked}: then its size and time prove nothing.
     */
    private static boolean racy(long mtime, long checked) {
        long margin = mtime % 1_000_000_000L == 0 ? RACY_NANOS_COARSE : RACY_NANOS_FINE;
        return mtime >= checked - margin;
    }

    private static SummaryCache.Contents awaitCache(FutureTask<SummaryCache.Contents> cacheRead) {
        try {
            return cacheRead.get();
        } catch (ExecutionException e) {
            return SummaryCache.Contents.EMPTY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SummaryCache.Contents.EMPTY;
        }
    }

    /**
     * The readable item files in the order of their names. The cache lists its entries in that
     * order, so when no file is new the order is taken from it instead of sorting 100,000 names again.
     */
    private List<String> itemOrder(SummaryCache.Contents cache) {
        int readable = 0;
        for (SummaryCache.Entry e : entries.values()) {
            if (e.summary() != null) {
                readable++;
            }
        }
        List<String> order = new ArrayList<>(readable);
        String previous = null;
        boolean sorted = true;
        for (String name : cache.entries().keySet()) {
            SummaryCache.Entry e = entries.get(name);
            if (e != null && e.summary() != null) {
                sorted &= previous == null || previous.compareTo(name) < 0;
                previous = name;
                order.add(name);
            }
        }
        if (order.size() != readable || !sorted) {
            order.clear();
            entries.forEach((name, e) -> {
                if (e.summary() != null) {
                    order.add(name);
                }
            });
            Collections.sort(order);
        }
        return order;
    }

    private List<Listed> listItemFiles() {
        List<Listed> out = new ArrayList<>();
        if (!Files.isDirectory(itemsDir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(itemsDir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.endsWith(JSON)) {
                    try {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                        if (a.isRegularFile()) {
                            out.add(new Listed(name, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
                        }
                    } catch (IOException e) {
                        // deleted while listing: it is simply not there
                    }
                } else if (AtomicFiles.isTemp(name)) {
                    // a crash interrupted a save; the real file is whole (old or new)
                    AtomicFiles.deleteQuietly(p);
                }
            }
        } catch (IOException e) {
            problems.put(ITEMS, new StoreException(itemsDir.toString(), "cannot be listed: " + JsonValues.oneLine(e.toString()))
                    .getMessage());
        }
        return out;
    }

    /** Reads one item file for its summary; never throws: a bad file becomes an entry with a problem. */
    private SummaryCache.Entry summarize(Listed f, Set<String> listedNames) {
        String id = f.name().substring(0, f.name().length() - JSON.length());
        if (!Ids.isValid(id)) {
            return new SummaryCache.Entry(f.size(), f.mtime(), null, "the file name is not an item id followed by .json ('" + id
                    + "' is not valid: use letters, digits, '.', '_' or '-', at most 128)");
        }
        Path file = itemsDir.resolve(f.name());
        try {
            byte[] bytes = read(file);
            Item item = decoding(file, () -> ItemCodec.decodeForSummary(bytes));
            checkId(file, id, item.id(), listedNames);
            return new SummaryCache.Entry(f.size(), f.mtime(), item.summary(), null);
        } catch (StoreException e) {
            // The cache keeps the problem without the file's path, so that it survives moving the folder.
            String prefix = e.location() + ": ";
            String msg = e.getMessage();
            return new SummaryCache.Entry(f.size(), f.mtime(), null, msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg);
        } catch (RuntimeException e) {
            return new SummaryCache.Entry(f.size(), f.mtime(), null, "cannot be read: " + JsonValues.oneLine(e.toString()));
        }
    }

    private void checkId(Path file, String fileId, String innerId, Set<String> listedNames) throws StoreException {
        if (!fileId.equals(innerId)) {
            String other = innerId + JSON;
            throw new StoreException(file.toString(), "its id '" + innerId + "' does not match its file name (the file of item '"
                    + innerId + "' must be " + other + (listedNames.contains(other) ? ", which exists: two files claim that id" : "")
                    + ")");
        }
    }

    /** The file's attributes, or null when it does not exist (or cannot be examined). */
    private static BasicFileAttributes stat(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static SummaryCache.Entry entry(BasicFileAttributes a, ItemSummary summary) {
        return new SummaryCache.Entry(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), summary, null);
    }

    private static byte[] read(Path file) throws StoreException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException(file.toString(), JsonValues.describe(e), e);
        }
    }

    /** What a codec reads from a file's bytes. */
    @FunctionalInterface
    private interface Decoding<T> {
        T run() throws IOException;
    }

    /** Runs a codec, turning bad JSON and bad content into one line naming {@code file}. */
    private static <T> T decoding(Path file, Decoding<T> codec) throws StoreException {
        try {
            return codec.run();
        } catch (IOException e) {
            throw new StoreException(file.toString(), JsonValues.describe(e), e);
        } catch (FormatProblem e) {
            throw new StoreException(file.toString(), e.getMessage());
        }
    }

    private void writeCache(long checked) {
        try {
            SummaryCache.write(cacheFile, checked, entries);
            cacheDirty = false;
        } catch (IOException | RuntimeException e) {
            // The cache only saves time; a read-only project folder must still open.
            LOG.log(System.Logger.Level.DEBUG, "summary cache not written: {0}: {1}", cacheFile, e);
        }
    }


    @Override
    public String location() {
        return location;
    }

    /** The project folder. */
    public Path folder() {
        return dir;
    }

    /**
     * The format version the manifest on disk is written in: older than {@link #currentFormatVersion()}
     * until {@link #saveProject()} writes it anew.
     */
    public synchronized int manifestFormatVersion() {
        return manifestVersion;
    }

    /** The format version this store writes. */
    public static int currentFormatVersion() {
        return Migrations.CURRENT;
    }

    @Override
    public Project project() {
        return project;
    }

    /**
     * Item files that could not be read when the project was opened (or since), one line each
     * naming the file and the problem, sorted by file name. Those items are not in
     * {@link Project#items()}; {@link #loadItem} of one throws the same message.
     */
    public synchronized List<String> problems() {
        return List.copyOf(problems.values());
    }

    @Override
    public synchronized Item loadItem(String itemId) throws StoreException {
        checkOpen();
        Loaded l = readItemFile(itemId);
        recordLoaded(itemId, l);
        return l.decoded().item();
    }

    /**
     * Reads and decodes the items on every core, then records what was read (summaries, unknown
     * fields, the files' sizes and times) in list order on this thread, exactly as {@link #loadItem}
     * of each would.
     */
    @Override
    public synchronized List<Item> loadItems(List<String> itemIds) throws StoreException {
        checkOpen();
        int n = itemIds.size();
        Loaded[] loaded = new Loaded[n];
        StoreException[] failed = new StoreException[n];
        // The workers only read files; this thread holds the lock and updates the maps afterwards.
        (n > 1 ? IntStream.range(0, n).parallel() : IntStream.range(0, n)).forEach(i -> {
            try {
                loaded[i] = readItemFile(itemIds.get(i));
            } catch (StoreException e) {
                failed[i] = e;
            } catch (RuntimeException e) {
                failed[i] = new StoreException(itemsDir.resolve(itemIds.get(i) + JSON).toString(), "cannot be read: "
                        + JsonValues.oneLine(e.toString()), e);
            }
        });
        List<Item> out = new ArrayList<>(n);
        StoreException first = null;
        for (int i = 0; i < n; i++) {
            if (failed[i] != null) {
                if (first == null) {
                    first = failed[i];
                } else {
                    first.addSuppressed(failed[i]);
                }
                continue;
            }
            recordLoaded(itemIds.get(i), loaded[i]);
            out.add(loaded[i].decoded().item());
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    /** An item file as read: its attributes before reading (null when they could not be read) and its content. */
    private record Loaded(BasicFileAttributes stamp, ItemCodec.Decoded decoded) {
    }

    /** Reads and checks one item file; changes nothing in this object, so batches call it from several threads. */
    private Loaded readItemFile(String itemId) throws StoreException {
        Path file = itemFile(itemId);
        // Stat before reading: if the file changes in between, the recorded time is the older one
        // and the next save refuses to overwrite, which is the safe side.
        BasicFileAttributes stamp = stat(file);
        byte[] bytes = read(file);
        ItemCodec.Decoded d = decoding(file, () -> ItemCodec.decode(bytes));
        Set<String> names = Files.exists(itemsDir.resolve(d.item().id() + JSON)) ? Set.of(d.item().id() + JSON) : Set.of();
        checkId(file, itemId, d.item().id(), names);
        return new Loaded(stamp, d);
    }

    /** After an item was read: its unknown fields, its summary, and what the next save checks its file against. */
    private void recordLoaded(String itemId, Loaded l) {
        ItemCodec.Decoded d = l.decoded();
        if (d.extras().isEmpty()) {
            extras.remove(itemId);
        } else {
            extras.put(itemId, d.extras());
        }
        problems.remove(itemId + JSON);
        ItemSummary summary = d.item().summary();
        if (!summary.equals(project.item(itemId).orElse(null))) {
            // the file changed since the project was opened (or was bad then and is fixed now)
            project.putSummary(summary);
        }
        if (l.stamp() != null) {
            SummaryCache.Entry read = entry(l.stamp(), summary);
            if (!read.equals(entries.get(itemId + JSON))) {
                entries.put(itemId + JSON, read);
                cacheDirty = true;
            }
        }
    }

    @Override
    public synchronized void saveItem(Item item) throws StoreException {
        checkOpen();
        recordSaved(item, write(item, false));
    }

    /**
     * Saves the items in parallel on every core: each is encoded, checked and written to its
     * temporary file, flushed and renamed on its own (so each is atomic, and one that fails leaves
     * the others saved), then {@code items/} is flushed once for the whole batch, and the summaries
     * are updated in list order. Other threads wait, as for any save.
     */
    @Override
    public synchronized void saveItems(List<Item> items) throws StoreException {
        checkOpen();
        int n = items.size();
        Written[] written = new Written[n];
        StoreException[] failed = new StoreException[n];
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (!ids.add(items.get(i).id())) {
                failed[i] = new StoreException(itemsDir.resolve(items.get(i).id() + JSON).toString(),
                        "not saved: the item appears twice in one batch");
            }
        }
        // The workers only read this project's maps (entries, problems, extras); this thread holds
        // the lock and writes them after the workers are done.
        IntStream.range(0, n).parallel().forEach(i -> {
            if (failed[i] == null) {
                try {
                    written[i] = write(items.get(i), true);
                } catch (StoreException e) {
                    failed[i] = e;
                } catch (RuntimeException e) {
                    failed[i] = new StoreException(itemsDir.resolve(items.get(i).id() + JSON).toString(), "not saved: "
                            + JsonValues.oneLine(e.toString()), e);
                }
            }
        });
        boolean anyWritten = false;
        for (int i = 0; i < n; i++) {
            if (failed[i] == null) {
                anyWritten = true;
                recordSaved(items.get(i), written[i]);
            }
        }
        if (anyWritten) {
            try {
                AtomicFiles.syncDirectory(itemsDir);
            } catch (IOException e) {
                // as in AtomicFiles.write: the files are in place; some file systems cannot flush a folder
                LOG.log(System.Logger.Level.WARNING, "saved " + n + " items, but " + itemsDir + " could not be flushed: " + e);
            }
        }
        StoreException first = null;
        for (StoreException e : failed) {
            if (e != null) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Encodes and writes one item's file after checking that it may be overwritten; changes nothing
     * in this object, so batches call it from several threads.
     *
     * @return the item's summary, and the written file's attributes (null when they could not be read)
     */
    private Written write(Item item, boolean leaveFolderUnsynced) throws StoreException {
        String name = item.id() + JSON;
        Path file = itemsDir.resolve(name);
        byte[] bytes;
        try {
            bytes = ItemCodec.encode(item, extras.get(item.id()));
        } catch (FormatProblem e) {
            throw new StoreException(file.toString(), "not saved: " + e.getMessage());
        } catch (IOException e) {
            throw new StoreException(file.toString(), "not saved: " + JsonValues.oneLine(e.toString()), e);
        }
        BasicFileAttributes onDisk = stat(file);
        SummaryCache.Entry known = entries.get(name);
        if (onDisk != null && (known == null || known.summary() == null || known.size() != onDisk.size()
                || known.mtime() != onDisk.lastModifiedTime().to(TimeUnit.NANOSECONDS))) {
            String why = problems.containsKey(name)
                    ? "cannot be read (" + problems.get(name).substring(problems.get(name).indexOf(": ") + 2)
                            + "); not overwritten: fix or delete the file first"
                    : known == null ? "exists on disk but was never read by this project; not overwritten"
                            : "changed on disk since this project read it (another program?); not overwritten: reopen the project";
            throw new StoreException(file.toString(), why);
        }
        try {
            try {
                writeFile(file, bytes, leaveFolderUnsynced);
            } catch (NoSuchFileException e) {
                // items/ was removed behind our back (or never made): make it and try once more
                Files.createDirectories(itemsDir);
                writeFile(file, bytes, leaveFolderUnsynced);
            }
        } catch (IOException e) {
            throw new StoreException(file.toString(), "not saved, the previous version is kept: " + JsonValues.oneLine(e.toString()), e);
        }
        return new Written(item.summary(), stat(file));
    }

    /** An item file just written: the item's summary and the file's attributes (null when unreadable). */
    private record Written(ItemSummary summary, BasicFileAttributes attributes) {
    }

    private static void writeFile(Path file, byte[] bytes, boolean leaveFolderUnsynced) throws IOException {
        if (leaveFolderUnsynced) {
            AtomicFiles.writeUnsynced(file, bytes);
        } else {
            AtomicFiles.write(file, bytes);
        }
    }

    /** After an item's file was written: its summary, and what the next save checks the file against. */
    private void recordSaved(Item item, Written written) {
        String name = item.id() + JSON;
        ItemSummary summary = written.summary();
        project.putSummary(summary);
        problems.remove(name);
        if (written.attributes() != null) {
            entries.put(name, entry(written.attributes(), summary));
        } else {
            // the next open parses the file again; the next save of it is refused until it is read again
            entries.remove(name);
        }
        cacheDirty = true;
    }

    @Override
    public synchronized void saveProject() throws StoreException {
        checkOpen();
        try {
            AtomicFiles.write(manifestFile, ManifestCodec.encode(project, manifestExtras));
        } catch (FormatProblem e) {
            throw new StoreException(manifestFile.toString(), "not saved: " + e.getMessage());
        } catch (IOException e) {
            throw new StoreException(manifestFile.toString(), "not saved, the previous version is kept: "
                    + JsonValues.oneLine(e.toString()), e);
        }
        manifestVersion = Migrations.CURRENT;
    }

    @Override
    public synchronized void deleteItem(String itemId) throws StoreException {
        checkOpen();
        Path file = itemFile(itemId);
        boolean existed;
        try {
            existed = AtomicFiles.delete(file);
        } catch (IOException e) {
            throw new StoreException(file.toString(), "cannot be deleted: " + JsonValues.oneLine(e.toString()), e);
        }
        if (!existed && project.item(itemId).isEmpty()) {
            throw new StoreException(file.toString(), "no such item");
        }
        String name = itemId + JSON;
        project.removeSummary(itemId);
        entries.remove(name);
        problems.remove(name);
        extras.remove(itemId);
        cacheDirty = true;
    }

    /** Documents live in sub-folders of the project folder: {@code guidelines/}, {@code faq/}... */
    @Override
    public dev.vellum.core.spi.ProjectDocuments documents() {
        checkOpen();
        return documents;
    }

    /** The audit trail in {@code audit/events.jsonl}. */
    @Override
    public dev.vellum.core.audit.AuditLog audit() {
        checkOpen();
        return audit;
    }

    /** {@code cache/} inside the project: already ignored by the cache's own {@code .gitignore}. */
    @Override
    public Path cacheFolder() {
        return dir.resolve(CACHE);
    }

    @Override
    public URI resolve(Asset asset) {
        String uri = asset.uri();
        if (asset.isAbsolutePath() || asset.isRelative()) {
            // "scan.tif#page=3" names a part of a file; a file whose name really has a '#' wins
            int hash = uri.lastIndexOf('#');
            if (hash > 0) {
                Path whole = filePath(asset, uri), bare = filePath(asset, uri.substring(0, hash));
                if (!Files.exists(whole) && Files.exists(bare)) {
                    try {
                        return new URI("file", null, bare.toUri().getPath(), uri.substring(hash + 1));
                    } catch (java.net.URISyntaxException e) {
                        return bare.toUri();
                    }
                }
            }
            return filePath(asset, uri).toUri();
        }
        try {
            return URI.create(uri);
        } catch (IllegalArgumentException e) {
            // not a valid URI after all (e.g. unescaped spaces): read it as a path
            return dir.resolve(uri).normalize().toUri();
        }
    }

    private Path filePath(Asset asset, String path) {
        return asset.isAbsolutePath() ? Path.of(path) : dir.resolve(path).normalize();
    }

    @Override
    public List<String> checkMedia(Item item) {
        List<String> out = new ArrayList<>();
        Path file = itemsDir.resolve(item.id() + JSON);
        for (Asset a : item.assets()) {
            URI u = resolve(a);
            if (!"file".equalsIgnoreCase(u.getScheme())) {
                continue;
            }
            Path media;
            try {
                media = Path.of(u.getFragment() == null ? u : new URI(u.getScheme(), u.getSchemeSpecificPart(), null));
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                out.add(file + ": media '" + a.uri() + "' is not a valid path: " + e.getMessage());
                continue;
            }
            if (!Files.exists(media)) {
                out.add(file + ": media '" + a.uri() + "' is missing (looked for " + media + ")");
            }
        }
        return out;
    }

    /**
     * Writes the summary cache if saves or deletes changed it (best effort), and closes. Further
     * calls other than {@link #close()} throw {@link IllegalStateException}.
     */
    @Override
    public synchronized void close() {
        if (!closed) {
            if (cacheDirty) {
                writeCache(SummaryCache.nowNanos());
            }
            closed = true;
        }
    }

    private Path itemFile(String itemId) throws StoreException {
        if (!Ids.isValid(itemId)) {
            throw new StoreException(itemsDir.toString(), "item id '" + itemId
                    + "' is not valid: use letters, digits, '.', '_' or '-' (at most 128)");
        }
        return itemsDir.resolve(itemId + JSON);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the project in " + dir + " is closed");
        }
    }
}
