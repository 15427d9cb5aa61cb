package dev.vellum.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What lists and filters need to know about an item without loading it: its dataset, modality and,
 * per annotator, state, count and labels used. A project of 100,000 items is browsed through these.
 *
 * @param id         item id
 * @param dataset    dataset name, may be empty
 * @param modalityId modality of the first asset
 * @param sets       one entry per annotation set
 */
public record ItemSummary(String id, String dataset, String modalityId, List<SetSummary> sets) {
    public ItemSummary {
        Objects.requireNonNull(id, "id");
        dataset = dataset == null ? "" : dataset;
        Objects.requireNonNull(modalityId, "modalityId");
        sets = List.copyOf(sets == null ? List.of() : sets);
    }

    /**
     * One annotator's set in brief.
     *
     * @param annotator        whose work
     * @param state            review state
     * @param annotationCount  how many annotations
     * @param labels           the distinct labels used, sorted
     * @param guidelineVersion the version it was made under
     */
    public record SetSummary(String annotator, AnnotationState state, int annotationCount, Set<String> labels,
            int guidelineVersion) {
        public SetSummary {
            labels = Collections.unmodifiableSortedSet(new TreeSet<>(labels == null ? Set.of() : labels));
        }
    }

    /** Summarizes {@code item} as it is now. */
    public static ItemSummary of(Item item) {
        List<SetSummary> sets = new ArrayList<>();
        for (AnnotationSet s : item.sets()) {
            Set<String> labels = new TreeSet<>();
            for (Annotation a : s.annotations()) {
                if (!a.label().isEmpty()) {
                    labels.add(a.label());
                }
            }
            sets.add(new SetSummary(s.annotator(), s.state(), s.annotations().size(), labels, s.guidelineVersion()));
        }
        return new ItemSummary(item.id(), item.dataset(), item.modalityId(), sets);
    }

    /** Total annotations over all sets. */
    public int annotationCount() {
        int n = 0;
        for (SetSummary s : sets) {
            n += s.annotationCount();
        }
        return n;
    }

    /**
     * The state that best describes the item as a whole: the least advanced state of its sets by
     * {@link AnnotationState#progressRank()} (so one rejected set makes the item rejected), or null
     * when nobody has started it.
     */
    public AnnotationState overallState() {
        AnnotationState least = null;
        for (SetSummary s : sets) {
            if (least == null || s.state().progressRank() < least.progressRank()) {
                least = s.state();
            }
        }
        return least;
    }

    /** Whether any annotator used {@code label}. */
    public boolean usesLabel(String label) {
        return sets.stream().anyMatch(s -> s.labels().contains(label));
    }

    /** Whether {@code annotator} has a set on this item. */
    public boolean hasAnnotator(String annotator) {
        return sets.stream().anyMatch(s -> s.annotator().equals(annotator));
    }
}
