package dev.vellum.quality.report;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.agreement.AgreementResult;
import dev.vellum.quality.agreement.ProjectAgreement;
import dev.vellum.quality.report.QualityData.AgreementPoint;
import dev.vellum.quality.report.QualityData.AgreementSummary;
import dev.vellum.quality.report.QualityData.GoldPoint;
import dev.vellum.quality.report.QualityData.GoldWarning;
import dev.vellum.quality.report.QualityData.LabelCount;
import dev.vellum.quality.report.QualityData.ReviewDay;
import dev.vellum.quality.report.QualityData.Throughput;
import dev.vellum.quality.report.QualityData.Value;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects {@link QualityData} from a project: throughput, label distribution and review outcomes
 * from the annotation sets and the audit trail; agreement, gold scores, expected label shares and the
 * validation findings count as given by the parts of the quality engine that compute them.
 *
 * <p>The audit trail is preferred where it speaks about a set, because it holds every transition
 * with its day; a set it says nothing about (a project imported without history, a store that keeps
 * no trail) is counted once, on the day it was last modified, at the state it is in now.
 *
 * <p>Use once: set the inputs, then {@link #collect}.
 */
public final class QualityCollector {
    /** The audit kinds the review workflow records; the detail of a rejection is its reason. */
    public static final String REVIEW_SUBMITTED = "review.submitted";
    /** @see #REVIEW_SUBMITTED */
    public static final String REVIEW_ACCEPTED = "review.accepted";
    /** @see #REVIEW_SUBMITTED */
    public static final String REVIEW_REJECTED = "review.rejected";
    /** @see #REVIEW_SUBMITTED */
    public static final String REVIEW_AUDITED = "review.audited";
    /** The reason shown for a rejection that recorded none. */
    public static final String NO_REASON = "unspecified";

    private static final int BATCH = 256;

    private final StoredProject stored;
    private LocalDate from;
    private LocalDate to;
    private ZoneId zone = ZoneId.systemDefault();
    private Map<String, Double> expectedShares = Map.of();
    private AgreementSummary agreement;
    private List<AgreementPoint> agreementOverTime = List.of();
    private List<GoldPoint> gold = List.of();
    private double goldThreshold = Double.NaN;
    private int validationFindings = -1;
    private final List<String> notes = new ArrayList<>();

    /** @param stored the project to read */
    public QualityCollector(StoredProject stored) {
        this.stored = Objects.requireNonNull(stored, "stored");
    }

    /** Only days from {@code first} to {@code last} (inclusive; either may be null for open). */
    public QualityCollector between(LocalDate first, LocalDate last) {
        if (first != null && last != null && last.isBefore(first)) {
            throw new IllegalArgumentException("the period ends (" + last + ") before it starts (" + first + ")");
        }
        this.from = first;
        this.to = last;
        return this;
    }

    /** The time zone whose days events are counted in (default: the system's). */
    public QualityCollector zone(ZoneId timeZone) {
        this.zone = Objects.requireNonNull(timeZone);
        return this;
    }

    /**
     * The share each label should have, 0..1: keyed by label for every modality, or by
     * {@code <modality>/<label>} for one modality (which wins).
     */
    public QualityCollector expectedShares(Map<String, Double> shares) {
        this.expectedShares = Map.copyOf(shares);
        return this;
    }

    /** Agreement as the agreement engine computed it (overall, per label, per pair, per week). */
    public QualityCollector agreement(ProjectAgreement.Report report) {
        this.agreement = summary(report);
        this.agreementOverTime = report.overTime().stream().map(p -> point(p.start(), p.result())).toList();
        return this;
    }

    /** Agreement given directly (for callers that hold their own numbers). */
    public QualityCollector agreement(AgreementSummary summary, List<AgreementPoint> overTime) {
        this.agreement = summary;
        this.agreementOverTime = List.copyOf(overTime);
        return this;
    }

    /**
     * Gold answers per annotator and day, and the accuracy below which an annotator is warned about
     * (NaN for no warnings).
     */
    public QualityCollector gold(List<GoldPoint> points, double threshold) {
        this.gold = List.copyOf(points);
        this.goldThreshold = threshold;
        return this;
    }

    /** How many findings the validation rules reported. */
    public QualityCollector validationFindings(int count) {
        this.validationFindings = count;
        return this;
    }

    /** A line saying what could not be collected, shown with the numbers. */
    public QualityCollector note(String line) {
        notes.add(line);
        return this;
    }

    /**
     * Reads the project and its audit trail.
     *
     * @throws StoreException when an item or the audit trail cannot be read, naming it
     */
    public QualityData collect(Progress progress) throws StoreException {
        Progress p = progress == null ? Progress.NONE : progress;
        List<String> ids = stored.project().itemIds();
        p.begin("Collecting quality numbers", ids.size() + 1);
        List<AuditEvent> events = stored.audit().events(null);
        p.worked(1);

        // Which sets the trail speaks about, per sort of fact.
        Set<String> stateKnown = new HashSet<>();
        Set<String> editKnown = new HashSet<>();
        Set<String> reviewKnown = new HashSet<>();
        for (AuditEvent e : events) {
            if (e.itemId().isEmpty() || e.annotator().isEmpty()) {
                continue;
            }
            String key = key(e.itemId(), e.annotator());
            if (e.kind().equals(AuditEvent.STATE_CHANGED)) {
                stateKnown.add(key);
            } else if (e.kind().startsWith("annotation.")) {
                editKnown.add(key);
            } else if (e.kind().startsWith("review.")) {
                reviewKnown.add(key);
            }
        }

        Map<DayWho, int[]> work = new TreeMap<>(); // [submitted, changed]
        Map<DayWho, Set<String>> changedSets = new HashMap<>();
        Map<LocalDate, Review> reviews = new TreeMap<>();
        for (AuditEvent e : events) {
            if (e.itemId().isEmpty() || e.annotator().isEmpty()) {
                continue;
            }
            LocalDate day = day(e.time());
            if (!inPeriod(day)) {
                continue;
            }
            String key = key(e.itemId(), e.annotator());
            String kind = e.kind();
            if (kind.equals(AuditEvent.STATE_CHANGED)) {
                AnnotationState after = state(e.after());
                if (after == AnnotationState.SUBMITTED) {
                    work.computeIfAbsent(new DayWho(day, e.annotator()), k -> new int[2])[0]++;
                }
                if (!reviewKnown.contains(key) && after != null) {
                    reviews.computeIfAbsent(day, d -> new Review()).count(after, "");
                }
            } else if (kind.startsWith("annotation.")) {
                changedSets.computeIfAbsent(new DayWho(day, e.annotator()), k -> new HashSet<>()).add(e.itemId());
            } else if (kind.startsWith("review.")) {
                AnnotationState s = switch (kind) {
                    case REVIEW_SUBMITTED -> AnnotationState.SUBMITTED;
                    case REVIEW_ACCEPTED -> AnnotationState.ACCEPTED;
                    case REVIEW_REJECTED -> AnnotationState.REJECTED;
                    // an audit passes (audited) or fails (back to its author, rejected): the state after says which
                    case REVIEW_AUDITED -> state(e.after()) == AnnotationState.REJECTED ? AnnotationState.REJECTED : AnnotationState.AUDITED;
                    default -> null; // comments change nothing
                };
                if (s != null) {
                    reviews.computeIfAbsent(day, d -> new Review()).count(s, reason(e));
                }
            }
        }

        Set<String> annotators = new TreeSet<>();
        Map<String, Map<String, Integer>> labelCounts = new TreeMap<>();
        for (int start = 0; start < ids.size(); start += BATCH) {
            if (p.isCanceled()) {
                break;
            }
            List<String> batch = ids.subList(start, Math.min(ids.size(), start + BATCH));
            for (Item item : stored.loadItems(batch)) {
                for (AnnotationSet s : item.sets()) {
                    annotators.add(s.annotator());
                    LocalDate day = day(s.modified());
                    if (!inPeriod(day)) {
                        continue;
                    }
                    String key = key(item.id(), s.annotator());
                    DayWho who = new DayWho(day, s.annotator());
                    if (!stateKnown.contains(key) && handedIn(s.state())) {
                        work.computeIfAbsent(who, k -> new int[2])[0]++;
                    }
                    if (!editKnown.contains(key) && !s.annotations().isEmpty()) {
                        changedSets.computeIfAbsent(who, k -> new HashSet<>()).add(item.id());
                    }
                    if (!stateKnown.contains(key) && !reviewKnown.contains(key) && s.state() != AnnotationState.IN_PROGRESS) {
                        reviews.computeIfAbsent(day, d -> new Review()).count(s.state(), "");
                    }
                    if (handedIn(s.state())) {
                        Map<String, Integer> counts = labelCounts.computeIfAbsent(item.modalityId(), m -> new TreeMap<>());
                        for (Annotation a : s.annotations()) {
                            if (!a.label().isEmpty()) {
                                counts.merge(a.label(), 1, Integer::sum);
                            }
                        }
                    }
                }
            }
            p.worked(batch.size());
        }
        for (ItemSummary summary : stored.project().items()) {
            summary.sets().forEach(s -> annotators.add(s.annotator()));
        }
        changedSets.forEach((who, sets) -> work.computeIfAbsent(who, k -> new int[2])[1] = sets.size());

        List<Throughput> throughput = new ArrayList<>();
        work.forEach((who, n) -> {
            throughput.add(new Throughput(who.day(), who.annotator(), n[0], n[1]));
            annotators.add(who.annotator());
        });
        List<ReviewDay> reviewDays = new ArrayList<>();
        reviews.forEach((day, r) -> reviewDays.add(new ReviewDay(day, r.submitted, r.accepted, r.rejected, r.audited)));

        List<GoldPoint> goldInPeriod = gold.stream().filter(g -> inPeriod(g.day()))
                .sorted(java.util.Comparator.comparing(GoldPoint::annotator).thenComparing(GoldPoint::day)).toList();
        goldInPeriod.forEach(g -> annotators.add(g.annotator()));
        List<AgreementPoint> agreementInPeriod = agreementOverTime.stream()
                .filter(a -> inPeriod(a.weekStart()) || inPeriod(a.weekStart().plusDays(6))).toList();

        return new QualityData(stored.project().name(), Instant.now(), from, to, new ArrayList<>(annotators), throughput,
                labels(labelCounts), reviewDays, agreement, agreementInPeriod, goldInPeriod, goldThreshold,
                warnings(goldInPeriod, goldThreshold), validationFindings, notes);
    }

    /** Agreement summary of an agreement report, as the report's tables show it. */
    public static AgreementSummary summary(ProjectAgreement.Report report) {
        AgreementResult o = report.overall();
        Map<String, Value> byLabel = new LinkedHashMap<>();
        report.byLabel().forEach((k, v) -> byLabel.put(k, value(v)));
        Map<String, Value> byPair = new LinkedHashMap<>();
        report.byPair().forEach((k, v) -> byPair.put(k, value(v)));
        return new AgreementSummary(o.measure().id(), o.level().name().toLowerCase(Locale.ROOT), value(o), report.units(),
                report.items(), byLabel, byPair);
    }

    private static Value value(AgreementResult r) {
        return new Value(r.value(), r.ci() == null ? Double.NaN : r.ci().low(), r.ci() == null ? Double.NaN : r.ci().high(), r.units(),
                r.note());
    }

    private static AgreementPoint point(LocalDate week, AgreementResult r) {
        return new AgreementPoint(week, r.value(), r.ci() == null ? Double.NaN : r.ci().low(), r.ci() == null ? Double.NaN : r.ci().high());
    }

    private List<LabelCount> labels(Map<String, Map<String, Integer>> counts) {
        // Labels with an expected share belong to the distribution even when nobody used them yet.
        for (Map.Entry<String, Double> e : expectedShares.entrySet()) {
            String k = e.getKey();
            int slash = k.indexOf('/');
            if (slash > 0) {
                counts.computeIfAbsent(k.substring(0, slash), m -> new TreeMap<>()).putIfAbsent(k.substring(slash + 1), 0);
            } else {
                for (LabelSchema schema : stored.project().schemas().values()) {
                    if (schema.classes().stream().map(LabelClass::name).anyMatch(k::equals)) {
                        counts.computeIfAbsent(schema.modalityId(), m -> new TreeMap<>()).putIfAbsent(k, 0);
                    }
                }
            }
        }
        List<LabelCount> out = new ArrayList<>();
        counts.forEach((modality, byLabel) -> {
            int total = byLabel.values().stream().mapToInt(Integer::intValue).sum();
            byLabel.forEach((label, n) -> {
                Double expected = expectedShares.get(modality + "/" + label);
                if (expected == null) {
                    expected = expectedShares.get(label);
                }
                out.add(new LabelCount(modality, label, n, total == 0 ? 0 : (double) n / total, expected == null ? Double.NaN : expected));
            });
        });
        return out;
    }

    private static List<GoldWarning> warnings(List<GoldPoint> points, double threshold) {
        if (Double.isNaN(threshold)) {
            return List.of();
        }
        Map<String, int[]> sums = new TreeMap<>();
        for (GoldPoint g : points) {
            int[] s = sums.computeIfAbsent(g.annotator(), a -> new int[2]);
            s[0] += g.correct();
            s[1] += g.total();
        }
        List<GoldWarning> out = new ArrayList<>();
        sums.forEach((annotator, s) -> {
            if (s[1] > 0 && (double) s[0] / s[1] < threshold) {
                out.add(new GoldWarning(annotator, (double) s[0] / s[1], s[0], s[1], threshold));
            }
        });
        return out;
    }

    private static boolean handedIn(AnnotationState s) {
        return s == AnnotationState.SUBMITTED || s == AnnotationState.IN_REVIEW || s == AnnotationState.ACCEPTED
                || s == AnnotationState.AUDITED;
    }

    /**
     * The reason of a rejection: the review workflow keeps it in {@code after.text} (its detail is a
     * sentence about the step); a trail written otherwise may have only the detail.
     */
    private static String reason(AuditEvent e) {
        if (e.after() != null && e.after().get("text") instanceof String text) {
            return text;
        }
        return e.detail();
    }

    private static AnnotationState state(Map<String, Object> tree) {
        if (tree == null || !(tree.get("state") instanceof String s)) {
            return null;
        }
        try {
            return AnnotationState.fromId(s.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null; // a state this version does not know: not counted
        }
    }

    private LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, zone);
    }

    private boolean inPeriod(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    private static String key(String item, String annotator) {
        return item + '\u0000' + annotator;
    }

    private record DayWho(LocalDate day, String annotator) implements Comparable<DayWho> {
        @Override
        public int compareTo(DayWho o) {
            int c = day.compareTo(o.day);
            return c != 0 ? c : annotator.compareTo(o.annotator);
        }
    }

    /** One day's review counts while collecting. */
    private static final class Review {
        int submitted;
        int accepted;
        int audited;
        final Map<String, Integer> rejected = new TreeMap<>();

        void count(AnnotationState s, String reason) {
            switch (s) {
                case SUBMITTED -> submitted++;
                case ACCEPTED -> accepted++;
                case AUDITED -> audited++;
                case REJECTED -> rejected.merge(reason == null || reason.isBlank() ? NO_REASON : reason.strip(), 1, Integer::sum);
                default -> {
                    // in progress, in review: not an outcome
                }
            }
        }
    }
}
