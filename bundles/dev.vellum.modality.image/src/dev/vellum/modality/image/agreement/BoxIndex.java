package dev.vellum.modality.image.agreement;

import java.util.Arrays;
import java.util.function.IntConsumer;

import dev.vellum.modality.image.model.BoundingBox;

/**
 * The boxes that overlap a query box, without looking at every box: entries sorted by left edge,
 * so a query scans only those whose left edge lies within the widest entry's width before the
 * query's right edge. Overlap counts touching edges, so candidates are never missed.
 */
final class BoxIndex {
    private final int[] order;
    private final double[] x0, y0, x1, y1;
    private final double maxWidth;

    /** @param boxes the entries, by index; null entries are never returned */
    BoxIndex(BoundingBox[] boxes) {
        int n = 0;
        for (BoundingBox b : boxes) {
            n += b == null ? 0 : 1;
        }
        Integer[] idx = new Integer[n];
        int k = 0;
        for (int i = 0; i < boxes.length; i++) {
            if (boxes[i] != null) {
                idx[k++] = i;
            }
        }
        Arrays.sort(idx, (a, b) -> Double.compare(boxes[a].x(), boxes[b].x()));
        order = new int[n];
        x0 = new double[n];
        y0 = new double[n];
        x1 = new double[n];
        y1 = new double[n];
        double w = 0;
        for (int i = 0; i < n; i++) {
            BoundingBox b = boxes[idx[i]];
            order[i] = idx[i];
            x0[i] = b.x();
            y0[i] = b.y();
            x1[i] = b.x() + b.width();
            y1[i] = b.y() + b.height();
            w = Math.max(w, b.width());
        }
        maxWidth = w;
    }

    /** Reports the index of every entry overlapping {@code q}. */
    void overlapping(BoundingBox q, IntConsumer hits) {
        double qx0 = q.x(), qy0 = q.y(), qx1 = q.x() + q.width(), qy1 = q.y() + q.height();
        // First entry whose left edge is at least qx0 - maxWidth: any entry further left ends before qx0.
        int lo = 0, hi = x0.length;
        double from = qx0 - maxWidth;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x0[mid] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < x0.length && x0[i] <= qx1; i++) {
            if (x1[i] >= qx0 && y0[i] <= qy1 && y1[i] >= qy0) {
                hits.accept(order[i]);
            }
        }
    }
}
