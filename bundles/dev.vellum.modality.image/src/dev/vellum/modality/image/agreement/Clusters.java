package dev.vellum.modality.image.agreement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import dev.vellum.core.agreement.Assignment;

import dev.vellum.modality.image.model.BoundingBox;

/**
 * Groups the objects of several annotators into clusters of "the same thing", at most one object
 * per annotator in each.
 * <p>
 * How clusters form: the first annotator's objects each found a cluster. Each following annotator
 * in turn is matched to the clusters made so far by optimal assignment ({@link Assignment}), where
 * an object's similarity to a cluster is its mean similarity to the cluster's members, and a pair
 * is a candidate only at or above the threshold (and above zero). Matched objects join their
 * cluster; the others found new clusters, which later annotators can join. With two annotators this
 * is exactly the optimal one-to-one matching. The result depends on the order of the annotators
 * only where matches are ambiguous; that order is the caller's (a gold set goes first).
 */
final class Clusters {
    /** Similarity of {@code other} to {@code reference} in 0..1 (IoU, OKS with the reference as ground truth). */
    interface Similarity<T> {
        double of(T reference, T other);
    }

    /**
     * One annotator's object in a cluster.
     *
     * @param set     the annotator's position in the sets given
     * @param object  the object
     * @param quality its similarity to the cluster when it joined; 1 for the founder
     */
    record Member<T>(int set, T object, double quality) {
    }

    private Clusters() {
    }

    /**
     * Forms clusters.
     *
     * @param perSet    each annotator's objects, in the annotators' order
     * @param bounds    an object's bounds, to consider only overlapping pairs; null to consider all
     *                  pairs (for similarities such as OKS that do not need overlap)
     * @param threshold the least similarity of a match
     * @return clusters in the order they were founded, members in the annotators' order
     */
    static <T> List<List<Member<T>>> form(List<List<T>> perSet, Function<T, BoundingBox> bounds, Similarity<T> similarity,
            double threshold) {
        List<List<Member<T>>> clusters = new ArrayList<>();
        for (int s = 0; s < perSet.size(); s++) {
            List<T> objects = perSet.get(s);
            if (objects.isEmpty()) {
                continue;
            }
            int[] match = clusters.isEmpty() ? unmatched(objects.size())
                    : Assignment.match(objects.size(), clusters.size(), candidates(clusters, objects, bounds, similarity, threshold));
            List<List<Member<T>>> founded = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                T o = objects.get(i);
                if (match[i] >= 0) {
                    List<Member<T>> c = clusters.get(match[i]);
                    c.add(new Member<>(s, o, meanSimilarity(c, o, similarity)));
                } else {
                    List<Member<T>> c = new ArrayList<>();
                    c.add(new Member<>(s, o, 1.0));
                    founded.add(c);
                }
            }
            clusters.addAll(founded);
        }
        return clusters;
    }

    private static <T> List<Assignment.Edge> candidates(List<List<Member<T>>> clusters, List<T> objects, Function<T, BoundingBox> bounds,
            Similarity<T> similarity, double threshold) {
        List<Assignment.Edge> edges = new ArrayList<>();
        if (bounds == null) {
            for (int i = 0; i < objects.size(); i++) {
                for (int c = 0; c < clusters.size(); c++) {
                    addIfCandidate(edges, i, c, meanSimilarity(clusters.get(c), objects.get(i), similarity), threshold);
                }
            }
            return edges;
        }
        List<BoundingBox> memberBounds = new ArrayList<>();
        List<Integer> clusterOf = new ArrayList<>();
        for (int c = 0; c < clusters.size(); c++) {
            for (Member<T> m : clusters.get(c)) {
                memberBounds.add(bounds.apply(m.object()));
                clusterOf.add(c);
            }
        }
        BoxIndex index = new BoxIndex(memberBounds.toArray(BoundingBox[]::new));
        int[] seenBy = new int[clusters.size()];
        Arrays.fill(seenBy, -1);
        for (int i = 0; i < objects.size(); i++) {
            T o = objects.get(i);
            BoundingBox b = bounds.apply(o);
            if (b == null) {
                continue;
            }
            int oi = i;
            index.overlapping(b, hit -> {
                int c = clusterOf.get(hit);
                if (seenBy[c] != oi) {
                    seenBy[c] = oi;
                    addIfCandidate(edges, oi, c, meanSimilarity(clusters.get(c), o, similarity), threshold);
                }
            });
        }
        return edges;
    }

    private static void addIfCandidate(List<Assignment.Edge> edges, int i, int c, double sim, double threshold) {
        if (sim > 0 && sim >= threshold) {
            edges.add(new Assignment.Edge(i, c, sim));
        }
    }

    private static <T> double meanSimilarity(List<Member<T>> cluster, T o, Similarity<T> similarity) {
        double sum = 0;
        for (Member<T> m : cluster) {
            sum += similarity.of(m.object(), o);
        }
        return sum / cluster.size();
    }

    private static int[] unmatched(int n) {
        int[] m = new int[n];
        Arrays.fill(m, -1);
        return m;
    }
}
