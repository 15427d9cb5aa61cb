package dev.vellum.quality.gold;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.workflow.QualitySettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Annotators' accuracy against the project's gold items ({@link GoldItems}). For each gold item and
 * each annotator's set on it that left the annotator's hands (every state but in progress), the
 * modality's agreement units ({@link AgreementRegistry}) are made of the gold reference and that one
 * set, the reference FIRST, so the reference founds the units and matching (IoU for shapes, overlap
 * for spans) is the modality's own. A unit is <em>correct</em> when the annotator's value equals the
 * reference's. Every unit counts: one the reference has and the annotator lacks (a missed box), one
 * the annotator has and the reference lacks (an extra box), and one both have with different values
 * (a wrong label) are all errors, so
 * {@code accuracy = correct / (reference units + units only the annotator has)}. A set with nothing
 * to get wrong (an empty reference answered by an empty set) is fully accurate.
 * <p>
 * Knows no modality. Thread-safe when the registry's services are (they are stateless);
 * {@link #compute} scores the items of a batch on several threads at once.
 */
public final class GoldScores {
    /** The accuracy below which an annotator is warned about when neither the caller nor the project gives another. */
    public static final double DEFAULT_THRESHOLD = 0.8;
    /** How many of an annotator's latest gold items the warning looks at, unless the caller gives another. */
    public static final int DEFAULT_WINDOW = 10;

    /** Gold items read and scored together. */
    private static final int BATCH = 128;

    private final AgreementRegistry registry;

    /** @param registry the installed agreement units */
    public GoldScores(AgreementRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
    }

    /**
     * One annotator's set on one gold item, scored.
     *
     * @param itemId    the gold item
     * @param annotator whose set
     * @param when      when the set was last annotated ({@link AnnotationSet#lastAnnotated()}; a review does not move it)
     * @param units     units compared: the reference's and those only the annotator has
     * @param correct   units where the annotator gave the reference's value
     * @param wrong     units both have with different values (a wrong label)
     * @param missed    units of the reference the annotator lacks (a missed box)
     * @param extra     units the annotator has and the reference lacks (an extra box)
     */
    public record ItemScore(String itemId, String annotator, Instant when, int units, int correct, int wrong, int missed, int extra) {
        /** {@code correct / units}; 1 when there was nothing to compare. */
        public double accuracy() {
            return units == 0 ? 1 : (double) correct / units;
        }
    }

    /**
     * Counts over several item scores.
     *
     * @param items   item scores summed
     * @param units   units compared
     * @param correct units correct
     */
    public record Tally(int items, int units, int correct) {
        /** {@code correct / units}; 1 when there was nothing to compare, NaN when no item was scored. */
        public double accuracy() {
            return items == 0 ? Double.NaN : units == 0 ? 1 : (double) correct / units;
        }

        static Tally of(List<ItemScore> scores) {
            int units = 0, correct = 0;
            for (ItemScore s : scores) {
                units += s.units();
                correct += s.correct();
            }
            return new Tally(scores.size(), units, correct);
        }
    }

    /**
     * One annotator's accuracy.
     *
     * @param annotator who
     * @param overall   over every gold item they did
     * @param byDay     per day (UTC) of the sets' last annotation, oldest first
     * @param recent    over their latest {@code window} gold items (by the sets' last annotation)
     */
    public record AnnotatorScore(String annotator, Tally overall, Map<LocalDate, Tally> byDay, Tally recent) {
    }

    /**
     * An annotator whose recent accuracy is below the threshold.
     *
     * @param annotator who
     * @param accuracy  their accuracy over their latest gold items
     * @param items     how many gold items that is (at most the window)
     * @param threshold the threshold they are below
     */
    public record Warning(String annotator, double accuracy, int items, double threshold) {
    }

    /**
     * Gold accuracy over a project.
     *
     * @param goldItems   gold items scored
     * @param scores      every annotator's set on every gold item, by item then annotator
     * @param annotators  per annotator, sorted by name
     * @param warnings    annotators below the threshold, sorted by name
     * @param threshold   the threshold applied
     * @param window      how many latest gold items per annotator the warning looks at
     * @param problems    gold references that could not be scored (their item is gone), one line each
     */
    public record Report(int goldItems, List<ItemScore> scores, Map<String, AnnotatorScore> annotators, List<Warning> warnings,
            double threshold, int window, List<String> problems) {
    }

    /**
     * Scores every gold item of the project with the project's threshold
     * ({@link QualitySettings#goldThreshold()}) over each annotator's latest {@value #DEFAULT_WINDOW}
     * gold items.
     *
     * @throws StoreException when a gold reference or an item cannot be read, naming it
     * @throws IllegalArgumentException when the project's quality settings are malformed, naming the field
     */
    public Report compute(StoredProject stored, Progress progress) throws StoreException {
        return compute(stored, QualitySettings.read(stored.project()).goldThreshold(), DEFAULT_WINDOW, progress);
    }

    /**
     * Scores every gold item of the project.
     *
     * @param threshold accuracy below which an annotator is warned about, in 0..1
     * @param window    how many of each annotator's latest gold items the warning looks at, at least 1
     * @throws StoreException when a gold reference or an item cannot be read, naming it
     */
    public Report compute(StoredProject stored, double threshold, int window, Progress progress) throws StoreException {
        GoldItems gold = new GoldItems(stored.documents());
        List<String> ids = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String id : gold.itemIds()) {
            if (stored.project().item(id).isEmpty()) {
                problems.add(GoldItems.FOLDER + "/" + id + ": the project has no item '" + id + "' any more");
            } else {
                ids.add(id);
            }
        }
        progress.begin("Scoring " + ids.size() + " gold items", ids.size());
        List<ItemScore> scores = new ArrayList<>();
        int scored = 0;
        // In batches: the store reads a batch's items in parallel, references and scores are worked
        // out in parallel too (units services are stateless), and the heap holds one batch.
        for (int from = 0; from < ids.size() && !progress.isCanceled(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            List<Item> items = stored.loadItems(batch);
            @SuppressWarnings("unchecked")
            List<ItemScore>[] perItem = new List[batch.size()];
            StoreException[] failed = new StoreException[batch.size()];
            IntStream.range(0, batch.size()).parallel().forEach(i -> {
                try {
                    Item item = items.get(i);
                    GoldItems.Gold g = gold.get(item.id()).orElseThrow(
                            () -> new StoreException(GoldItems.FOLDER + "/" + item.id(), "the gold reference was removed while scoring"));
                    perItem[i] = score(stored, item, g.reference(), stored.project().schema(item.modalityId()).orElse(null));
                } catch (StoreException e) {
                    failed[i] = e;
                }
            });
            for (int i = 0; i < batch.size(); i++) {
                if (failed[i] != null) {
                    throw failed[i];
                }
                scores.addAll(perItem[i]);
            }
            scored += batch.size();
            progress.worked(batch.size());
        }
        return summarize(scored, scores, threshold, window, problems);
    }

    /**
     * Scores the sets of one item against its reference: one score per annotator whose set left
     * their hands (a set in progress is not scored, nor one of the annotator {@link GoldItems#GOLD_ANNOTATOR}).
     *
     * @param stored    the project, for services that read the item's media; may be null
     * @param reference the gold answer (its annotator is {@link GoldItems#GOLD_ANNOTATOR})
     * @param schema    the label schema of the item's modality, or null
     */
    public List<ItemScore> score(StoredProject stored, Item item, AnnotationSet reference, LabelSchema schema) {
        List<ItemScore> out = new ArrayList<>();
        for (AnnotationSet set : item.sets()) {
            if (set.state() == AnnotationState.IN_PROGRESS || set.annotator().equals(reference.annotator())) {
                continue;
            }
            out.add(score(stored, item, reference, set, schema));
        }
        return out;
    }

    /**
     * Scores one set against the reference.
     *
     * @param stored the project, for services that read the item's media; may be null
     * @throws IllegalArgumentException when the set has the reference's annotator
     */
    public ItemScore score(StoredProject stored, Item item, AnnotationSet reference, AnnotationSet set, LabelSchema schema) {
        String ref = reference.annotator(), who = set.annotator();
        int units = 0, correct = 0, wrong = 0, missed = 0, extra = 0;
        for (AgreementUnit u : registry.units(stored, item, List.of(reference, set), schema)) {
            AgreementUnit.Rating g = u.ratings().get(ref), a = u.ratings().get(who);
            if (g == null && a == null) {
                continue; // neither judged it: not a unit of this comparison
            }
            units++;
            if (g == null) {
                extra++;
            } else if (a == null) {
                missed++;
            } else if (g.value().equals(a.value())) {
                correct++;
            } else {
                wrong++;
            }
        }
        return new ItemScore(item.id(), who, set.lastAnnotated(), units, correct, wrong, missed, extra);
    }

    /**
     * Sums item scores per annotator, per day and over each annotator's latest {@code window} items,
     * and warns about those whose latest accuracy is below {@code threshold}.
     *
     * @param goldItems how many gold items were scored
     * @param problems  what could not be scored, carried into the report
     */
    public static Report summarize(int goldItems, List<ItemScore> scores, double threshold, int window, List<String> problems) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the gold accuracy threshold must be within 0..1, was " + threshold);
        }
        if (window < 1) {
            throw new IllegalArgumentException("the window of latest gold items must be at least 1, was " + window);
        }
        TreeMap<String, List<ItemScore>> byAnnotator = new TreeMap<>();
        for (ItemScore s : scores) {
            byAnnotator.computeIfAbsent(s.annotator(), k -> new ArrayList<>()).add(s);
        }
        TreeMap<String, AnnotatorScore> annotators = new TreeMap<>();
        List<Warning> warnings = new ArrayList<>();
        for (Map.Entry<String, List<ItemScore>> e : byAnnotator.entrySet()) {
            List<ItemScore> own = new ArrayList<>(e.getValue());
            own.sort(Comparator.comparing(ItemScore::when).thenComparing(ItemScore::itemId));
            TreeMap<LocalDate, List<ItemScore>> days = new TreeMap<>();
            for (ItemScore s : own) {
                days.computeIfAbsent(s.when().atZone(ZoneOffset.UTC).toLocalDate(), k -> new ArrayList<>()).add(s);
            }
            TreeMap<LocalDate, Tally> byDay = new TreeMap<>();
            days.forEach((day, list) -> byDay.put(day, Tally.of(list)));
            Tally recent = Tally.of(own.subList(Math.max(0, own.size() - window), own.size()));
            annotators.put(e.getKey(), new AnnotatorScore(e.getKey(), Tally.of(own), byDay, recent));
            if (recent.accuracy() < threshold) {
                warnings.add(new Warning(e.getKey(), recent.accuracy(), recent.items(), threshold));
            }
        }
        List<ItemScore> sorted = new ArrayList<>(scores);
        sorted.sort(Comparator.comparing(ItemScore::itemId).thenComparing(ItemScore::annotator));
        return new Report(goldItems, List.copyOf(sorted), annotators, List.copyOf(warnings), threshold, window, List.copyOf(problems));
    }
}
