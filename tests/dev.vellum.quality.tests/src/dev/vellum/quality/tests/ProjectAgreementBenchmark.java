package dev.vellum.quality.tests;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.agreement.ShapeUnits;
import dev.vellum.modality.image.agreement.TagUnits;
import dev.vellum.quality.agreement.Bootstrap;
import dev.vellum.quality.agreement.Measure;
import dev.vellum.quality.agreement.ProjectAgreement;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long {@link ProjectAgreement#compute} takes over a folder project of the gold benchmark's
 * items, where the reference is a second annotator's set instead ({@code ann} and {@code ref}): a
 * million boxes per annotator. Times the whole call: reading items, units, tables, every slice
 * measured (alpha and Cohen, no bootstrap).
 * <p>
 * {@code java -cp <as for GoldScoringBenchmark> dev.vellum.quality.tests.ProjectAgreementBenchmark folder [items] [boxes] [repeat]}.
 */
public final class ProjectAgreementBenchmark {
    private ProjectAgreementBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int boxes = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int repeat = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        if (!Files.exists(folder.resolve("vellum.json"))) {
            try (StoredProject p = new FolderProjectStore().create(folder.toString(), "bench", "Agreement bench")) {
                List<Item> batch = new ArrayList<>();
                GoldScoringBenchmark.build(items, boxes, 42, (item, reference) -> {
                    item.putSet(new AnnotationSet("ref", AnnotationState.SUBMITTED, 1, reference.created(), reference.modified(),
                            reference.annotations()));
                    batch.add(item);
                    if (batch.size() == 256) {
                        save(p, batch);
                    }
                });
                save(p, batch);
            }
        }
        ProjectAgreement agreement = new ProjectAgreement(Fixtures.registry(new ShapeUnits(), new TagUnits()));
        for (int r = 0; r < repeat; r++) {
            for (Measure m : List.of(Measure.ALPHA, Measure.COHEN)) {
                long t0 = System.nanoTime();
                ProjectAgreement.Report report;
                try (StoredProject p = new FolderProjectStore().open(folder.toString())) {
                    report = agreement.compute(p, new ProjectAgreement.Query(m, null, null, null, Bootstrap.NONE), Progress.NONE);
                }
                System.out.printf(Locale.ROOT, "run %d %s: %,d items, %,d units, overall %.4f, %d labels, in %.2f s%n", r + 1, m.id(),
                        report.items(), report.units(), report.overall().value(), report.byLabel().size(), (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private static void save(StoredProject p, List<Item> batch) {
        try {
            p.saveItems(batch);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        batch.clear();
    }
}
