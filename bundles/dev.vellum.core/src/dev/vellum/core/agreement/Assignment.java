package dev.vellum.core.agreement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Optimal one-to-one matching (Kuhn-Munkres, the Hungarian method with potentials, O(n²m)).
 * <p>
 * Matching objects of two annotators greedily (best pair first) can leave objects unmatched that
 * an other choice would have paired; this finds the matching with the most pairs and, among those,
 * the largest summed similarity. Only pairs at or above a threshold are candidates, which makes the
 * problem sparse: it is solved per connected group of candidates, so a crowd of 200 objects costs
 * little more than its few overlapping pairs.
 */
public final class Assignment {
    /**
     * A candidate pair.
     *
     * @param left       index on the left side
     * @param right      index on the right side
     * @param similarity above zero; higher is better
     */
    public record Edge(int left, int right, double similarity) {
    }

    private Assignment() {
    }

    /**
     * The optimal matching among candidate pairs: as many pairs as possible, then the largest
     * summed similarity.
     *
     * @param leftCount  objects on the left
     * @param rightCount objects on the right
     * @param edges      candidate pairs (at most one per left/right pair)
     * @return for each left index its right index, or -1 when unmatched
     */
    public static int[] match(int leftCount, int rightCount, List<Edge> edges) {
        int[] result = new int[leftCount];
        Arrays.fill(result, -1);
        if (edges.isEmpty()) {
            return result;
        }
        // Connected groups of candidates (union-find over left i and right leftCount + j).
        int[] parent = new int[leftCount + rightCount];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (Edge e : edges) {
            union(parent, e.left(), leftCount + e.right());
        }
        int[] group = new int[parent.length];
        Arrays.fill(group, -1);
        List<List<Edge>> groups = new ArrayList<>();
        for (Edge e : edges) {
            int root = find(parent, e.left());
            if (group[root] < 0) {
                group[root] = groups.size();
                groups.add(new ArrayList<>());
            }
            groups.get(group[root]).add(e);
        }
        for (List<Edge> g : groups) {
            if (g.size() == 1) {
                result[g.get(0).left()] = g.get(0).right();
            } else {
                solveGroup(g, result);
            }
        }
        return result;
    }

    /**
     * The matching of a dense similarity matrix maximizing, first, the number of pairs with a
     * similarity above zero, then their sum.
     *
     * @param similarity rows left, columns right; 0 or less means "may not be paired"
     * @return for each row its column, or -1 when unmatched
     */
    public static int[] maximize(double[][] similarity) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < similarity.length; i++) {
            for (int j = 0; j < similarity[i].length; j++) {
                if (similarity[i][j] > 0) {
                    edges.add(new Edge(i, j, similarity[i][j]));
                }
            }
        }
        int cols = similarity.length == 0 ? 0 : similarity[0].length;
        return match(similarity.length, cols, edges);
    }

    private static void solveGroup(List<Edge> g, int[] result) {
        int[] lefts = g.stream().mapToInt(Edge::left).distinct().sorted().toArray();
        int[] rights = g.stream().mapToInt(Edge::right).distinct().sorted().toArray();
        boolean transpose = lefts.length > rights.length;
        int n = transpose ? rights.length : lefts.length;
        int m = transpose ? lefts.length : rights.length;
        // A pair is worth bonus + similarity, a non-pair 0: with bonus above any possible summed
        // similarity (at most n), one more pair always beats any gain in similarity.
        double bonus = n + 1;
        double[][] cost = new double[n + 1][m + 1];
        for (Edge e : g) {
            int li = Arrays.binarySearch(lefts, e.left()) + 1, rj = Arrays.binarySearch(rights, e.right()) + 1;
            double w = bonus + e.similarity();
            if (transpose) {
                cost[rj][li] = -w;
            } else {
                cost[li][rj] = -w;
            }
        }
        int[] rowOfColumn = hungarian(cost, n, m);
        for (int j = 1; j <= m; j++) {
            int i = rowOfColumn[j];
            if (i == 0 || cost[i][j] == 0) {
                continue;
            }
            if (transpose) {
                result[lefts[j - 1]] = rights[i - 1];
            } else {
                result[lefts[i - 1]] = rights[j - 1];
            }
        }
    }

    /**
     * Minimum-cost assignment of rows 1..n to distinct columns 1..m (n at most m), 1-based.
     *
     * @return for each column the row assigned to it, 0 for none
     */
    private static int[] hungarian(double[][] a, int n, int m) {
        double[] u = new double[n + 1], v = new double[m + 1];
        int[] p = new int[m + 1], way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = a[i0][j] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        return p;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) {
            parent[ra] = rb;
        }
    }
}
