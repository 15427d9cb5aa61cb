package dev.vellum.store.folder.bench;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.StoreException;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import dev.vellum.store.folder.internal.ItemCodec;
import dev.vellum.store.folder.internal.SummaryCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Generates a synthetic image-annotation project of any size for benchmarks ({@code vellum cli bench
 * generate}): a manifest with an image label schema and N item files of M bounding boxes each, in the
 * current format, and its summary cache. Item files are written directly and in parallel, without the atomic, flushed
 * writes of a real save, because benchmark data need speed rather than crash safety. The same seed
 * gives the same project.
 */
public final class ProjectGenerator {
    private static final String PROJECT_ID = "bench";
    /** The manifest setting that marks a generated project (an id alone can be chosen by anyone). */
    public static final String GENERATED = "benchGenerated";

    /** Whether {@code project} was made by this generator. */
    public static boolean isGenerated(dev.vellum.core.model.Project project) {
        return Boolean.TRUE.equals(project.extensions().get(GENERATED));
    }

    private static final String[] LABELS = {"car", "person", "bicycle", "truck", "dog"};
    private static final AnnotationState[] STATES = AnnotationState.values();
    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private final int items;
    private final int annotationsPerItem;
    private long seed = 42;

    /**
     * @param items              how many items, at least 0
     * @param annotationsPerItem annotations in each item's one annotation set, at least 0
     */
    public ProjectGenerator(int items, int annotationsPerItem) {
        if (items < 0 || annotationsPerItem < 0) {
            throw new IllegalArgumentException("items and annotations must not be negative");
        }
        this.items = items;
        this.annotationsPerItem = annotationsPerItem;
    }

    /** Uses another seed for the random content; returns this generator. */
    public ProjectGenerator seed(long newSeed) {
        this.seed = newSeed;
        return this;
    }

    /**
     * Writes the project into {@code dir}, which must be empty or absent.
     *
     * @return the total size of the item files in bytes
     * @throws StoreException naming the folder or file that could not be written
     */
    public long generate(Path dir) throws StoreException {
        FolderProjectStore store = new FolderProjectStore();
        try (FolderProject p = store.create(dir.toString(), PROJECT_ID, "Benchmark " + items + " x " + annotationsPerItem)) {
            List<LabelClass> classes = new ArrayList<>();
            for (int i = 0; i < LABELS.length; i++) {
                classes.add(new LabelClass(LABELS[i], String.format("#%06x", (i * 0x3355AA + 0x224466) & 0xFFFFFF), Integer.toString(i + 1),
                        List.of(new AttributeDef("occluded", AttributeType.BOOLEAN, List.of(), false))));
            }
            p.project().putSchema(new LabelSchema("image", classes));
            p.project().setExtensions(Map.of(GENERATED, true));
            p.saveProject();
        }
        Path itemsDir = dir.resolve(FolderProject.ITEMS);
        int width = Math.max(6, Integer.toString(items).length());
        AtomicLong bytes = new AtomicLong();
        Map<String, SummaryCache.Entry> summaries = new ConcurrentHashMap<>();
        try {
            IntStream.range(0, items).parallel().forEach(i -> {
                Item item = item(i, width);
                Path file = itemsDir.resolve(item.id() + ".json");
                try {
                    byte[] json = ItemCodec.encode(item, null);
                    Files.write(file, json);
                    bytes.addAndGet(json.length);
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    summaries.put(file.getFileName().toString(), new SummaryCache.Entry(a.size(),
                            a.lastModifiedTime().to(TimeUnit.NANOSECONDS), item.summary(), null));
                } catch (IOException e) {
                    throw new UncheckedIOException(file + ": " + e.getMessage(), e);
                }
            });
        } catch (UncheckedIOException e) {
            throw new StoreException(itemsDir.toString(), "cannot be written: " + e.getMessage(), e);
        }
        writeSummaryCache(dir, summaries);
        return bytes.get();
    }

    /**
     * Leaves the project as Vellum itself leaves one it has saved and closed: with its summary cache
     * current, so the first open does not parse every item. The cache is checked a little after the
     * last write, so that no entry falls in the window the store distrusts.
     */
    private static void writeSummaryCache(Path dir, Map<String, SummaryCache.Entry> summaries) throws StoreException {
        Path cache = dir.resolve(FolderProject.CACHE).resolve(SummaryCache.FILE_NAME);
        try {
            Thread.sleep(150);
            SummaryCache.write(cache, SummaryCache.nowNanos(), summaries);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new StoreException(cache.toString(), "cannot be written: " + e.getMessage(), e);
        }
    }

    private Item item(int i, int width) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        String id = "item-" + String.format("%0" + width + "d", i);
        Instant created = EPOCH.plusSeconds(i * 7L);
        String annotator = "annotator-" + (i % 5);
        List<Annotation> annotations = new ArrayList<>(annotationsPerItem);
        for (int a = 0; a < annotationsPerItem; a++) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("x", decimal(r, 1800));
            payload.put("y", decimal(r, 1000));
            payload.put("w", decimal(r, 300));
            payload.put("h", decimal(r, 300));
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("occluded", r.nextInt(4) == 0);
            annotations.add(new Annotation("a" + a, "image.bbox", LABELS[r.nextInt(LABELS.length)], attributes, 1, payload,
                    r.nextInt(3) == 0 ? Provenance.MODEL : Provenance.HUMAN, annotator, created, created.plusSeconds(a)));
        }
        AnnotationSet set = new AnnotationSet(annotator, STATES[r.nextInt(STATES.length)], 1, created,
                created.plusSeconds(annotationsPerItem), annotations);
        Map<String, Object> imageMeta = new LinkedHashMap<>();
        imageMeta.put("width", 1920);
        imageMeta.put("height", 1080);
        Map<String, Object> itemMeta = new LinkedHashMap<>();
        itemMeta.put("source", "synthetic");
        itemMeta.put("split", r.nextInt(10) == 0 ? "test" : "train");
        return new Item(id, "batch-" + (i / 1000), List.of(new Asset("media/" + id + ".jpg", "image", "", imageMeta)), itemMeta,
                List.of(annotator), List.of(set));
    }

    private static BigDecimal decimal(SplittableRandom r, int max) {
        return BigDecimal.valueOf(r.nextInt(max * 100), 2);
    }

    /**
     * Generates a project from the command line: {@code <dir> <items> <annotations-per-item> [seed]}.
     * Prints what it wrote; exits with 2 on bad arguments and 3 when the folder cannot be written.
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: ProjectGenerator <dir> <items> <annotations-per-item> [seed]");
            System.exit(2);
        }
        try {
            ProjectGenerator g = new ProjectGenerator(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            if (args.length > 3) {
                g.seed(Long.parseLong(args[3]));
            }
            long t0 = System.nanoTime();
            long bytes = g.generate(Path.of(args[0]));
            System.out.printf("generated %s items x %s annotations in %s (%d MB) in %d ms%n", args[1], args[2], args[0],
                    bytes >> 20, (System.nanoTime() - t0) / 1_000_000);
        } catch (NumberFormatException e) {
            System.err.println("not a number: " + e.getMessage());
            System.exit(2);
        } catch (StoreException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }
}
