package dev.vellum.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.validation.Validator;
import dev.vellum.quality.report.QualityCollector;
import dev.vellum.quality.report.QualitySources;
import dev.vellum.quality.rules.ProjectRules;
import dev.vellum.quality.report.QualityData;
import dev.vellum.quality.report.QualityData.GoldPoint;
import dev.vellum.quality.report.QualityData.LabelCount;
import dev.vellum.quality.report.QualityData.ReviewDay;
import dev.vellum.quality.report.QualityData.Throughput;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the dashboard counts, from sets alone and from the audit trail. */
class QualityCollectorTest {
    private static final LocalDate NOV2 = LocalDate.of(2026, 11, 2);
    private static final LocalDate NOV3 = LocalDate.of(2026, 11, 3);

    @TempDir
    Path tmp;

    @Test
    void withoutATrailEachSetCountsOnItsLastModifiedDayAtItsState() throws Exception {
        try (StoredProject p = QualityProjects.small(tmp.resolve("p"))) {
            QualityData d = new QualityCollector(p).zone(ZoneOffset.UTC).collect(Progress.NONE);

            assertEquals("Dashboard test", d.projectName());
            assertEquals(List.of("alice", "bob"), d.annotators());
            assertEquals(List.of(new Throughput(NOV2, "alice", 1, 2), new Throughput(NOV3, "bob", 1, 2)), d.throughput());
            assertEquals(List.of(new ReviewDay(NOV2, 1, 0, Map.of(), 0),
                    new ReviewDay(NOV3, 0, 1, Map.of(QualityCollector.NO_REASON, 1), 0)), d.reviews());
            // labels of handed-in sets only: alice's i1 and bob's accepted i1; not the in-progress truck nor the rejected person
            assertEquals(List.of(new LabelCount("image", "car", 3, 0.75, Double.NaN), new LabelCount("image", "person", 1, 0.25, Double.NaN)),
                    d.labels());
            assertTrue(d.agreementOverTime().isEmpty());
            assertEquals(-1, d.validationFindings());
        }
    }

    @Test
    void expectedSharesJoinTheObservedOnesAndNameUnusedLabels() throws Exception {
        try (StoredProject p = QualityProjects.small(tmp.resolve("p"))) {
            QualityData d = new QualityCollector(p).zone(ZoneOffset.UTC)
                    .expectedShares(Map.of("car", 0.5, "person", 0.3, "image/bicycle", 0.2, "text/PER", 1.0)).collect(Progress.NONE);
            assertEquals(List.of(new LabelCount("image", "bicycle", 0, 0, 0.2), new LabelCount("image", "car", 3, 0.75, 0.5),
                    new LabelCount("image", "person", 1, 0.25, 0.3), new LabelCount("text", "PER", 0, 0, 1.0)), d.labels());
        }
    }

    @Test
    void theTrailWinsForTheSetsItSpeaksAbout() throws Exception {
        try (StoredProject p = QualityProjects.small(tmp.resolve("p"))) {
            p.audit().append(List.of(
                    QualityProjects.event("2026-11-05T09:00:00Z", AuditEvent.STATE_CHANGED, "i1", "alice", Map.of("state", "SUBMITTED"), ""),
                    QualityProjects.event("2026-11-05T09:00:00Z", AuditEvent.ANNOTATION_CREATED, "i1", "alice", Map.of(), "car"),
                    QualityProjects.event("2026-11-05T09:01:00Z", AuditEvent.ANNOTATION_CHANGED, "i1", "alice", Map.of(), "car"),
                    QualityProjects.event("2026-11-05T09:02:00Z", QualityCollector.REVIEW_SUBMITTED, "i1", "alice", null, ""),
                    // as the review workflow writes it: the reason in after.text, a sentence in the detail
                    QualityProjects.event("2026-11-06T11:00:00Z", QualityCollector.REVIEW_REJECTED, "i1", "alice",
                            Map.of("state", "rejected", "text", "missed objects"), "rejected the set of alice: missed objects"),
                    QualityProjects.event("2026-11-06T12:00:00Z", AuditEvent.STATE_CHANGED, "i1", "alice", Map.of("state", "REJECTED"), ""),
                    QualityProjects.event("2026-11-06T13:00:00Z", QualityCollector.REVIEW_REJECTED, "i3", "bob", null, "wrong label"),
                    QualityProjects.event("2026-11-07T08:00:00Z", QualityCollector.REVIEW_ACCEPTED, "i3", "bob", null, ""),
                    QualityProjects.event("2026-11-08T08:00:00Z", QualityCollector.REVIEW_AUDITED, "i3", "bob", null, ""),
                    // a failed audit sends the set back: a rejection
                    QualityProjects.event("2026-11-08T09:00:00Z", QualityCollector.REVIEW_AUDITED, "gone", "carol",
                            Map.of("state", "rejected", "text", "missed objects"), "audited the set of carol: missed objects"),
                    QualityProjects.event("2026-11-08T10:00:00Z", "review.commented", "i3", "bob", Map.of("state", "audited", "text", "ok"), "")));

            QualityData d = new QualityCollector(p).zone(ZoneOffset.UTC).collect(Progress.NONE);

            // alice: i1 from the trail on 5 Nov (submitted once, one set edited), i2 from its modified day
            // bob: i1 and i3 from their modified day (the trail has no state or edit for them)
            assertEquals(List.of(new Throughput(NOV2, "alice", 0, 1), new Throughput(NOV3, "bob", 1, 2),
                    new Throughput(LocalDate.of(2026, 11, 5), "alice", 1, 1)), d.throughput());
            assertEquals(List.of(new ReviewDay(NOV3, 0, 1, Map.of(), 0), // bob's accepted i1, from its set
                    new ReviewDay(LocalDate.of(2026, 11, 5), 1, 0, Map.of(), 0),
                    new ReviewDay(LocalDate.of(2026, 11, 6), 0, 0, Map.of("missed objects", 1, "wrong label", 1), 0),
                    new ReviewDay(LocalDate.of(2026, 11, 7), 0, 1, Map.of(), 0),
                    new ReviewDay(LocalDate.of(2026, 11, 8), 0, 0, Map.of("missed objects", 1), 1)), d.reviews());
            assertEquals(List.of("alice", "bob"), d.annotators());

            QualityData period = new QualityCollector(p).zone(ZoneOffset.UTC).between(LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 6))
                    .collect(Progress.NONE);
            assertEquals(List.of(LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 6)), period.reviews().stream().map(ReviewDay::day).toList());
            assertEquals(List.of(new Throughput(LocalDate.of(2026, 11, 5), "alice", 1, 1)), period.throughput());
        }
    }

    @Test
    void stateEventsStandInForReviewEventsAndDaysFollowTheZone() throws Exception {
        try (StoredProject p = QualityProjects.small(tmp.resolve("p"))) {
            p.audit().append(List.of(
                    QualityProjects.event("2026-11-09T23:30:00Z", AuditEvent.STATE_CHANGED, "i3", "bob", Map.of("state", "ACCEPTED"), "")));
            QualityData utc = new QualityCollector(p).zone(ZoneOffset.UTC).collect(Progress.NONE);
            assertEquals(new ReviewDay(LocalDate.of(2026, 11, 9), 0, 1, Map.of(), 0), utc.reviews().get(utc.reviews().size() - 1));
            QualityData tokyo = new QualityCollector(p).zone(java.time.ZoneId.of("Asia/Tokyo")).collect(Progress.NONE);
            assertEquals(new ReviewDay(LocalDate.of(2026, 11, 10), 0, 1, Map.of(), 0), tokyo.reviews().get(tokyo.reviews().size() - 1));
            // bob's rejected i3 is now known from the trail only: no "unspecified" rejection from its set
            assertTrue(utc.reviews().stream().allMatch(r -> r.rejected().isEmpty()), utc.reviews().toString());
        }
    }

    @Test
    void goldBelowTheThresholdOverThePeriodIsAWarning() throws Exception {
        try (StoredProject p = QualityProjects.small(tmp.resolve("p"))) {
            List<GoldPoint> gold = List.of(new GoldPoint("alice", NOV2, 8, 10), new GoldPoint("alice", NOV3, 1, 5),
                    new GoldPoint("bob", NOV2, 10, 10), new GoldPoint("dora", NOV3, 0, 0));
            QualityData d = new QualityCollector(p).zone(ZoneOffset.UTC).gold(gold, 0.8).collect(Progress.NONE);
            assertEquals(List.of(new QualityData.GoldWarning("alice", 0.6, 9, 15, 0.8)), d.goldWarnings());
            assertEquals(List.of("alice", "bob", "dora"), d.annotators());
            // only 2 Nov: alice has 80%, not below
            QualityData day = new QualityCollector(p).zone(ZoneOffset.UTC).between(NOV2, NOV2).gold(gold, 0.8).collect(Progress.NONE);
            assertTrue(day.goldWarnings().isEmpty(), day.goldWarnings().toString());
            QualityData none = new QualityCollector(p).gold(gold, Double.NaN).collect(Progress.NONE);
            assertTrue(none.goldWarnings().isEmpty());
        }
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefused() throws Exception {
        try (StoredProject p = QualityProjects.small(tmp.resolve("p"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new QualityCollector(p).between(NOV3, NOV2));
            assertTrue(e.getMessage().contains("2026-11-02"), e.getMessage());
        }
    }

    @Test
    void sourcesTakeExpectedSharesAndFindingsFromTheProjectRulesInForce() throws Exception {
        try (StoredProject p = QualityProjects.small(tmp.resolve("p"))) {
            Validator validator = new Validator(new ModalityRegistry());
            // core's rules find the test items' missing media; the project rule adds to that
            int coreFindings = QualitySources.collect(p, null, validator, null, null, ZoneOffset.UTC, Progress.NONE).validationFindings();
            new ProjectRules(p).saveDraft("test", """
                    {"format": "vellum-rules", "formatVersion": 1, "rules": [
                      {"id": "balance", "kind": "label-distribution", "modality": "image", "expected": {"car": 0.4, "person": 0.6},
                       "tolerance": 0.1}
                    ]}
                    """, "carol");
            QualityData d = QualitySources.collect(p, null, validator, null, null, ZoneOffset.UTC, Progress.NONE);

            assertEquals(List.of(new LabelCount("image", "car", 3, 0.75, 0.4), new LabelCount("image", "person", 1, 0.25, 0.6)),
                    d.labels());
            // the distribution rule finds car (75 % against 40 %) and person (25 % against 60 %) outside the tolerance
            assertEquals(coreFindings + 2, d.validationFindings(), d.toString());
        }
    }
}
