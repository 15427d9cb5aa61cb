package dev.vellum.quality.tests;

import static dev.vellum.quality.tests.Fixtures.box;
import static dev.vellum.quality.tests.Fixtures.item;
import static dev.vellum.quality.tests.Fixtures.set;
import static dev.vellum.quality.tests.Fixtures.submitted;
import static dev.vellum.quality.tests.Fixtures.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.agreement.ShapeUnits;
import dev.vellum.modality.image.agreement.TagUnits;
import dev.vellum.quality.gold.GoldItems;
import dev.vellum.quality.gold.GoldScores;
import dev.vellum.quality.gold.GoldScores.ItemScore;
import dev.vellum.quality.gold.GoldScores.Report;
import dev.vellum.quality.workflow.QualitySettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accuracy against gold references with real image units: perfect, missed box, extra box, wrong label, per day and warnings. */
class GoldScoresTest {
    private static final Instant DAY1 = Instant.parse("2026-11-03T10:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-04T09:00:00Z");
    private static final double EPS = 1e-12;

    @TempDir
    Path tmp;

    private final GoldScores scores = new GoldScores(Fixtures.registry(new ShapeUnits(), new TagUnits()));

    /**
     * street-1 (gold, day 1): a car, a person and a car boxed in the reference. perfect: the same three,
     * a pixel off; misser: the person and the second car missed... only the first two; extra: the three
     * and a bus; wrong: the person called a car; drafting: still in progress.
     * street-2 (gold, day 2): one car. misser gets it; wrong calls it a truck.
     * street-3 is not gold.
     */
    private StoredProject project() throws Exception {
        StoredProject p = Fixtures.project(tmp.resolve("p"));
        AnnotationSet ref1 = submitted("rita", DAY1, box("g1", "car", 0, 0, 10, 10), box("g2", "person", 100, 100, 20, 40),
                box("g3", "car", 200, 200, 30, 30));
        p.saveItem(item("street-1", "image",
                submitted("perfect", DAY1, box("p1", "car", 1, 0, 10, 10), box("p2", "person", 100, 101, 20, 40),
                        box("p3", "car", 200, 200, 30, 31)),
                submitted("misser", DAY1, box("m1", "car", 0, 0, 10, 10), box("m2", "person", 100, 100, 20, 40)),
                set("extra", AnnotationState.ACCEPTED, DAY1, box("e1", "car", 0, 0, 10, 10), box("e2", "person", 100, 100, 20, 40),
                        box("e3", "car", 200, 200, 30, 30), box("e4", "bus", 400, 400, 10, 10)),
                submitted("wrong", DAY1, box("w1", "car", 0, 0, 10, 10), box("w2", "car", 100, 100, 20, 40),
                        box("w3", "car", 200, 200, 30, 30)),
                set("drafting", AnnotationState.IN_PROGRESS, DAY1)));
        AnnotationSet ref2 = submitted("rita", DAY2, box("g1", "car", 0, 0, 50, 50));
        p.saveItem(item("street-2", "image",
                submitted("misser", DAY2, box("m1", "car", 0, 0, 50, 50)),
                submitted("wrong", DAY2, box("w1", "truck", 2, 2, 50, 50))));
        p.saveItem(item("street-3", "image", submitted("wrong", DAY2, box("w1", "dog", 0, 0, 5, 5))));
        GoldItems gold = new GoldItems(p.documents());
        gold.mark("street-1", ref1, "rita");
        gold.mark("street-2", ref2, "rita");
        return p;
    }

    private static ItemScore find(Report r, String item, String annotator) {
        return r.scores().stream().filter(s -> s.itemId().equals(item) && s.annotator().equals(annotator)).findFirst().orElseThrow();
    }

    @Test
    void perfectMissedExtraAndWrongLabel() throws Exception {
        try (StoredProject p = project()) {
            Report r = scores.compute(p, 0.8, 10, Progress.NONE);
            assertEquals(2, r.goldItems());
            assertEquals(new ItemScore("street-1", "perfect", DAY1, 3, 3, 0, 0, 0), find(r, "street-1", "perfect"));
            assertEquals(new ItemScore("street-1", "misser", DAY1, 3, 2, 0, 1, 0), find(r, "street-1", "misser"));
            assertEquals(new ItemScore("street-1", "extra", DAY1, 4, 3, 0, 0, 1), find(r, "street-1", "extra"));
            assertEquals(new ItemScore("street-1", "wrong", DAY1, 3, 2, 1, 0, 0), find(r, "street-1", "wrong"));
            assertEquals(1.0, find(r, "street-1", "perfect").accuracy(), EPS);
            assertEquals(2.0 / 3, find(r, "street-1", "misser").accuracy(), EPS);
            assertEquals(3.0 / 4, find(r, "street-1", "extra").accuracy(), EPS);
            assertTrue(r.scores().stream().noneMatch(s -> s.annotator().equals("drafting")), "work in progress is not scored");
            assertTrue(r.scores().stream().noneMatch(s -> s.itemId().equals("street-3")), "only gold items are scored");
            assertEquals(6, r.scores().size());
        }
    }

    @Test
    void accuracyPerAnnotatorAndPerDay() throws Exception {
        try (StoredProject p = project()) {
            Report r = scores.compute(p, 0.8, 10, Progress.NONE);
            assertEquals(List.of("extra", "misser", "perfect", "wrong"), List.copyOf(r.annotators().keySet()));
            GoldScores.AnnotatorScore misser = r.annotators().get("misser");
            assertEquals(new GoldScores.Tally(2, 4, 3), misser.overall());
            assertEquals(0.75, misser.overall().accuracy(), EPS);
            assertEquals(List.of(LocalDate.parse("2026-11-03"), LocalDate.parse("2026-11-04")), List.copyOf(misser.byDay().keySet()));
            assertEquals(2.0 / 3, misser.byDay().get(LocalDate.parse("2026-11-03")).accuracy(), EPS);
            assertEquals(1.0, misser.byDay().get(LocalDate.parse("2026-11-04")).accuracy(), EPS);
            assertEquals(0.5, r.annotators().get("wrong").overall().accuracy(), EPS);
            assertEquals(List.of(LocalDate.parse("2026-11-03")), List.copyOf(r.annotators().get("perfect").byDay().keySet()));
        }
    }

    @Test
    void warningsLookAtTheLatestGoldItemsOnly() throws Exception {
        try (StoredProject p = project()) {
            Report all = scores.compute(p, 0.8, 10, Progress.NONE);
            assertEquals(List.of(new GoldScores.Warning("extra", 0.75, 1, 0.8), new GoldScores.Warning("misser", 0.75, 2, 0.8),
                    new GoldScores.Warning("wrong", 0.5, 2, 0.8)), all.warnings());
            // over the latest gold item only, misser is back at 1.0 and wrong at 0.0
            Report last = scores.compute(p, 0.8, 1, Progress.NONE);
            assertEquals(List.of("extra", "wrong"), last.warnings().stream().map(GoldScores.Warning::annotator).toList());
            assertEquals(0.0, last.warnings().get(1).accuracy(), EPS);
            assertEquals(List.of(), scores.compute(p, 0.5, 10, Progress.NONE).warnings());
            assertThrows(IllegalArgumentException.class, () -> scores.compute(p, 1.5, 10, Progress.NONE));
            assertThrows(IllegalArgumentException.class, () -> scores.compute(p, 0.8, 0, Progress.NONE));
        }
    }

    @Test
    void theProjectsQualitySettingsGiveTheDefaultThreshold() throws Exception {
        try (StoredProject p = project()) {
            assertEquals(GoldScores.DEFAULT_THRESHOLD, scores.compute(p, Progress.NONE).threshold());
            QualitySettings.DEFAULT.withRates(0.1, 0.0, 0.6).writeTo(p.project());
            Report r = scores.compute(p, Progress.NONE);
            assertEquals(0.6, r.threshold());
            assertEquals(GoldScores.DEFAULT_WINDOW, r.window());
            assertEquals(List.of("wrong"), r.warnings().stream().map(GoldScores.Warning::annotator).toList());
        }
    }

    @Test
    void tagsTheReferenceLacksOrHasAreUnitsToo() throws Exception {
        AnnotationSet ref = submitted(GoldItems.GOLD_ANNOTATOR, DAY1, tag("t1", "day"), tag("t2", "urban"));
        AnnotationSet ann = submitted("alice", DAY1, tag("a1", "day"), tag("a2", "rain"));
        Item item = item("street-9", "image", ann);
        ItemScore s = scores.score(null, item, ref, ann, null);
        // day: both present (correct); urban: present vs absent (wrong); rain: absent vs present (wrong)
        assertEquals(new ItemScore("street-9", "alice", DAY1, 3, 1, 2, 0, 0), s);
        assertEquals(1.0, scores.score(null, item("e", "image", ann), submitted("gold", DAY1), submitted("bob", DAY1), null).accuracy(),
                "nothing to get wrong is fully accurate");
    }

    @Test
    void aReferenceWhoseItemIsGoneIsAProblemNotAFailure() throws Exception {
        try (StoredProject p = project()) {
            p.deleteItem("street-2");
            Report r = scores.compute(p, 0.8, 10, Progress.NONE);
            assertEquals(1, r.goldItems());
            assertEquals(1, r.problems().size());
            assertTrue(r.problems().get(0).contains("gold/street-2") && r.problems().get(0).contains("no item"), r.problems().get(0));
        }
    }
}
