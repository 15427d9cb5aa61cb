package dev.vellum.quality.agreement;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.gold.GoldItems;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Agreement over a project: the units every installed modality makes of the items annotators shared
 * ({@link AgreementRegistry}), gathered into rating tables and measured overall, per label, per
 * annotator pair and per period. Knows no modality: a modality that registers agreement units is
 * measured without change here.
 * <p>
 * <b>Which sets.</b> Of each item, the annotation sets that left the annotator's hands (every state
 * but {@link AnnotationState#IN_PROGRESS}), never a gold reference (gold answers are kept apart from
 * items, and a set of the annotator {@link GoldItems#GOLD_ANNOTATOR} is skipped too). Items with
 * fewer than two such sets are not read further.
 * <p>
 * <b>Unmatched units.</b> A unit lacks the rating of an annotator who compared the item but drew
 * nothing there (a box only the other drew). For Krippendorff's alpha that rating is missing, as
 * alpha defines: the unit enters with the ratings it has (and drops out when fewer than two are
 * left). Cohen's and Fleiss' kappa need every cell, so for them an annotator who had a set on the
 * item but no rating for the unit counts as the category {@value #NONE}: an unmatched box is a
 * disagreement. An annotator without a compared set on the item is left out of its units (missing)
 * for every measure.
 * <p>
 * <b>Levels.</b> Each table is read at the query's level when it gives one, else at the level its
 * units have ({@link AgreementUnit#level()}). Units of different levels are never mixed at their
 * own levels: when the units of one table (overall, a label, a pair, a week) have different levels
 * and the query gives none, that table is read at {@link MeasurementLevel#NOMINAL}, the one level
 * every value can be read at; {@link Report#byKind()} then holds each kind at its own level.
 * <p>
 * <b>Threads.</b> Items are loaded in batches ({@link StoredProject#loadItems}) and the units of a
 * batch's items are made on several threads at once: units services are stateless by contract, and
 * those that read media do so through the store's read-only calls ({@code resolve}, documents).
 */
public final class ProjectAgreement {
    /** The category an annotator who compared the item but did not rate a unit gets for Cohen and Fleiss. */
    public static final String NONE = "<none>";

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
     * @param overTime per week (Monday start) of the sets' last annotation ({@link AnnotationSet#lastAnnotated()}:
     *                 when the work was done, not when it was reviewed), oldest first
     * @param items    items with at least two annotators' sets
     * @param units    units read
     */
    public record Report(AgreementResult overall, Map<String, AgreementResult> byLabel, Map<String, AgreementResult> byPair,
            Map<String, AgreementResult> byKind, List<Period> overTime, int items, int units) {
    }

    /** Agreement over the units of sets last annotated in one period. */
    public record Period(LocalDate start, AgreementResult result) {
    }

    /**
     * One rating table ready to measure, with the level to read it at.
     *
     * @param table the units by raters
     * @param level the level its values are read at
     */
    public record Table(RatingTable table, MeasurementLevel level) {
        public Table {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(level, "level");
        }
    }

    /**
     * The rating tables a {@link Report} is computed from, in the same slices; what
     * {@link #compute} measures, exposed so that the tables themselves can be checked and exported.
     *
     * @param overall  every unit the query selects
     * @param byLabel  per label, sorted
     * @param byPair   per annotator pair {@code "a|b"}, sorted
     * @param byKind   per unit kind, sorted
     * @param overTime per week start (Monday, UTC), oldest first
     * @param items    items with at least two compared sets
     * @param units    units selected
     */
    public record Tables(Table overall, Map<String, Table> byLabel, Map<String, Table> byPair, Map<String, Table> byKind,
            Map<LocalDate, Table> overTime, int items, int units) {
    }

    /**
     * Measures the project.
     *
     * @throws StoreException when an item cannot be read, naming it
     */
    public Report compute(StoredProject stored, Query query, Progress progress) throws StoreException {
        Tables t = tables(stored, query, progress);
        Map<String, AgreementResult> byLabel = measureAll(t.byLabel(), query);
        Map<String, AgreementResult> byPair = measureAll(t.byPair(), query);
        Map<String, AgreementResult> byKind = measureAll(t.byKind(), query);
        List<Period> overTime = new ArrayList<>();
        t.overTime().forEach((week, table) -> overTime.add(new Period(week, measure(table, query))));
        return new Report(measure(t.overall(), query), byLabel, byPair, byKind, List.copyOf(overTime), t.items(), t.units());
    }

    /**
     * Gathers the project's units into the tables {@link #compute} measures (see the class comment
     * for which sets, unmatched units and levels). A cancelled progress stops reading items; the
     * tables then hold the items read so far.
     *
     * @throws StoreException when an item cannot be read, naming it
     */
    public Tables tables(StoredProject stored, Query query, Progress progress) throws StoreException {
        boolean fill = query.measure() != Measure.ALPHA;
        List<Row> rows = new ArrayList<>();
        List<String> ids = stored.project().itemIds();
        progress.begin("Reading units of " + ids.size() + " items", ids.size());
        int items = 0;
        // In batches: a store may read a batch's items in parallel (the folder store does), their
        // units are made in parallel (units services are stateless), and the heap holds one batch
        // of items besides the units.
        for (int from = 0; from < ids.size() && !progress.isCanceled(); from += 256) {
            List<Item> batch = stored.loadItems(ids.subList(from, Math.min(ids.size(), from + 256)));
            @SuppressWarnings("unchecked")
            List<Row>[] perItem = new List[batch.size()];
            IntStream.range(0, batch.size()).parallel().forEach(i -> {
                List<AnnotationSet> sets = compared(batch.get(i));
                perItem[i] = sets.size() >= 2 ? rows(stored, batch.get(i), sets, query) : null;
            });
            for (List<Row> r : perItem) {
                if (r != null) {
                    items++;
                    rows.addAll(r);
                }
            }
            progress.worked(batch.size());
        }
        // Each slice's rows are collected in one pass over the rows (a row joins the slices of its
        // labels, of the pairs of its item's annotators, its kind and its week), so a project of a
        // million units and many labels or annotators is not walked once per slice.
        TreeMap<String, List<Row>> labelRows = new TreeMap<>();
        TreeMap<String, List<Row>> pairRows = new TreeMap<>();
        Map<String, Set<String>> pairNames = new HashMap<>();
        TreeMap<String, List<Row>> kindRows = new TreeMap<>();
        TreeMap<LocalDate, List<Row>> weekRows = new TreeMap<>();
        for (Row r : rows) {
            for (String label : labels(r)) {
                labelRows.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
            }
            List<String> names = r.compared;
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                    // the pair's units: on items both compared, rated by at least one of them
                    String a = names.get(i), b = names.get(j);
                    if (r.values[i] != null || r.values[j] != null) {
                        String pair = a + "|" + b;
                        pairRows.computeIfAbsent(pair, k -> new ArrayList<>()).add(r);
                        pairNames.computeIfAbsent(pair, k -> Set.of(a, b));
                    }
                }
            }
            kindRows.computeIfAbsent(r.kind, k -> new ArrayList<>()).add(r);
            weekRows.computeIfAbsent(r.week, k -> new ArrayList<>()).add(r);
        }
        Table overall = table(rows, null, fill, query.level());
        TreeMap<String, Table> byLabel = new TreeMap<>();
        labelRows.forEach((label, list) -> byLabel.put(label, table(list, null, fill, query.level())));
        TreeMap<String, Table> byPair = new TreeMap<>();
        pairRows.forEach((pair, list) -> byPair.put(pair, table(list, pairNames.get(pair), fill, query.level())));
        TreeMap<String, Table> byKind = new TreeMap<>();
        kindRows.forEach((kind, list) -> byKind.put(kind, table(list, null, fill, query.level())));
        TreeMap<LocalDate, Table> overTime = new TreeMap<>();
        weekRows.forEach((week, list) -> overTime.put(week, table(list, null, fill, query.level())));
        return new Tables(overall, byLabel, byPair, byKind, overTime, items, rows.size());
    }

    /** The Monday (UTC) starting the week of {@code time}: the periods of {@link Report#overTime()}. */
    public static LocalDate weekOf(Instant time) {
        return time.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The sets of an item agreement compares: out of the annotator's hands, and no gold reference. */
    public static List<AnnotationSet> compared(Item item) {
        List<AnnotationSet> out = new ArrayList<>();
        for (AnnotationSet s : item.sets()) {
            if (s.state() != AnnotationState.IN_PROGRESS && !s.annotator().equals(GoldItems.GOLD_ANNOTATOR)) {
                out.add(s);
            }
        }
        return out;
    }

    AgreementRegistry registry() {
        return registry;
    }

    /**
     * A unit as the tables need it, kept small because a project may have millions: its key, kind
     * and level, the annotators who compared its item (sorted, one list shared by the item's rows)
     * and their values in that order (null: no rating), and the week of the item's sets.
     */
    private record Row(String key, String kind, MeasurementLevel level, List<String> compared, AgreementValue[] values,
            LocalDate week) {
        boolean hasLabel(String label) {
            for (AgreementValue v : values) {
                if (v instanceof AgreementValue.Nominal n && n.label().equals(label)) {
                    return true;
                }
            }
            return false;
        }
    }

    private List<Row> rows(StoredProject stored, Item item, List<AnnotationSet> sets, Query query) {
        Instant last = Instant.EPOCH;
        TreeSet<String> names = new TreeSet<>();
        for (AnnotationSet s : sets) {
            names.add(s.annotator());
            last = s.lastAnnotated().isAfter(last) ? s.lastAnnotated() : last;
        }
        LocalDate week = weekOf(last);
        List<String> compared = List.copyOf(names);
        List<Row> out = new ArrayList<>();
        for (AgreementUnit u : registry.units(stored, item, sets, stored.project().schema(item.modalityId()).orElse(null))) {
            if (query.kind() != null && !u.kind().equals(query.kind())) {
                continue;
            }
            AgreementValue[] values = new AgreementValue[compared.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = u.value(compared.get(i));
            }
            Row row = new Row(u.key(), u.kind(), u.level(), compared, values, week);
            if (query.label() != null && !row.hasLabel(query.label())) {
                continue;
            }
            out.add(row);
        }
        return out;
    }

    /** The distinct labels (nominal values) given in a row. */
    private static Set<String> labels(Row r) {
        Set<String> labels = new HashSet<>(4);
        for (AgreementValue v : r.values) {
            if (v instanceof AgreementValue.Nominal n) {
                labels.add(n.label());
            }
        }
        return labels;
    }

    /**
     * The table of {@code rows} over the raters {@code only} (null: all). With {@code fill}, a
     * compared annotator's missing rating is {@link #NONE}.
     */
    private static Table table(List<Row> rows, Set<String> only, boolean fill, MeasurementLevel asked) {
        RatingTable.Builder b = RatingTable.builder();
        Set<MeasurementLevel> levels = new HashSet<>();
        AgreementValue none = AgreementValue.of(NONE);
        for (Row r : rows) {
            levels.add(r.level);
            for (int i = 0; i < r.values.length; i++) {
                String annotator = r.compared.get(i);
                if (only != null && !only.contains(annotator)) {
                    continue;
                }
                if (r.values[i] != null) {
                    b.add(r.key, annotator, r.values[i]);
                } else if (fill) {
                    b.add(r.key, annotator, none);
                }
            }
        }
        MeasurementLevel level = asked != null ? asked : levels.size() == 1 ? levels.iterator().next() : MeasurementLevel.NOMINAL;
        return new Table(b.build(), level);
    }

    private static Map<String, AgreementResult> measureAll(Map<String, Table> tables, Query query) {
        Map<String, AgreementResult> out = new LinkedHashMap<>();
        tables.forEach((key, table) -> out.put(key, measure(table, query)));
        return out;
    }

    /**
     * The measure over one table; a measure that does not apply to it (Cohen's kappa over three
     * raters, an empty table) gives NaN with the reason as its note rather than failing the report.
     */
    private static AgreementResult measure(Table t, Query query) {
        try {
            return Agreement.compute(t.table(), query.measure(), t.level(), query.bootstrap());
        } catch (IllegalArgumentException e) {
            return new AgreementResult(query.measure(), t.level(), Double.NaN, 0, t.table().raterCount(), null, e.getMessage());
        }
    }
}
