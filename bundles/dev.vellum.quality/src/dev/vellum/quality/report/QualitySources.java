package dev.vellum.quality.report;

import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.validation.Validator;
import dev.vellum.quality.agreement.Bootstrap;
import dev.vellum.quality.agreement.Measure;
import dev.vellum.quality.agreement.ProjectAgreement;
import dev.vellum.quality.gold.GoldScores;
import dev.vellum.quality.report.QualityData.GoldPoint;
import dev.vellum.quality.rules.ProjectRule;
import dev.vellum.quality.rules.ProjectRules;
import dev.vellum.quality.rules.ProjectValidation;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the dashboard and the {@code report} command get their numbers: the one place that asks each
 * part of the quality engine (agreement, gold scores, validation with the project rules in force, the
 * label-distribution rules' expected shares) and hands the results to a {@link QualityCollector}.
 */
public final class QualitySources {
    private QualitySources() {
    }

    /**
     * Collects everything for {@code stored}.
     *
     * @param agreements the installed agreement units, or null to leave agreement and gold accuracy out
     * @param validator  the validation engine, or null to leave the findings count out
     * @param from       first day, or null
     * @param to         last day, or null
     * @param zone       the zone whose days are counted
     * @throws StoreException when the project, a gold reference or an item cannot be read, naming it
     */
    public static QualityData collect(StoredProject stored, AgreementRegistry agreements, Validator validator, LocalDate from,
            LocalDate to, ZoneId zone, Progress progress) throws StoreException {
        Progress p = progress == null ? Progress.NONE : progress;
        QualityCollector c = new QualityCollector(stored).between(from, to).zone(zone);
        if (agreements != null) {
            c.agreement(new ProjectAgreement(agreements).compute(stored,
                    new ProjectAgreement.Query(Measure.ALPHA, null, null, null, Bootstrap.DEFAULT), p));
            // gold accuracy per annotator and day (UTC days of the sets' last change, as GoldScores counts them)
            GoldScores.Report gold = new GoldScores(agreements).compute(stored, p);
            List<GoldPoint> points = new ArrayList<>();
            gold.annotators().values().forEach(a -> a.byDay().forEach((day, t) -> points.add(
                    new GoldPoint(a.annotator(), day, t.correct(), t.units()))));
            c.gold(points, gold.threshold());
            gold.problems().forEach(c::note);
        }
        c.expectedShares(expectedShares(stored, c));
        if (validator != null) {
            int[] findings = {0};
            new ProjectValidation(validator).validate(stored, p, f -> findings[0]++);
            c.validationFindings(findings[0]);
        }
        return c.collect(p);
    }

    /**
     * The expected shares of the label-distribution rules in force, keyed {@code <modality>/<label>}
     * (or the label alone for a rule over every modality); a rule file that cannot be read leaves the
     * expected bars out and says so in the data's notes (validation reports the file itself).
     */
    private static Map<String, Double> expectedShares(StoredProject stored, QualityCollector c) {
        Map<String, Double> shares = new HashMap<>();
        try {
            for (ProjectRule r : new ProjectRules(stored).inForce().rules().rules()) {
                if (r instanceof ProjectRule.LabelDistribution ld) {
                    ld.expected().forEach((label, share) -> shares.put(ld.modality().isEmpty() ? label : ld.modality() + "/" + label, share));
                }
            }
        } catch (StoreException e) {
            c.note("expected label shares left out: " + e.getMessage());
        }
        return shares;
    }
}
