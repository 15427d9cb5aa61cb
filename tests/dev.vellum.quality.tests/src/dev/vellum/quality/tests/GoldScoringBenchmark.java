package dev.vellum.quality.tests;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.modality.image.agreement.ShapeUnits;
import dev.vellum.modality.image.agreement.TagUnits;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.quality.gold.GoldItems;
import dev.vellum.quality.gold.GoldScores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How long gold scoring takes at scale: gold items of N reference boxes, each answered by one
 * annotator (the reference's boxes jittered, 5% left out, 5% extra, 10% relabelled, shuffled),
 * scored by {@link GoldScores#score(dev.vellum.core.spi.StoredProject, Item, AnnotationSet, AnnotationSet,
 * dev.vellum.core.model.LabelSchema)} with the image modality's units registered as DS would. Only
 * scoring is timed (matching by IoU, counting, the registry's checks); the items are built one at a
 * time beside it so that the heap holds one item, and nothing is read from disk.
 * <p>
 * Run without OSGi: {@code java -cp <core, image, quality and this fragment's classes, jackson>
 * dev.vellum.quality.tests.GoldScoringBenchmark [items] [boxes] [repeat]} (defaults 5000, 200, 3).
 */
public final class GoldScoringBenchmark {
    private GoldScoringBenchmark() {
    }

    /** The result of one run. */
    record Run(double seconds, long boxes, long units, long correct) {
    }

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int boxes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int r = 0; r < repeat; r++) {
            Run run = run(items, boxes, 42);
            System.out.printf(Locale.ROOT, "run %d: %,d gold items x %d boxes, gold + 1 annotator = %,d boxes scored: %,d units,"
                    + " accuracy %.4f, in %.2f s%n", r + 1, items, boxes, run.boxes(), run.units(),
                    (double) run.correct() / run.units(), run.seconds());
        }
    }

    /** Builds and scores {@code items} gold items; times the scoring only. */
    static Run run(int items, int boxes, long seed) {
        Random random = new Random(seed);
        GoldScores scores = new GoldScores(Fixtures.registry(new ShapeUnits(), new TagUnits()));
        long nanos = 0, boxCount = 0, units = 0, correct = 0;
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
            Item item = new Item("i" + i, "", List.of(new Asset("i" + i + ".jpg", "image", "", null)), null, null, List.of(set));
            boxCount += gold.size() + ann.size();
            long t0 = System.nanoTime();
            GoldScores.ItemScore s = scores.score(null, item, reference, set, null);
            nanos += System.nanoTime() - t0;
            units += s.units();
            correct += s.correct();
        }
        return new Run(nanos / 1e9, boxCount, units, correct);
    }

    private static Annotation box(String id, BoundingBox box, int label) {
        return Annotation.create(id, BoundingBox.TYPE, "class" + label, box.toPayload(), "bench");
    }
}
