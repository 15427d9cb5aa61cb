package dev.vellum.quality.agreement;

import dev.vellum.core.spi.AgreementValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reliability table: units (rows) by raters (columns), a cell holding the value a rater gave a
 * unit or nothing (missing). Dense and primitive, so a million units by three raters is 24 MB and a
 * measure runs over arrays, not maps.
 * <p>
 * A table is <em>numeric</em> when every value is an {@link AgreementValue.Numeric}; then a cell holds
 * the number. Otherwise every value is read as a category: a cell holds the category's code, an index
 * into {@link #categories()} (numbers given among labels become categories spelled as
 * {@link AgreementValue.Numeric#toString()} does). Missing cells hold NaN.
 */
public final class RatingTable {
    private final List<String> units;
    private final List<String> raters;
    private final List<String> categories;
    private final boolean numeric;
    private final double[] cells;

    private RatingTable(List<String> units, List<String> raters, List<String> categories, boolean numeric, double[] cells) {
        this.units = List.copyOf(units);
        this.raters = List.copyOf(raters);
        this.categories = List.copyOf(categories);
        this.numeric = numeric;
        this.cells = cells;
    }

    /**
     * A table from parts already gathered (the CSV reader's fast path). {@code cells} is taken, not
     * copied; it must follow {@link #cells()}'s layout and the numeric / category-code convention.
     */
    static RatingTable of(List<String> units, List<String> raters, List<String> categories, boolean numeric, double[] cells) {
        if (cells.length != units.size() * raters.size()) {
            throw new IllegalArgumentException("cells do not match " + units.size() + " units x " + raters.size() + " raters");
        }
        return new RatingTable(units, raters, numeric ? List.of() : categories, numeric, cells);
    }

    /** A builder that takes ratings one at a time, in any order. */
    public static Builder builder() {
        return new Builder();
    }

    /** Unit names, in the order first rated. */
    public List<String> units() {
        return units;
    }

    /** Rater names, in the order first seen. */
    public List<String> raters() {
        return raters;
    }

    /** Number of units. */
    public int unitCount() {
        return units.size();
    }

    /** Number of raters. */
    public int raterCount() {
        return raters.size();
    }

    /** Whether every value is a number. */
    public boolean isNumeric() {
        return numeric;
    }

    /** The category names of a table that is not numeric, by code; empty for a numeric table. */
    public List<String> categories() {
        return categories;
    }

    /** The cell of unit {@code u} and rater {@code r}: the number, or the category code; NaN when missing. */
    public double cell(int u, int r) {
        return cells[u * raters.size() + r];
    }

    /** Whether unit {@code u} lacks a rating of rater {@code r}. */
    public boolean isMissing(int u, int r) {
        return Double.isNaN(cell(u, r));
    }

    /**
     * The cells, row by row ({@code unit * raterCount() + rater}); shared, not copied, for measures
     * that run over millions of cells. Callers must not change it.
     */
    public double[] cells() {
        return cells;
    }

    /**
     * The table of only the raters at {@code raterIndexes} (in that order), keeping the units at
     * least one of them rated; for per-pair agreement.
     */
    public RatingTable select(int... raterIndexes) {
        int r = raters.size();
        int k = raterIndexes.length;
        List<String> names = new ArrayList<>(k);
        for (int i : raterIndexes) {
            names.add(raters.get(Objects.checkIndex(i, r)));
        }
        double[] out = new double[units.size() * k];
        List<String> kept = new ArrayList<>();
        int rows = 0;
        for (int u = 0; u < units.size(); u++) {
            boolean any = false;
            for (int j = 0; j < k; j++) {
                double v = cells[u * r + raterIndexes[j]];
                out[rows * k + j] = v;
                any |= v == v;
            }
            if (any) {
                kept.add(units.get(u));
                rows++;
            }
        }
        return new RatingTable(kept, names, categories, numeric, Arrays.copyOf(out, rows * k));
    }

    /** Collects ratings into a table. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Integer> unitIndex = new HashMap<>();
        private final List<String> unitNames = new ArrayList<>();
        private final Map<String, Integer> raterIndex = new HashMap<>();
        private final List<String> raterNames = new ArrayList<>();
        private final Map<String, Integer> categoryIndex = new HashMap<>();
        private final List<String> categoryNames = new ArrayList<>();
        private int[] unitOf = new int[1024];
        private int[] raterOf = new int[1024];
        private double[] numberOf = new double[1024];
        private int[] categoryOf = new int[1024];
        private int size;
        private boolean allNumeric = true;

        private Builder() {
        }

        /**
         * Adds the value {@code rater} gave {@code unit}.
         *
         * @throws IllegalArgumentException when a name is empty (duplicates are found by {@link #build()})
         */
        public Builder add(String unit, String rater, AgreementValue value) {
            Objects.requireNonNull(value, "value");
            if (unit == null || unit.isEmpty()) {
                throw new IllegalArgumentException("a rating needs a unit");
            }
            if (rater == null || rater.isEmpty()) {
                throw new IllegalArgumentException("the rating of unit '" + unit + "' needs a rater");
            }
            if (size == unitOf.length) {
                int n = size * 2;
                unitOf = Arrays.copyOf(unitOf, n);
                raterOf = Arrays.copyOf(raterOf, n);
                numberOf = Arrays.copyOf(numberOf, n);
                categoryOf = Arrays.copyOf(categoryOf, n);
            }
            unitOf[size] = index(unitIndex, unitNames, unit);
            raterOf[size] = index(raterIndex, raterNames, rater);
            if (value instanceof AgreementValue.Numeric n) {
                numberOf[size] = n.value();
                categoryOf[size] = -1;
            } else {
                allNumeric = false;
                categoryOf[size] = index(categoryIndex, categoryNames, ((AgreementValue.Nominal) value).label());
            }
            size++;
            return this;
        }

        private static int index(Map<String, Integer> index, List<String> names, String name) {
            Integer i = index.get(name);
            if (i == null) {
                i = names.size();
                index.put(name, i);
                names.add(name);
            }
            return i;
        }

        /**
         * The table.
         *
         * @throws IllegalArgumentException when a rater rated one unit twice, naming both
         */
        public RatingTable build() {
            int r = raterNames.size();
            double[] cells = new double[unitNames.size() * r];
            Arrays.fill(cells, Double.NaN);
            List<String> categories = new ArrayList<>(categoryNames);
            Map<String, Integer> codes = new HashMap<>(categoryIndex);
            for (int i = 0; i < size; i++) {
                int at = unitOf[i] * r + raterOf[i];
                if (!Double.isNaN(cells[at])) {
                    throw new IllegalArgumentException(
                            "rater '" + raterNames.get(raterOf[i]) + "' rated unit '" + unitNames.get(unitOf[i]) + "' twice");
                }
                double v;
                if (allNumeric) {
                    v = numberOf[i];
                } else if (categoryOf[i] >= 0) {
                    v = categoryOf[i];
                } else {
                    v = index(codes, categories, AgreementValue.of(numberOf[i]).toString());
                }
                cells[at] = v;
            }
            return new RatingTable(unitNames, raterNames, allNumeric ? List.of() : categories, allNumeric && size > 0, cells);
        }
    }
}
