package dev.vellum.modality.image.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A uniform grid over the image that answers "which figures touch this rectangle" without looking
 * at the others: each figure is listed in every cell its bounds overlap. Cells are sized so that a
 * typical image has at most 128 x 128 of them. Figures outside the image land in the edge cells.
 * Not thread-safe. No SWT.
 */
public final class SpatialIndex {
    private final double cell;
    private final int columns;
    private final int rows;
    private final List<Figure>[] cells;
    private int stamp;

    @SuppressWarnings("unchecked")
    public SpatialIndex(int imageWidth, int imageHeight) {
        cell = Math.max(32, Math.max(imageWidth, imageHeight) / 128.0);
        columns = Math.max(1, (int) Math.ceil(imageWidth / cell));
        rows = Math.max(1, (int) Math.ceil(imageHeight / cell));
        cells = new List[columns * rows];
    }

    public void add(Figure f) {
        forCells(f.minX(), f.minY(), f.maxX(), f.maxY(), i -> {
            if (cells[i] == null) {
                cells[i] = new ArrayList<>(4);
            }
            cells[i].add(f);
        });
    }

    public void remove(Figure f) {
        forCells(f.minX(), f.minY(), f.maxX(), f.maxY(), i -> {
            if (cells[i] != null) {
                cells[i].remove(f);
            }
        });
    }

    /** Calls {@code visitor} once for each figure whose bounds may touch the rectangle. */
    public void query(double minX, double minY, double maxX, double maxY, Consumer<Figure> visitor) {
        int s = ++stamp;
        forCells(minX, minY, maxX, maxY, i -> {
            List<Figure> list = cells[i];
            if (list != null) {
                for (int k = 0, n = list.size(); k < n; k++) {
                    Figure f = list.get(k);
                    if (f.stamp != s && f.maxX() >= minX && f.minX() <= maxX && f.maxY() >= minY && f.minY() <= maxY) {
                        f.stamp = s;
                        visitor.accept(f);
                    }
                }
            }
        });
    }

    private interface CellVisitor {
        void visit(int index);
    }

    private void forCells(double minX, double minY, double maxX, double maxY, CellVisitor v) {
        int c0 = clamp((int) Math.floor(minX / cell), columns), c1 = clamp((int) Math.floor(maxX / cell), columns);
        int r0 = clamp((int) Math.floor(minY / cell), rows), r1 = clamp((int) Math.floor(maxY / cell), rows);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                v.visit(r * columns + c);
            }
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }
}
