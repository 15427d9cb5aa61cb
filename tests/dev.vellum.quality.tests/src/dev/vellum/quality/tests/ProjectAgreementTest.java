package dev.vellum.quality.tests;

import static dev.vellum.quality.tests.Fixtures.box;
import static dev.vellum.quality.tests.Fixtures.item;
import static dev.vellum.quality.tests.Fixtures.ranking;
import static dev.vellum.quality.tests.Fixtures.rows;
import static dev.vellum.quality.tests.Fixtures.set;
import static dev.vellum.quality.tests.Fixtures.submitted;
import static dev.vellum.quality.tests.Fixtures.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.agreement.ShapeUnits;
import dev.vellum.modality.image.agreement.TagUnits;
import dev.vellum.modality.preference.agreement.RankUnits;
import dev.vellum.modality.text.agreement.ExactSpanUnits;
import dev.vellum.modality.text.model.Span;
import dev.vellum.core.model.Annotation;
import dev.vellum.quality.agreement.AgreementResult;
import dev.vellum.quality.agreement.Bootstrap;
import dev.vellum.quality.agreement.Measure;
import dev.vellum.quality.agreement.ProjectAgreement;
import dev.vellum.quality.agreement.ProjectAgreement.Query;
import dev.vellum.quality.agreement.ProjectAgreement.Report;
import dev.vellum.quality.agreement.ProjectAgreement.Tables;
import dev.vellum.quality.gold.GoldItems;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rating tables of a project of three annotators whose units (image shapes matched by IoU, image
 * tags, text spans, preference ranks) are worked out by hand: which sets count, unmatched units as
 * missing (alpha) or {@code <none>} (kappas), and the slices per label, pair, kind and week.
 */
class ProjectAgreementTest {
    /** Tuesday of the week starting Monday 2 November 2026. */
    private static final Instant WEEK1 = Instant.parse("2026-11-03T10:00:00Z");
    /** Wednesday of the next week. */
    private static final Instant WEEK2 = Instant.parse("2026-11-11T16:00:00Z");

    @TempDir
    Path tmp;

    private final ProjectAgreement agreement = new ProjectAgreement(
            Fixtures.registry(new ShapeUnits(), new TagUnits(), new ExactSpanUnits(), new RankUnits()));

    /**
     * street-1 (week 1): alice, bob and carol. One car all three boxed (carol calls it a truck); a
     * person alice boxed that bob boxed as a car and carol missed; a dog only carol boxed; the tag
     * {@code day} given by alice and bob, not carol.
     * street-2 (week 2): alice and bob agree on a person; carol is still in progress there.
     * street-3: only alice submitted (bob in progress): not compared.
     */
    private StoredProject imageProject() throws Exception {
        StoredProject p = Fixtures.project(tmp.resolve("img"));
        p.saveItem(item("street-1", "image",
                submitted("alice", WEEK1, box("a1", "car", 0, 0, 10, 10), box("a2", "person", 100, 100, 20, 40), tag("a3", "day")),
                submitted("bob", WEEK1, box("b1", "car", 0.5, 0, 10, 10), box("b2", "car", 100, 101, 20, 40), tag("b3", "day")),
                set("carol", AnnotationState.ACCEPTED, WEEK1, box("c1", "truck", 0, 0, 10, 10.5), box("c2", "dog", 300, 300, 10, 10))));
        p.saveItem(item("street-2", "image",
                submitted("alice", WEEK2, box("a1", "person", 50, 50, 10, 30)),
                set("bob", AnnotationState.REJECTED, WEEK2, box("b1", "person", 51, 50, 10, 30)),
                set("carol", AnnotationState.IN_PROGRESS, WEEK2, box("c1", "cat", 50, 50, 10, 30))));
        p.saveItem(item("street-3", "image",
                submitted("alice", WEEK2, box("a1", "car", 0, 0, 10, 10)),
                set("bob", AnnotationState.IN_PROGRESS, WEEK2, box("b1", "bus", 0, 0, 10, 10))));
        return p;
    }

    private Tables tables(StoredProject p, Measure m) throws Exception {
        return agreement.tables(p, new Query(m, null, null, null, Bootstrap.NONE), Progress.NONE);
    }

    @Test
    void alphaTablesLeaveUnmatchedRatingsMissing() throws Exception {
        try (StoredProject p = imageProject()) {
            Tables t = tables(p, Measure.ALPHA);
            assertEquals(2, t.items(), "street-3 has one submitted set");
            assertEquals(5, t.units());
            assertEquals(MeasurementLevel.NOMINAL, t.overall().level());
            assertEquals(List.of(
                    "alice=- bob=- carol=dog",
                    "alice=car bob=car carol=truck",
                    "alice=person bob=car carol=-",
                    "alice=person bob=person carol=-",
                    "alice=present bob=present carol=absent"),
                    rows(t.overall().table(), "alice", "bob", "carol"));
        }
    }

    @Test
    void kappaTablesCountAnUnmatchedShapeAsNoneButOnlyForAnnotatorsWhoComparedTheItem() throws Exception {
        try (StoredProject p = imageProject()) {
            for (Measure m : List.of(Measure.COHEN, Measure.FLEISS)) {
                Tables t = tables(p, m);
                assertEquals(List.of(
                        "alice=<none> bob=<none> carol=dog",
                        "alice=car bob=car carol=truck",
                        "alice=person bob=car carol=<none>",
                        // carol's set on street-2 is in progress: she is left out, not <none>
                        "alice=person bob=person carol=-",
                        "alice=present bob=present carol=absent"),
                        rows(t.overall().table(), "alice", "bob", "carol"), m.id());
            }
        }
    }

    @Test
    void slicesPerLabelPairKindAndWeek() throws Exception {
        try (StoredProject p = imageProject()) {
            Tables t = tables(p, Measure.COHEN);
            assertEquals(List.of("absent", "car", "dog", "person", "present", "truck"), List.copyOf(t.byLabel().keySet()));
            assertEquals(List.of(
                    "alice=car bob=car carol=truck",
                    "alice=person bob=car carol=<none>"),
                    rows(t.byLabel().get("car").table(), "alice", "bob", "carol"));
            assertEquals(List.of(
                    "alice=person bob=car carol=<none>",
                    "alice=person bob=person carol=-"),
                    rows(t.byLabel().get("person").table(), "alice", "bob", "carol"));

            assertEquals(List.of("alice|bob", "alice|carol", "bob|carol"), List.copyOf(t.byPair().keySet()));
            // the dog neither alice nor bob drew is not a unit of their pair
            assertEquals(List.of(
                    "alice=car bob=car",
                    "alice=person bob=car",
                    "alice=person bob=person",
                    "alice=present bob=present"),
                    rows(t.byPair().get("alice|bob").table(), "alice", "bob"));
            assertEquals(List.of("alice", "bob"), Fixtures.raters(t.byPair().get("alice|bob").table()));
            // street-2 is not theirs to compare: carol had no submitted set there
            assertEquals(List.of(
                    "alice=<none> carol=dog",
                    "alice=car carol=truck",
                    "alice=person carol=<none>",
                    "alice=present carol=absent"),
                    rows(t.byPair().get("alice|carol").table(), "alice", "carol"));

            assertEquals(List.of("image.bbox", "image.tag"), List.copyOf(t.byKind().keySet()));
            assertEquals(4, t.byKind().get("image.bbox").table().unitCount());
            assertEquals(1, t.byKind().get("image.tag").table().unitCount());

            assertEquals(List.of(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-09")), List.copyOf(t.overTime().keySet()));
            assertEquals(4, t.overTime().get(LocalDate.parse("2026-11-02")).table().unitCount());
            assertEquals(List.of("alice=person bob=person carol=-"),
                    rows(t.overTime().get(LocalDate.parse("2026-11-09")).table(), "alice", "bob", "carol"));
        }
    }

    @Test
    void reportMeasuresEveryTable() throws Exception {
        try (StoredProject p = imageProject()) {
            Report alpha = agreement.compute(p, new Query(Measure.ALPHA, null, null, null, Bootstrap.NONE), Progress.NONE);
            // Nominal alpha by hand over the pairable units {car,car,truck} {person,car} {person,person}
            // {present,present,absent} (the dog alone is unpairable): coincidences off the diagonal 6,
            // n = 10, sum of n_c^2 = 3^2+1+3^2+2^2+1 = 24, so alpha = 1 - (n-1) 6 / (n^2 - 24) = 11/38.
            assertEquals(11.0 / 38, alpha.overall().value(), 1e-12);
            assertEquals(MeasurementLevel.NOMINAL, alpha.overall().level());
            assertEquals(2, alpha.items());
            assertEquals(5, alpha.units());
            assertEquals(List.of(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-09")),
                    alpha.overTime().stream().map(ProjectAgreement.Period::start).toList());

            Report cohen = agreement.compute(p, new Query(Measure.COHEN, null, null, null, Bootstrap.NONE), Progress.NONE);
            assertTrue(Double.isNaN(cohen.overall().value()), "three raters");
            assertTrue(cohen.overall().note().contains("two raters"), cohen.overall().note());
            // alice|bob over (car,car) (person,car) (person,person) (present,present):
            // p_o = 3/4, p_e = (1*2 + 2*1 + 1*1) / 16 = 5/16, kappa = (3/4 - 5/16) / (11/16) = 7/11
            assertEquals(7.0 / 11, cohen.byPair().get("alice|bob").value(), 1e-12);
            assertEquals(4, cohen.byPair().get("alice|bob").units());
            // alice|carol: (<none>,dog) (car,truck) (person,<none>) (present,absent): no agreement at all
            AgreementResult ac = cohen.byPair().get("alice|carol");
            assertEquals(4, ac.units());
            assertTrue(ac.value() < 0, "every unit disagrees: " + ac.value());
            assertEquals(List.copyOf(cohen.byPair().keySet()), List.of("alice|bob", "alice|carol", "bob|carol"));
        }
    }

    @Test
    void weekStartsOnMondayUtc() {
        assertEquals(LocalDate.parse("2026-11-02"), ProjectAgreement.weekOf(Instant.parse("2026-11-02T00:00:00Z")));
        assertEquals(LocalDate.parse("2026-11-02"), ProjectAgreement.weekOf(Instant.parse("2026-11-08T23:59:59Z")));
        assertEquals(LocalDate.parse("2026-11-09"), ProjectAgreement.weekOf(Instant.parse("2026-11-09T00:00:00Z")));
    }

    @Test
    void labelAndKindQueriesSelectUnits() throws Exception {
        try (StoredProject p = imageProject()) {
            Tables t = agreement.tables(p, new Query(Measure.ALPHA, null, "person", null, Bootstrap.NONE), Progress.NONE);
            assertEquals(List.of("alice=person bob=car carol=-", "alice=person bob=person carol=-"),
                    rows(t.overall().table(), "alice", "bob", "carol"));
            assertEquals(2, t.units());
            t = agreement.tables(p, new Query(Measure.ALPHA, null, null, "image.tag", Bootstrap.NONE), Progress.NONE);
            assertEquals(List.of("alice=present bob=present carol=absent"), rows(t.overall().table(), "alice", "bob", "carol"));
            assertEquals(List.of("image.tag"), List.copyOf(t.byKind().keySet()));
        }
    }

    @Test
    void kindsOfDifferentLevelsAreMeasuredApartAndTheOverallIsNominal() throws Exception {
        try (StoredProject p = Fixtures.project(tmp.resolve("mixed"))) {
            p.saveItem(item("chat-1", "preference",
                    submitted("alice", WEEK1, ranking("r1", Map.of("A", 1, "B", 2, "C", 3))),
                    submitted("bob", WEEK1, ranking("r1", Map.of("A", 1, "B", 3, "C", 2)))));
            p.saveItem(item("news-1", "text",
                    submitted("alice", WEEK1, span("s1", "PER", 0, 5), span("s2", "ORG", 10, 14)),
                    submitted("bob", WEEK1, span("s1", "PER", 0, 5), span("s2", "LOC", 10, 14), span("s3", "LOC", 20, 25))));
            Tables t = tables(p, Measure.ALPHA);
            assertEquals(MeasurementLevel.ORDINAL, t.byKind().get("preference.rank").level());
            assertEquals(List.of("alice=1 bob=1", "alice=2 bob=3", "alice=3 bob=2"),
                    rows(t.byKind().get("preference.rank").table(), "alice", "bob"));
            assertEquals(MeasurementLevel.NOMINAL, t.byKind().get(ExactSpanUnits.SPAN_KIND).level());
            assertEquals(List.of("alice=- bob=LOC", "alice=ORG bob=LOC", "alice=PER bob=PER"),
                    rows(t.byKind().get(ExactSpanUnits.SPAN_KIND).table(), "alice", "bob"));
            assertEquals(MeasurementLevel.NOMINAL, t.overall().level(), "ranks and labels together are read as categories");
            assertEquals(6, t.overall().table().unitCount());
            assertFalse(t.overall().table().isNumeric());
            assertEquals(MeasurementLevel.NOMINAL, t.byPair().get("alice|bob").level());

            Tables asked = agreement.tables(p, new Query(Measure.ALPHA, MeasurementLevel.INTERVAL, null, "preference.rank", Bootstrap.NONE),
                    Progress.NONE);
            assertEquals(MeasurementLevel.INTERVAL, asked.overall().level(), "the query's level wins");
            assertEquals(3, asked.overall().table().unitCount());
        }
    }

    @Test
    void aGoldAnnotatorsSetOnTheItemIsNeverCompared() throws Exception {
        try (StoredProject p = Fixtures.project(tmp.resolve("gold"))) {
            p.saveItem(item("street-1", "image",
                    submitted("alice", WEEK1, box("a1", "car", 0, 0, 10, 10)),
                    submitted(GoldItems.GOLD_ANNOTATOR, WEEK1, box("g1", "car", 0, 0, 10, 10))));
            Tables t = tables(p, Measure.ALPHA);
            assertEquals(0, t.items());
            assertEquals(0, t.overall().table().unitCount());
        }
    }

    private static Annotation span(String id, String label, int start, int end) {
        return Annotation.create(id, Span.TYPE, label, new Span(start, end, null).toPayload(), "x");
    }
}
