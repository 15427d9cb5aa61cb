package dev.vellum.modality.text.ui.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The spans of one set ordered by start (longer first at equal starts) with the running maximum of
 * their ends: the spans overlapping a range are found by a binary search and a walk back that
 * stops as soon as no earlier span can reach the range, so only the spans near the visible lines
 * are touched when painting. Also gives each span its nesting depth: the first underline row free
 * where it starts, so nested and overlapping spans get rows of their own. Immutable once built.
 */
public final class SpanLayer {
    /** Document order: start ascending, end descending. */
    public static final Comparator<SpanFigure> ORDER = Comparator.comparingInt(SpanFigure::start)
            .thenComparing(Comparator.comparingInt(SpanFigure::end).reversed()).thenComparing(SpanFigure::id);

    private final SpanFigure[] spans;
    private final int[] maxEnd;
    private final int depth;

    public SpanLayer(Collection<SpanFigure> figures) {
        this(figures, false);
    }

    /** @param sorted whether the figures come in {@link #ORDER} already (they are not sorted again) */
    public SpanLayer(Collection<SpanFigure> figures, boolean sorted) {
        spans = figures.toArray(new SpanFigure[0]);
        if (!sorted) {
            Arrays.sort(spans, ORDER);
        }
        maxEnd = new int[spans.length];
        int[] rowEnds = new int[8];
        int rows = 0;
        int running = 0;
        for (int i = 0; i < spans.length; i++) {
            SpanFigure f = spans[i];
            int row = 0;
            while (row < rows && rowEnds[row] > f.start()) {
                row++;
            }
            if (row == rows) {
                if (rows == rowEnds.length) {
                    rowEnds = Arrays.copyOf(rowEnds, rows * 2);
                }
                rows++;
            }
            rowEnds[row] = f.end();
            f.level = row;
            running = Math.max(running, f.end());
            maxEnd[i] = running;
        }
        depth = rows;
    }

    public int size() {
        return spans.length;
    }

    /** The i-th span in document order. */
    public SpanFigure get(int i) {
        return spans[i];
    }

    /** The position of a span in document order, or -1. */
    public int indexOf(SpanFigure f) {
        int i = Arrays.binarySearch(spans, f, ORDER);
        return i >= 0 ? i : -1;
    }

    /** Number of underline rows the spans need (deepest nesting + 1). */
    public int depth() {
        return depth;
    }

    /** Index of the first span starting at or after {@code offset}. */
    public int firstStartingAtOrAfter(int offset) {
        int lo = 0, hi = spans.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (spans[mid].start() < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Calls {@code sink} for every span sharing a character with [from, to), latest start first. */
    public void overlapping(int from, int to, Consumer<SpanFigure> sink) {
        for (int i = firstStartingAtOrAfter(to) - 1; i >= 0 && maxEnd[i] > from; i--) {
            if (spans[i].end() > from) {
                sink.accept(spans[i]);
            }
        }
    }

    /** The spans sharing a character with [from, to), in document order. */
    public List<SpanFigure> overlapping(int from, int to) {
        List<SpanFigure> out = new ArrayList<>();
        overlapping(from, to, out::add);
        java.util.Collections.reverse(out);
        return out;
    }

    /** The spans containing the character at {@code offset}, outermost first. */
    public List<SpanFigure> at(int offset) {
        return overlapping(offset, offset + 1);
    }
}
