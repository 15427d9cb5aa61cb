package dev.vellum.modality.image.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.modality.image.agreement.ShapeUnits;
import dev.vellum.modality.image.model.BoundingBox;

/**
 * How long box matching takes at scale: items of N boxes drawn by two annotators (the second one's
 * boxes jittered copies of the first's, 5% left out and 5% added, in shuffled order), turned into
 * agreement units by {@link ShapeUnits}. Only {@code units(...)} is timed; the items are built
 * one at a time beside it so that the heap holds one item.
 * <p>
 * Run without OSGi: {@code java -cp <core classes>:<image classes> dev.vellum.modality.image.bench.MatchingBenchmark
 * [items] [boxes-per-annotator] [repeat]} (defaults 5000, 200, 3).
 */
public final class MatchingBenchmark {
    private MatchingBenchmark() {
    }

    /** The result of one run. */
    record Run(double seconds, long boxes, long units, long matched) {
    }

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int boxes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int r = 0; r < repeat; r++) {
            Run run = run(items, boxes, 42);
            System.out.printf(Locale.ROOT, "run %d: %,d items x %d boxes x 2 annotators = %,d boxes matched into %,d units (%,d pairs) in %.2f s%n",
                    r + 1, items, boxes, run.boxes(), run.units(), run.matched(), run.seconds());
        }
    }

    /** Builds and matches {@code items} items; times the matching only. */
    static Run run(int items, int boxes, long seed) {
        Random random = new Random(seed);
        ShapeUnits units = new ShapeUnits();
        long nanos = 0, boxCount = 0, unitCount = 0, matched = 0;
        for (int i = 0; i < items; i++) {
            Item item = item("i" + i, boxes, random);
            for (AnnotationSet s : item.sets()) {
                boxCount += s.annotations().size();
            }
            List<AnnotationSet> sets = List.copyOf(item.sets());
            long t0 = System.nanoTime();
            List<AgreementUnit> u = units.units(item, sets, null);
            nanos += System.nanoTime() - t0;
            unitCount += u.size();
            for (AgreementUnit unit : u) {
                matched += unit.ratings().size() == 2 ? 1 : 0;
            }
        }
        return new Run(nanos / 1e9, boxCount, unitCount, matched);
    }

    private static Item item(String id, int boxes, Random random) {
        List<Annotation> a = new ArrayList<>(boxes), b = new ArrayList<>(boxes + boxes / 10);
        for (int k = 0; k < boxes; k++) {
            double w = 10 + random.nextDouble() * 60, h = 10 + random.nextDouble() * 60;
            BoundingBox box = new BoundingBox(random.nextDouble() * (1920 - w), random.nextDouble() * (1080 - h), w, h);
            a.add(box(id + "a" + k, box, "ann1", k % 5));
            if (random.nextDouble() < 0.95) {
                BoundingBox jittered = new BoundingBox(box.x() + random.nextGaussian() * 1.5, box.y() + random.nextGaussian() * 1.5,
                        Math.max(1, box.width() + random.nextGaussian() * 1.5), Math.max(1, box.height() + random.nextGaussian() * 1.5));
                b.add(box(id + "b" + k, jittered, "ann2", random.nextDouble() < 0.9 ? k % 5 : (k + 1) % 5));
            }
            if (random.nextDouble() < 0.05) {
                b.add(box(id + "x" + k, new BoundingBox(random.nextDouble() * 1880, random.nextDouble() * 1040, 40, 40), "ann2", 0));
            }
        }
        Collections.shuffle(b, random);
        AnnotationSet first = AnnotationSet.start("ann1", 1), second = AnnotationSet.start("ann2", 1);
        a.forEach(x -> first.insert(-1, x));
        b.forEach(x -> second.insert(-1, x));
        return new Item(id, "", List.of(new Asset(id + ".jpg", "image", "", null)), null, null, List.of(first, second));
    }

    private static Annotation box(String id, BoundingBox box, String author, int label) {
        return Annotation.create(id, BoundingBox.TYPE, "class" + label, box.toPayload(), author);
    }
}
