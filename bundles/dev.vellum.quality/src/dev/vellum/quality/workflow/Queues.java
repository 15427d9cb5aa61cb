package dev.vellum.quality.workflow;

import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.ItemSummary.SetSummary;
import dev.vellum.core.model.Project;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.gold.GoldItems;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * What each annotator, reviewer and auditor should work on next, computed from the project's item
 * summaries alone (no item is loaded), so it answers at once on 100,000 items and always reflects
 * the current state: nothing is stored, and the same state gives the same answer.
 *
 * <p>An annotator gets their rejected work first, then their work in progress, then new items that
 * fewer than the project's overlap (annotators per item) have started and that they have not, in
 * order of dataset, then item id. Gold items are drawn into the new items at the settings' gold rate:
 * whether the n-th item an annotator starts is gold, and which gold item it is, is a draw from the
 * seed, the annotator and n. Gold items are not limited by the overlap (every annotator is measured
 * against them), are never offered twice to the same annotator, and come only between ordinary items
 * (when the ordinary items run out, so does the queue), so nothing about them stands out.
 */
public final class Queues {
    /** Dataset, then item id: the order work is handed out in. */
    static final Comparator<ItemSummary> ORDER = Comparator.comparing(ItemSummary::dataset).thenComparing(ItemSummary::id);

    private final Project project;
    private final GoldItems gold;

    /** One annotation set: the item and whose set it is. */
    public record SetRef(String itemId, String annotator) {
        public SetRef {
            Objects.requireNonNull(itemId, "itemId");
            Objects.requireNonNull(annotator, "annotator");
        }
    }

    /** Queues over an open project. */
    public Queues(StoredProject stored) {
        this.project = stored.project();
        this.gold = new GoldItems(stored.documents());
    }

    /** Queues over a session's project (its summaries include unsaved edits). */
    public Queues(ProjectSession session) {
        this(session.stored());
    }

    /**
     * The item {@code annotator} should work on next, if any.
     *
     * @throws StoreException when the gold items cannot be listed
     * @throws IllegalArgumentException when the project's quality settings are malformed
     */
    public Optional<String> next(String annotator) throws StoreException {
        List<String> q = queue(annotator, 1);
        return q.isEmpty() ? Optional.empty() : Optional.of(q.get(0));
    }

    /**
     * The next {@code limit} items of {@code annotator}, in the order {@link #next} would hand them
     * out if each were started in turn. Empty for a user the settings do not list as an annotator.
     *
     * @throws StoreException when the gold items cannot be listed
     * @throws IllegalArgumentException when the project's quality settings are malformed or limit is negative
     */
    public List<String> queue(String annotator, int limit) throws StoreException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        QualitySettings settings = QualitySettings.read(project);
        if (limit == 0 || !settings.mayAnnotate(annotator)) {
            return List.of();
        }
        int overlap = project.workflow().annotatorsPerItem();
        Set<String> goldIds = new HashSet<>(gold.itemIds());
        List<ItemSummary> rejected = new ArrayList<>();
        List<ItemSummary> inProgress = new ArrayList<>();
        List<ItemSummary> fresh = new ArrayList<>();
        List<ItemSummary> freshGold = new ArrayList<>();
        long started = 0;
        for (ItemSummary s : project.items()) {
            SetSummary mine = setOf(s, annotator);
            if (mine != null) {
                started++;
                if (mine.state() == AnnotationState.REJECTED) {
                    rejected.add(s);
                } else if (mine.state() == AnnotationState.IN_PROGRESS) {
                    inProgress.add(s);
                }
            } else if (goldIds.contains(s.id())) {
                freshGold.add(s);
            } else if (s.sets().size() < overlap) {
                fresh.add(s);
            }
        }
        List<String> out = new ArrayList<>(Math.min(limit, 1024));
        for (ItemSummary s : smallest(rejected, limit)) {
            out.add(s.id());
        }
        for (ItemSummary s : smallest(inProgress, limit - out.size())) {
            out.add(s.id());
        }
        if (out.size() >= limit) {
            return out;
        }
        List<ItemSummary> ordinary = smallest(fresh, limit - out.size());
        freshGold.sort(ORDER);
        long position = started;
        int next = 0;
        while (out.size() < limit && next < ordinary.size()) {
            String pos = Long.toString(position);
            if (!freshGold.isEmpty() && Draw.unit(settings.seed(), "gold", annotator, pos) < settings.goldRate()) {
                int pick = (int) (Draw.unit(settings.seed(), "gold-pick", annotator, pos) * freshGold.size());
                out.add(freshGold.remove(pick).id());
            } else {
                out.add(ordinary.get(next++).id());
            }
            position++;
        }
        return out;
    }

    /**
     * The item whose set {@link #nextSetToReview} returns.
     *
     * @throws IllegalArgumentException when the project's quality settings are malformed
     */
    public Optional<String> nextToReview(String reviewer) {
        return nextSetToReview(reviewer).map(SetRef::itemId);
    }

    /**
     * The first submitted (or in review) set that is not {@code reviewer}'s own, in order of dataset,
     * item id and annotator; empty when the project has no review stage or the settings do not list
     * {@code reviewer} as a reviewer.
     *
     * @throws IllegalArgumentException when the project's quality settings are malformed
     */
    public Optional<SetRef> nextSetToReview(String reviewer) {
        List<SetRef> l = toReview(reviewer, 1);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /**
     * Up to {@code limit} sets waiting for {@code reviewer}, in the order {@link #nextSetToReview} gives them.
     *
     * @throws IllegalArgumentException when the project's quality settings are malformed
     */
    public List<SetRef> toReview(String reviewer, int limit) {
        QualitySettings settings = QualitySettings.read(project);
        if (!project.workflow().reviewStages().contains(QualitySettings.REVIEW_STAGE) || !settings.mayReview(reviewer)) {
            return List.of();
        }
        return firstSets(limit, (s, set) -> (set.state() == AnnotationState.SUBMITTED || set.state() == AnnotationState.IN_REVIEW)
                && !set.annotator().equals(reviewer));
    }

    /**
     * The item whose set {@link #nextSetToAudit} returns.
     *
     * @throws IllegalArgumentException when the project's quality settings are malformed
     */
    public Optional<String> nextToAudit(String auditor) {
        return nextSetToAudit(auditor).map(SetRef::itemId);
    }

    /**
     * The first accepted set drawn for audit (see {@link #sampledForAudit}) that is not
     * {@code auditor}'s own; empty when the project has no audit stage or the settings do not list
     * {@code auditor} as an auditor.
     *
     * @throws IllegalArgumentException when the project's quality settings are malformed
     */
    public Optional<SetRef> nextSetToAudit(String auditor) {
        List<SetRef> l = toAudit(auditor, 1);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /**
     * Up to {@code limit} sets waiting for {@code auditor}, in order of dataset, item id and annotator.
     *
     * @throws IllegalArgumentException when the project's quality settings are malformed
     */
    public List<SetRef> toAudit(String auditor, int limit) {
        QualitySettings settings = QualitySettings.read(project);
        if (!project.workflow().reviewStages().contains(QualitySettings.AUDIT_STAGE) || !settings.mayAudit(auditor)) {
            return List.of();
        }
        return firstSets(limit, (s, set) -> set.state() == AnnotationState.ACCEPTED && !set.annotator().equals(auditor)
                && sampled(settings, s.id(), set.annotator()));
    }

    /**
     * Whether the accepted set of {@code annotator} on {@code itemId} is in the audit sample: a draw
     * from the seed, the item and the annotator below the audit rate. The same set is always drawn
     * the same way, so work that failed an audit and was accepted again is audited again.
     *
     * @throws IllegalArgumentException when the project's quality settings are malformed
     */
    public boolean sampledForAudit(String itemId, String annotator) {
        return sampled(QualitySettings.read(project), itemId, annotator);
    }

    private static boolean sampled(QualitySettings settings, String itemId, String annotator) {
        return Draw.unit(settings.seed(), "audit", itemId, annotator) < settings.auditRate();
    }

    private interface SetFilter {
        boolean test(ItemSummary item, SetSummary set);
    }

    private List<SetRef> firstSets(int limit, SetFilter filter) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        List<ItemSummary> holding = new ArrayList<>();
        for (ItemSummary s : project.items()) {
            for (SetSummary set : s.sets()) {
                if (filter.test(s, set)) {
                    holding.add(s);
                    break;
                }
            }
        }
        List<SetRef> out = new ArrayList<>();
        // each item gives at least one set: the first `limit` items are enough
        for (ItemSummary s : smallest(holding, limit)) {
            List<String> annotators = new ArrayList<>();
            for (SetSummary set : s.sets()) {
                if (filter.test(s, set)) {
                    annotators.add(set.annotator());
                }
            }
            annotators.sort(null);
            for (String a : annotators) {
                if (out.size() >= limit) {
                    return out;
                }
                out.add(new SetRef(s.id(), a));
            }
        }
        return out;
    }

    private static SetSummary setOf(ItemSummary s, String annotator) {
        for (SetSummary set : s.sets()) {
            if (set.annotator().equals(annotator)) {
                return set;
            }
        }
        return null;
    }

    /** The first {@code n} of {@code items} in {@link #ORDER}, sorted, without sorting them all. */
    static List<ItemSummary> smallest(Collection<ItemSummary> items, int n) {
        if (n <= 0 || items.isEmpty()) {
            return List.of();
        }
        if (items.size() <= n) {
            List<ItemSummary> all = new ArrayList<>(items);
            all.sort(ORDER);
            return all;
        }
        PriorityQueue<ItemSummary> largestFirst = new PriorityQueue<>(n + 1, ORDER.reversed());
        for (ItemSummary s : items) {
            if (largestFirst.size() < n) {
                largestFirst.add(s);
            } else if (ORDER.compare(s, largestFirst.peek()) < 0) {
                largestFirst.poll();
                largestFirst.add(s);
            }
        }
        List<ItemSummary> out = new ArrayList<>(largestFirst);
        out.sort(ORDER);
        return out;
    }
}
