package dev.vellum.quality.agreement;

import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Agreement over a project: the units every installed modality makes of the items annotators shared
 * ({@link AgreementRegistry}), gathered into rating tables and measured overall, per label, per
 * annotator pair and per period. Knows no modality: a modality that registers agreement units is
 * measured without change here.
 */
public final class ProjectAgreement {
    private final AgreementRegistry registry;

    /** @param registry the installed agreement units */
    public ProjectAgreement(AgreementRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
    }

    /**
     * What to measure.
     *
     * @param measure   the coefficient
     * @param level     the level to read values at; null for each unit kind's own level
     * @param label     only units some annotator gave this label; null for all
     * @param kind      only units of this kind (e.g. {@code image.bbox}); null for all
     * @param bootstrap the confidence interval to compute
     */
    public record Query(Measure measure, MeasurementLevel level, String label, String kind, Bootstrap bootstrap) {
        public Query {
            Objects.requireNonNull(measure, "measure");
            Objects.requireNonNull(bootstrap, "bootstrap");
        }
    }

    /**
     * The answer.
     *
     * @param overall  over every unit the query selects
     * @param byLabel  per label (units in which some annotator gave it), sorted by label
     * @param byPair   per annotator pair, keyed {@code "alice|bob"} (names sorted), sorted
     * @param byKind   per unit kind, sorted
     * @param overTime per week (Monday start) of the sets' last change, oldest first
     * @param items    items with at least two annotators' sets
     * @param units    units read
     */
    public record Report(AgreementResult overall, Map<String, AgreementResult> byLabel, Map<String, AgreementResult> byPair,
            Map<String, AgreementResult> byKind, List<Period> overTime, int items, int units) {
    }

    /** Agreement over the units of sets last changed in one period. */
    public record Period(LocalDate start, AgreementResult result) {
    }

    /**
     * Measures the project.
     *
     * @throws StoreException when an item cannot be read, naming it
     */
    public Report compute(StoredProject stored, Query query, Progress progress) throws StoreException {
        throw new UnsupportedOperationException("not written yet");
    }

    AgreementRegistry registry() {
        return registry;
    }
}
