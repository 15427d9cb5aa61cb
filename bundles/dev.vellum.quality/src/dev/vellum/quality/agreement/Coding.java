package dev.vellum.quality.agreement;

import dev.vellum.core.spi.MeasurementLevel;
import java.util.Arrays;
import java.util.List;

/**
 * A rating table's cells as small integer codes (-1 = missing) over its distinct values, as the
 * measures read them at one level. For a nominal level the codes are the categories (or the distinct
 * numbers of a numeric table); for the other levels every distinct value is a number and codes are
 * ranks in ascending order, {@link #values} giving each code's number.
 */
final class Coding {
    /** {@code unit * raters + rater}; -1 where missing. */
    final int[] codes;
    /** Number of distinct values (codes are 0..size-1). */
    final int size;
    /** Each code's number, ascending; null for a nominal coding of labels. */
    final double[] values;
    /** Each code's display name (category name or number). */
    final String[] names;

    private Coding(int[] codes, int size, double[] values, String[] names) {
        this.codes = codes;
        this.size = size;
        this.values = values;
        this.names = names;
    }

    /**
     * Codes {@code table} for reading at {@code level}.
     *
     * @throws IllegalArgumentException when a numeric level meets a category that is not a number,
     *                                  naming it
     */
    static Coding of(RatingTable table, MeasurementLevel level) {
        return of(table, level, Integer.MAX_VALUE);
    }

    /** As {@link #of(RatingTable, MeasurementLevel)}, or null as soon as there are more than {@code limit} distinct numbers. */
    static Coding of(RatingTable table, MeasurementLevel level, int limit) {
        double[] cells = table.cells();
        int[] codes = new int[cells.length];
        if (!table.isNumeric() && level == MeasurementLevel.NOMINAL) {
            List<String> categories = table.categories();
            for (int i = 0; i < cells.length; i++) {
                double c = cells[i];
                codes[i] = c != c ? -1 : (int) c;
            }
            return new Coding(codes, categories.size(), null, categories.toArray(String[]::new));
        }
        // Every cell is (or stands for) a number: map each to its rank among the distinct numbers.
        double[] perCategory = null;
        if (!table.isNumeric()) {
            List<String> categories = table.categories();
            perCategory = new double[categories.size()];
            for (int c = 0; c < perCategory.length; c++) {
                perCategory[c] = parse(categories.get(c), level);
            }
        }
        DoubleIndex index = new DoubleIndex(64);
        for (int i = 0; i < cells.length; i++) {
            double c = cells[i];
            if (c != c) {
                codes[i] = -1;
            } else {
                codes[i] = index.indexOf(perCategory == null ? c : perCategory[(int) c]);
                if (index.size() > limit) {
                    return null;
                }
            }
        }
        int n = index.size();
        double[] sorted = Arrays.copyOf(index.keys(), n);
        Arrays.sort(sorted);
        int[] rank = new int[n];
        double[] keys = index.keys();
        for (int k = 0; k < n; k++) {
            rank[k] = Arrays.binarySearch(sorted, keys[k]);
        }
        for (int i = 0; i < codes.length; i++) {
            int k = codes[i];
            if (k >= 0) {
                codes[i] = rank[k];
            }
        }
        if (level == MeasurementLevel.RATIO && n > 0 && sorted[0] < 0) {
            throw new IllegalArgumentException("the ratio level needs values of at least 0 (a true zero), found " + name(sorted[0]));
        }
        String[] names = new String[n];
        for (int k = 0; k < n; k++) {
            names[k] = name(sorted[k]);
        }
        return new Coding(codes, n, sorted, names);
    }

    private static double parse(String category, MeasurementLevel level) {
        double v;
        try {
            v = Double.parseDouble(category.strip());
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v) || category.isBlank()) {
            if (level == MeasurementLevel.ORDINAL) {
                throw new IllegalArgumentException("the ordinal level needs ordered values, but the labels have no order: '"
                        + category + "' is not a number (use nominal, or give ranks as numbers)");
            }
            throw new IllegalArgumentException(
                    "the " + level.id() + " level needs numbers, but the value '" + category + "' is not a number");
        }
        return v;
    }

    private static String name(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** An open-addressing map from a double (by its bits; -0 is 0) to an insertion index. No boxing. */
    static final class DoubleIndex {
        private long[] slots;
        private int[] ids;
        private double[] keys;
        private int size;
        private int mask;

        DoubleIndex(int capacity) {
            int cap = Integer.highestOneBit(Math.max(16, capacity) * 2);
            slots = new long[cap];
            ids = new int[cap];
            Arrays.fill(ids, -1);
            keys = new double[cap / 2];
            mask = cap - 1;
        }

        int indexOf(double key) {
            long bits = Double.doubleToLongBits(key == 0 ? 0.0 : key);
            int h = mix(bits) & mask;
            while (true) {
                int id = ids[h];
                if (id < 0) {
                    break;
                }
                if (slots[h] == bits) {
                    return id;
                }
                h = (h + 1) & mask;
            }
            if (size == keys.length) {
                grow();
                return indexOf(key);
            }
            slots[h] = bits;
            ids[h] = size;
            keys[size] = key == 0 ? 0.0 : key;
            return size++;
        }

        private void grow() {
            long[] oldSlots = slots;
            int[] oldIds = ids;
            int cap = oldSlots.length * 2;
            slots = new long[cap];
            ids = new int[cap];
            Arrays.fill(ids, -1);
            mask = cap - 1;
            keys = Arrays.copyOf(keys, cap / 2);
            for (int i = 0; i < oldSlots.length; i++) {
                if (oldIds[i] >= 0) {
                    int h = mix(oldSlots[i]) & mask;
                    while (ids[h] >= 0) {
                        h = (h + 1) & mask;
                    }
                    slots[h] = oldSlots[i];
                    ids[h] = oldIds[i];
                }
            }
        }

        private static int mix(long bits) {
            long h = bits * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }

        int size() {
            return size;
        }

        double[] keys() {
            return keys;
        }
    }
}
