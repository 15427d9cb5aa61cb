package dev.vellum.quality.report;

import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.validation.Validator;
import dev.vellum.quality.agreement.Bootstrap;
import dev.vellum.quality.agreement.Measure;
import dev.vellum.quality.agreement.ProjectAgreement;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Where the dashboard and the {@code report} command get their numbers: the one place that asks each
 * part of the quality engine (agreement, validation; gold scores and expected label shares once they
 * are wired here) and hands the results to a {@link QualityCollector}. What a part cannot give yet
 * becomes a note shown with the numbers instead of failing the whole report.
 */
public final class QualitySources {
    private QualitySources() {
    }

    /**
     * Collects everything for {@code stored}.
     *
     * @param agreements the installed agreement units, or null to leave agreement out
     * @param validator  the validation engine, or null to leave the findings count out
     * @param from       first day, or null
     * @param to         last day, or null
     * @param zone       the zone whose days are counted
     * @throws StoreException when the project cannot be read, naming the file
     */
    public static QualityData collect(StoredProject stored, AgreementRegistry agreements, Validator validator, LocalDate from,
            LocalDate to, ZoneId zone, Progress progress) throws StoreException {
        Progress p = progress == null ? Progress.NONE : progress;
        QualityCollector c = new QualityCollector(stored).between(from, to).zone(zone);
        if (agreements != null) {
            try {
                c.agreement(new ProjectAgreement(agreements).compute(stored,
                        new ProjectAgreement.Query(Measure.ALPHA, null, null, null, Bootstrap.DEFAULT), p));
            } catch (UnsupportedOperationException e) {
                // ProjectAgreement.compute is written on another branch; until it is merged the rest still reports
                c.note("Agreement is not available in this build yet: " + e.getMessage() + ".");
            }
        }
        if (validator != null) {
            int[] findings = {0};
            validator.validate(stored, p, f -> findings[0]++);
            c.validationFindings(findings[0]);
        }
        return c.collect(p);
    }
}
