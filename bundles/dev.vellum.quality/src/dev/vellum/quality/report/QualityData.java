package dev.vellum.quality.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The numbers behind the quality dashboard and the HTML report, as plain records. Built by
 * {@link QualityCollector} from a project and the results other parts of the quality engine compute
 * (agreement, gold scores, expected label shares, validation findings); drawn by {@link Charts}.
 *
 * @param projectName        the project's name
 * @param generated          when the numbers were collected
 * @param from               first day included, or null for no lower bound
 * @param to                 last day included, or null for no upper bound
 * @param annotators         every annotator the numbers mention, sorted: the order that gives each
 *                           one the same colour in every chart
 * @param throughput         per day and annotator, oldest first
 * @param labels             observed label counts (and expected shares) per modality, sorted
 * @param reviews            review outcomes per day, oldest first
 * @param agreement          agreement over the project, or null when it was not computed
 * @param agreementOverTime  agreement per week, oldest first
 * @param gold               gold accuracy per annotator and day, sorted by annotator then day
 * @param goldThreshold      the accuracy below which an annotator is warned about; NaN for none
 * @param goldWarnings       annotators whose gold accuracy is below the threshold, sorted
 * @param validationFindings findings of the validation rules, or -1 when validation was not run
 * @param notes              what could not be collected and why (shown in the report), in order
 */
public record QualityData(String projectName, Instant generated, LocalDate from, LocalDate to, List<String> annotators,
        List<Throughput> throughput, List<LabelCount> labels, List<ReviewDay> reviews, AgreementSummary agreement,
        List<AgreementPoint> agreementOverTime, List<GoldPoint> gold, double goldThreshold, List<GoldWarning> goldWarnings,
        int validationFindings, List<String> notes) {
    public QualityData {
        projectName = projectName == null ? "" : projectName;
        Objects.requireNonNull(generated, "generated");
        annotators = List.copyOf(new TreeSet<>(annotators));
        throughput = List.copyOf(throughput);
        labels = List.copyOf(labels);
        reviews = List.copyOf(reviews);
        agreementOverTime = List.copyOf(agreementOverTime);
        gold = List.copyOf(gold);
        goldWarnings = List.copyOf(goldWarnings);
        notes = List.copyOf(notes);
    }

    /**
     * Work one annotator did on one day.
     *
     * @param day       the day (in the collector's time zone)
     * @param annotator whose sets
     * @param submitted sets the annotator handed in that day
     * @param changed   sets whose annotations changed that day
     */
    public record Throughput(LocalDate day, String annotator, int submitted, int changed) {
    }

    /**
     * How often a label was used in handed-in work, and how often it should be.
     *
     * @param modality      the modality whose schema the label belongs to
     * @param label         the label
     * @param count         annotations with the label in submitted (or later) sets
     * @param share         {@code count} over all labelled annotations of the modality, 0..1
     * @param expectedShare the expected share 0..1, or NaN when none was given
     */
    public record LabelCount(String modality, String label, int count, double share, double expectedShare) {
        /** Whether an expected share was given. */
        public boolean hasExpected() {
            return !Double.isNaN(expectedShare);
        }
    }

    /**
     * What review decided on one day.
     *
     * @param day       the day
     * @param submitted sets handed in for review
     * @param accepted  sets accepted
     * @param rejected  sets rejected, per reason (sorted; "unspecified" when no reason was recorded)
     * @param audited   sets audited
     */
    public record ReviewDay(LocalDate day, int submitted, int accepted, Map<String, Integer> rejected, int audited) {
        public ReviewDay {
            rejected = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rejected));
        }

        /** Sets rejected for any reason. */
        public int rejectedTotal() {
            return rejected.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Agreement in one week.
     *
     * @param weekStart the Monday the week starts on
     * @param value     the coefficient, NaN when undefined for the week
     * @param ciLow     lower bound of the confidence interval, NaN when none
     * @param ciHigh    upper bound, NaN when none
     */
    public record AgreementPoint(LocalDate weekStart, double value, double ciLow, double ciHigh) {
        /** Whether the week has a confidence interval. */
        public boolean hasInterval() {
            return !Double.isNaN(ciLow) && !Double.isNaN(ciHigh);
        }
    }

    /**
     * One annotator's gold answers on one day.
     *
     * @param annotator who answered
     * @param day       the day
     * @param correct   answers that matched the reference
     * @param total     gold items answered
     */
    public record GoldPoint(String annotator, LocalDate day, int correct, int total) {
        /** correct / total, NaN when nothing was answered. */
        public double accuracy() {
            return total == 0 ? Double.NaN : (double) correct / total;
        }
    }

    /**
     * An annotator whose gold accuracy over the period is below the threshold.
     *
     * @param annotator who
     * @param accuracy  correct / total over the period
     * @param correct   correct answers
     * @param total     gold items answered
     * @param threshold the threshold it is below
     */
    public record GoldWarning(String annotator, double accuracy, int correct, int total, double threshold) {
    }

    /**
     * Agreement over the whole project, as the report's tables show it.
     *
     * @param measure measure id (e.g. {@code alpha})
     * @param level   level of measurement id (e.g. {@code nominal})
     * @param overall over every unit
     * @param units   units measured
     * @param items   items with at least two annotators' sets
     * @param byLabel per label, sorted
     * @param byPair  per annotator pair ({@code "alice|bob"}), sorted
     */
    public record AgreementSummary(String measure, String level, Value overall, int units, int items, Map<String, Value> byLabel,
            Map<String, Value> byPair) {
        public AgreementSummary {
            byLabel = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byLabel));
            byPair = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byPair));
        }
    }

    /**
     * One coefficient with its interval.
     *
     * @param value  NaN when undefined
     * @param ciLow  NaN when there is no interval
     * @param ciHigh NaN when there is no interval
     * @param units  units it was computed over
     * @param note   why it is NaN or what was left out; may be empty
     */
    public record Value(double value, double ciLow, double ciHigh, int units, String note) {
        public Value {
            note = note == null ? "" : note;
        }
    }

    /** Whether nothing at all was collected (an empty or brand-new project). */
    public boolean isEmpty() {
        return throughput.isEmpty() && labels.isEmpty() && reviews.isEmpty() && agreementOverTime.isEmpty() && gold.isEmpty();
    }
}
