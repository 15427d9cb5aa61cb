package dev.vellum.quality.tests;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.agreement.ShapeUnits;
import dev.vellum.modality.image.agreement.TagUnits;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.quality.gold.GoldItems;
import dev.vellum.quality.gold.GoldScores;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * How long gold scoring takes at scale: gold items of N reference boxes, each answered by one
 * annotator (the reference's boxes jittered, 5% left out, 5% extra, 10% relabelled, shuffled),
 * scored by {@link GoldScores#score(dev.vellum.core.spi.StoredProject, Item, AnnotationSet, AnnotationSet,
 * dev.vellum.core.model.LabelSchema)} with the image modality's units registered as DS would. Only
 * scoring is timed (matching by IoU, counting, the registry's checks); the items are built one at a
 * time beside it so that the heap holds one item, and nothing is read from disk.
 * <p>
 * Run without OSGi: {@code java -cp <core, store.folder, image, quality and this fragment's classes, jackson>
 * dev.vellum.quality.tests.GoldScoringBenchmark [items] [boxes] [repeat] [folder]} (defaults 5000, 200, 3).
 * With a folder, the whole path of {@code gold accuracy} is timed instead, over a project written
 * there once (see {@link #stored}).
 */
public final class GoldScoringBenchmark {
    private GoldScoringBenchmark() {
    }

    /** The result of one run. */
    record Run(double seconds, long boxes, long units, long correct) {
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int boxes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (args.length > 3) {
            stored(Path.of(args[3]), items, boxes, repeat);
            return;
        }
        for (int r = 0; r < repeat; r++) {
            Run run = run(items, boxes, 42);
            System.out.printf(Locale.ROOT, "run %d: %,d gold items x %d boxes, gold + 1 annotator = %,d boxes scored: %,d units,"
                    + " accuracy %.4f, in %.2f s%n", r + 1, items, boxes, run.boxes(), run.units(),
                    (double) run.correct() / run.units(), run.seconds());
        }
    }

    /**
     * The whole path of {@code gold accuracy}: a folder project of the same items (written once,
     * reused when it exists) whose references are gold documents, scored by
     * {@link GoldScores#compute(StoredProject, double, int, Progress)}: opening, reading every item
     * and reference from disk, matching and summing.
     */
    static GoldScores.Report stored(Path folder, int items, int boxes, int repeat) throws Exception {
        if (!Files.exists(folder.resolve("vellum.json"))) {
            long t0 = System.nanoTime();
            try (StoredProject p = new FolderProjectStore().create(folder.toString(), "bench", "Gold bench")) {
                GoldItems gold = new GoldItems(p.documents());
                List<Item> batch = new ArrayList<>();
                build(items, boxes, 42, (item, reference) -> {
                    batch.add(item);
                    try {
                        gold.mark(item.id(), reference, "bench");
                        if (batch.size() == 256) {
                            p.saveItems(batch);
                            batch.clear();
                        }
                    } catch (StoreException e) {
                        throw new IllegalStateException(e);
                    }
                });
                p.saveItems(batch);
            }
            System.out.printf(Locale.ROOT, "wrote %s in %.1f s%n", folder, (System.nanoTime() - t0) / 1e9);
        }
        GoldScores scores = new GoldScores(Fixtures.registry(new ShapeUnits(), new TagUnits()));
        GoldScores.Report report = null;
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            try (StoredProject p = new FolderProjectStore().open(folder.toString())) {
                report = scores.compute(p, GoldScores.DEFAULT_THRESHOLD, GoldScores.DEFAULT_WINDOW, Progress.NONE);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            GoldScores.AnnotatorScore a = report.annotators().get("ann");
            System.out.printf(Locale.ROOT, "stored run %d: %,d gold items opened, read and scored (%,d units, accuracy %.4f) in %.2f s%n",
                    r + 1, report.goldItems(), a.overall().units(), a.overall().accuracy(), seconds);
        }
        return report;
    }

    /** Builds and scores {@code items} gold items; times the scoring only. */
    static Run run(int items, int boxes, long seed) {
        GoldScores scores = new GoldScores(Fixtures.registry(new ShapeUnits(), new TagUnits()));
        long[] sums = new long[4];
        build(items, boxes, seed, (item, reference) -> {
            AnnotationSet set = item.set("ann").orElseThrow();
            sums[1] += reference.annotations().size() + set.annotations().size();
            long t0 = System.nanoTime();
            GoldScores.ItemScore s = scores.score(null, item, reference, set, null);
            sums[0] += System.nanoTime() - t0;
            sums[2] += s.units();
            sums[3] += s.correct();
        });
        return new Run(sums[0] / 1e9, sums[1], sums[2], sums[3]);
    }

    /** Makes the items one at a time, each with its annotator's set and its reference, and hands them on. */
    static void build(int items, int boxes, long seed, BiConsumer<Item, AnnotationSet> sink) {
        Random random = new Random(seed);
        Instant when = Instant.parse("2026-11-03T10:00:00Z");
        for (int i = 0; i < items; i++) {
            List<Annotation> gold = new ArrayList<>(boxes), ann = new ArrayList<>(boxes + boxes / 10);
            for (int k = 0; k < boxes; k++) {
                double w = 10 + random.nextDouble() * 60, h = 10 + random.nextDouble() * 60;
                BoundingBox box = new BoundingBox(random.nextDouble() * (1920 - w), random.nextDouble() * (1080 - h), w, h);
                gold.add(box("g" + k, box, k % 5));
                if (random.nextDouble() < 0.95) {
                    BoundingBox jittered = new BoundingBox(box.x() + random.nextGaussian() * 1.5, box.y() + random.nextGaussian() * 1.5,
                            Math.max(1, box.width() + random.nextGaussian() * 1.5), Math.max(1, box.height() + random.nextGaussian() * 1.5));
                    ann.add(box("a" + k, jittered, random.nextDouble() < 0.9 ? k % 5 : (k + 1) % 5));
                }
                if (random.nextDouble() < 0.05) {
                    ann.add(box("x" + k, new BoundingBox(random.nextDouble() * 1880, random.nextDouble() * 1040, 40, 40), 0));
                }
            }
            Collections.shuffle(ann, random);
            AnnotationSet reference = new AnnotationSet(GoldItems.GOLD_ANNOTATOR, AnnotationState.ACCEPTED, 1, when, when, gold);
            AnnotationSet set = new AnnotationSet("ann", AnnotationState.SUBMITTED, 1, when, when, ann);
            sink.accept(new Item("i" + i, "", List.of(new Asset("i" + i + ".jpg", "image", "", null)), null, null, List.of(set)),
                    reference);
        }
    }

    private static Annotation box(String id, BoundingBox box, int label) {
        return Annotation.create(id, BoundingBox.TYPE, "class" + label, box.toPayload(), "bench");
    }
}
