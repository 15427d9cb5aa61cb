package dev.vellum.quality.agreement;

import dev.vellum.core.spi.MeasurementLevel;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Computes agreement coefficients over a {@link RatingTable}. Pure functions: thread-safe, no state.
 *
 * <h2>Measures</h2>
 * <ul>
 * <li><b>Cohen's kappa</b> (two raters): units one rater missed are left out (counted in the note).
 * Nominal: the classic unweighted kappa. Ordinal: weighted kappa with linear disagreement weights
 * {@code |i-j|}; interval and ratio: quadratic weights {@code (i-j)^2}, where {@code i}, {@code j} are
 * the ranks of the values among the distinct values of the units that entered (as R psych's
 * {@code cohen.kappa} and statsmodels' {@code cohens_kappa} weight by category index).</li>
 * <li><b>Fleiss' kappa</b> (any number of raters, nominal): units with fewer than two ratings are
 * left out. When units have unequal numbers of ratings, each unit's agreement uses its own count
 * {@code n_i}: {@code P_i = sum_j n_ij (n_ij - 1) / (n_i (n_i - 1))}, {@code P} is their mean over
 * units, and the category proportions {@code p_j} are taken over all ratings of the units that
 * entered, {@code kappa = (P - sum p_j^2) / (1 - sum p_j^2)}. With equal counts this is Fleiss
 * (1971) exactly. Other levels are read as nominal (said in the note).</li>
 * <li><b>Krippendorff's alpha</b>: nominal, ordinal, interval and ratio metrics, missing data
 * allowed; {@code alpha = 1 - D_o / D_e} over the coincidence matrix of the pairable units (those
 * with at least two ratings). The matrix is never materialised: {@code sum_ck o_ck delta_ck} is
 * summed unit by unit, and {@code sum_ck n_c n_k delta_ck} is computed from the marginals (closed
 * forms for nominal and interval; the ordinal metric of Krippendorff equals the squared difference
 * of mid-cumulative ranks {@code C_c - n_c / 2}, so it runs as interval over those; ratio sums over
 * pairs of distinct values and so refuses more than {@value #RATIO_MAX_VALUES} distinct values).</li>
 * </ul>
 * Numeric levels over a table of labels parse the labels as numbers and refuse, naming the value,
 * when one is not. A value that is undefined for the data (no variation, fewer than two pairable
 * units) is NaN with a note saying why.
 *
 * <h2>Confidence intervals</h2>
 * Percentile bootstrap: units (those that entered) are resampled with replacement, each resample's
 * coefficient is recomputed exactly from the units' own contributions (their ratings, and for alpha
 * their rows of the coincidence matrix), and the interval is the {@code (1-c)/2} and {@code (1+c)/2}
 * quantiles of the finite resampled values. Resample {@code b} draws from a generator seeded with the
 * bootstrap's seed and {@code b}, so the same data and seed give the same interval on any number of
 * threads. One resample costs one draw per unit; to stay fast, draws over all resamples are capped
 * at {@value #BOOTSTRAP_MAX_DRAWS} (a million units get 200 resamples), and the interval's
 * {@code samples} and the note say when fewer resamples than asked were drawn.
 */
public final class Agreement {
    /** Most distinct values ratio alpha sums over pairs of (its expected disagreement is quadratic in them). */
    public static final int RATIO_MAX_VALUES = 20_000;
    /** Most units drawn over all bootstrap resamples. */
    public static final long BOOTSTRAP_MAX_DRAWS = 200_000_000L;
    /** Fewest resamples a capped bootstrap still draws. */
    static final int BOOTSTRAP_MIN_SAMPLES = 50;
    private static final int RATIO_BOOTSTRAP_MAX_VALUES = 500;

    private Agreement() {
    }

    /**
     * Computes {@code measure} over {@code table}, reading its values at {@code level}.
     *
     * @param bootstrap how to compute a confidence interval ({@link Bootstrap#NONE} for none)
     * @throws IllegalArgumentException saying why the measure does not apply (Cohen's kappa with
     *                                  other than two raters; a numeric level over labels that are
     *                                  not numbers)
     */
    public static AgreementResult compute(RatingTable table, Measure measure, MeasurementLevel level, Bootstrap bootstrap) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(bootstrap, "bootstrap");
        return switch (measure) {
            case COHEN -> cohen(table, level, bootstrap);
            case FLEISS -> fleiss(table, level, bootstrap);
            case ALPHA -> alpha(table, level, bootstrap);
        };
    }

    // ---------------------------------------------------------------- Krippendorff's alpha

    /** Most distinct numbers interval alpha codes and groups; above, each unit is its own profile. */
    private static final int INTERVAL_MAX_CODES = 1 << 16;

    private static AgreementResult alpha(RatingTable table, MeasurementLevel level, Bootstrap bootstrap) {
        int units = table.unitCount();
        int raters = table.raterCount();
        Coding coding = level == MeasurementLevel.INTERVAL ? Coding.of(table, level, INTERVAL_MAX_CODES) : Coding.of(table, level);
        double[] x = coding == null ? numbers(table) : null;
        int[] pairable = pairable(coding != null ? coding.codes : null, x, units, raters);
        int p = pairable.length;
        int usedRaters = ratersUsed(coding != null ? coding.codes : null, x, pairable, raters);
        String left = units > p ? (units - p) + " of " + units + " units with fewer than two ratings left out" : "";
        if (p == 0) {
            return new AgreementResult(Measure.ALPHA, level, Double.NaN, 0, usedRaters, null,
                    join("undefined: no unit has two ratings", left));
        }
        if (level == MeasurementLevel.RATIO && coding.size > RATIO_MAX_VALUES) {
            throw new IllegalArgumentException("ratio alpha over " + coding.size + " distinct values is too slow (at most "
                    + RATIO_MAX_VALUES + "); round the values or use the interval level");
        }
        Profiles profiles = coding != null ? Profiles.ofCodes(coding.codes, pairable, raters, coding.size, coding.values)
                : Profiles.ofNumbers(x, pairable, raters);
        AlphaStatistic statistic = new AlphaStatistic(level, profiles, coding == null ? 0 : coding.size,
                coding == null ? null : coding.values);
        double[] n = new double[1];
        double value = statistic.of(profiles.count, n);
        String note = left;
        if (Double.isNaN(value)) {
            note = join(n[0] < 2 ? "undefined: fewer than two pairable values" : "undefined: the values do not vary", note);
        }
        AgreementResult.Interval ci = null;
        if (bootstrap.samples() > 0 && !Double.isNaN(value)) {
            if (level == MeasurementLevel.RATIO && coding.size > RATIO_BOOTSTRAP_MAX_VALUES) {
                note = join("no interval: ratio bootstrap needs at most " + RATIO_BOOTSTRAP_MAX_VALUES + " distinct values", note);
            } else {
                int samples = cappedSamples(bootstrap.samples(), p);
                double[] draws = resample(profiles, samples, bootstrap.seed(), w -> statistic.of(w, null));
                ci = interval(draws, bootstrap.confidence());
                note = join(bootstrapNote(bootstrap.samples(), samples, draws), note);
            }
        }
        return new AgreementResult(Measure.ALPHA, level, value, p, usedRaters, ci, note);
    }

    /**
     * Alpha as a function of profile weights. Computes {@code 1 - (n - 1) sum o_ck delta_ck / sum
     * n_c n_k delta_ck}: the observed part unit profile by unit profile ({@code sum_{i != j}
     * delta(v_i, v_j) / (m - 1)} per unit), the expected part from the marginals.
     */
    private static final class AlphaStatistic {
        private final MeasurementLevel level;
        private final Profiles p;
        private final int categories;
        private final double[] values;
        /** Per profile: observed disagreement of one unit, for metrics that do not depend on the marginals. */
        private final double[] d;
        /** Interval: per profile, sum and sum of squares of the values centred on the full sample's mean. */
        private final double[] s1;
        private final double[] s2;

        AlphaStatistic(MeasurementLevel level, Profiles p, int categories, double[] values) {
            this.level = level;
            this.p = p;
            this.categories = categories;
            this.values = values;
            int k = p.size;
            d = level == MeasurementLevel.ORDINAL ? null : new double[k];
            s1 = level == MeasurementLevel.INTERVAL ? new double[k] : null;
            s2 = level == MeasurementLevel.INTERVAL ? new double[k] : null;
            double mean = 0;
            if (level == MeasurementLevel.INTERVAL) {
                // centred so that sums of squares do not cancel; alpha is unchanged by a shift
                double sum = 0;
                double n = 0;
                for (int j = 0; j < k; j++) {
                    for (int i = p.start[j]; i < p.start[j + 1]; i++) {
                        sum += p.count[j] * p.numbers[i];
                    }
                    n += p.count[j] * p.m[j];
                }
                mean = sum / n;
            }
            for (int j = 0; j < k; j++) {
                int from = p.start[j];
                int to = p.start[j + 1];
                int m = p.m[j];
                switch (level) {
                    case NOMINAL -> {
                        int equal = 0;
                        for (int a = from; a < to; a++) {
                            for (int b = a + 1; b < to; b++) {
                                if (p.codes[a] == p.codes[b]) {
                                    equal++;
                                }
                            }
                        }
                        d[j] = (double) (m * (m - 1) - 2 * equal) / (m - 1);
                    }
                    case INTERVAL -> {
                        double t1 = 0;
                        for (int a = from; a < to; a++) {
                            t1 += p.numbers[a] - mean;
                        }
                        double unitMean = t1 / m;
                        double t2 = 0;
                        double dev = 0;
                        for (int a = from; a < to; a++) {
                            double c = p.numbers[a] - mean;
                            t2 += c * c;
                            double e = c - unitMean;
                            dev += e * e;
                        }
                        // sum over ordered pairs i != j of (x_i - x_j)^2 = 2 m sum (x_i - mean_u)^2
                        d[j] = 2.0 * m * dev / (m - 1);
                        s1[j] = t1;
                        s2[j] = t2;
                    }
                    case RATIO -> {
                        double sum = 0;
                        for (int a = from; a < to; a++) {
                            for (int b = a + 1; b < to; b++) {
                                sum += ratio(p.numbers[a], p.numbers[b]);
                            }
                        }
                        d[j] = 2 * sum / (m - 1);
                    }
                    case ORDINAL -> {
                    }
                }
            }
        }

        /** Alpha at profile weights {@code w}; puts the number of pairable values in {@code n[0]} when given. */
        double of(double[] w, double[] n) {
            int k = p.size;
            double observed = 0;
            double values = 0;
            double expected;
            switch (level) {
                case INTERVAL -> {
                    double t1 = 0;
                    double t2 = 0;
                    for (int j = 0; j < k; j++) {
                        double wj = w[j];
                        if (wj != 0) {
                            observed += wj * d[j];
                            t1 += wj * s1[j];
                            t2 += wj * s2[j];
                            values += wj * p.m[j];
                        }
                    }
                    expected = 2 * values * (t2 - t1 * t1 / values);
                }
                case NOMINAL, RATIO -> {
                    double[] counts = counts(w);
                    for (int j = 0; j < k; j++) {
                        observed += w[j] * d[j];
                    }
                    double sq = 0;
                    for (double c : counts) {
                        values += c;
                        sq += c * c;
                    }
                    expected = level == MeasurementLevel.NOMINAL ? values * values - sq : ratioExpected(this.values, counts);
                }
                case ORDINAL -> {
                    double[] counts = counts(w);
                    double[] a = midRanks(counts);
                    double t1 = 0;
                    for (int c = 0; c < counts.length; c++) {
                        values += counts[c];
                        t1 += counts[c] * a[c];
                    }
                    double mean = t1 / values;
                    double t2 = 0;
                    for (int c = 0; c < counts.length; c++) {
                        double e = a[c] - mean;
                        t2 += counts[c] * e * e;
                    }
                    expected = 2 * values * t2;
                    for (int j = 0; j < k; j++) {
                        double wj = w[j];
                        if (wj == 0) {
                            continue;
                        }
                        int from = p.start[j];
                        int to = p.start[j + 1];
                        int m = p.m[j];
                        double sum = 0;
                        for (int i = from; i < to; i++) {
                            sum += a[p.codes[i]];
                        }
                        double um = sum / m;
                        double dev = 0;
                        for (int i = from; i < to; i++) {
                            double e = a[p.codes[i]] - um;
                            dev += e * e;
                        }
                        observed += wj * 2.0 * m * dev / (m - 1);
                    }
                }
                default -> throw new IllegalStateException(level.toString());
            }
            if (n != null) {
                n[0] = values;
            }
            if (values < 2 || !(expected > 1e-12 * values * values)) {
                return Double.NaN;
            }
            return 1 - (values - 1) * observed / expected;
        }

        private double[] counts(double[] w) {
            double[] counts = new double[categories];
            for (int j = 0; j < p.size; j++) {
                double wj = w[j];
                if (wj != 0) {
                    for (int i = p.start[j]; i < p.start[j + 1]; i++) {
                        counts[p.codes[i]] += wj;
                    }
                }
            }
            return counts;
        }
    }

    private static double ratio(double a, double b) {
        double s = a + b;
        if (s == 0) {
            return 0;
        }
        double q = (a - b) / s;
        return q * q;
    }

    private static double ratioExpected(double[] values, double[] counts) {
        double sum = 0;
        for (int c = 0; c < values.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double inner = 0;
            for (int k = c + 1; k < values.length; k++) {
                if (counts[k] != 0) {
                    inner += counts[k] * ratio(values[c], values[k]);
                }
            }
            sum += counts[c] * inner;
        }
        return 2 * sum;
    }

    /**
     * Krippendorff's ordinal metric, {@code delta_ck = (sum_{g=c..k} n_g - (n_c + n_k)/2)^2}, equals
     * {@code (a_k - a_c)^2} with {@code a_c = C_c - n_c/2} ({@code C} cumulative): returns {@code a}.
     */
    private static double[] midRanks(double[] counts) {
        double[] a = new double[counts.length];
        double cumulative = 0;
        for (int c = 0; c < counts.length; c++) {
            cumulative += counts[c];
            a[c] = cumulative - counts[c] / 2;
        }
        return a;
    }

    // ---------------------------------------------------------------- Cohen's kappa

    private static AgreementResult cohen(RatingTable table, MeasurementLevel level, Bootstrap bootstrap) {
        if (table.raterCount() != 2) {
            throw new IllegalArgumentException("Cohen's kappa needs exactly two raters, the ratings have "
                    + table.raterCount() + (table.raterCount() > 2 ? " (use fleiss or alpha)" : ""));
        }
        Coding coding = Coding.of(table, level);
        int units = table.unitCount();
        int[] codes = coding.codes;
        int both = 0;
        boolean[] present = new boolean[coding.size];
        for (int u = 0; u < units; u++) {
            int a = codes[2 * u];
            int b = codes[2 * u + 1];
            if (a >= 0 && b >= 0) {
                both++;
                present[a] = true;
                present[b] = true;
            }
        }
        String left = units > both ? (units - both) + " of " + units + " units one rater missed left out" : "";
        if (both == 0) {
            return new AgreementResult(Measure.COHEN, level, Double.NaN, 0, 0, null, join("undefined: no unit rated by both", left));
        }
        // weights go by rank among the values of the units that entered
        int[] rank = new int[coding.size];
        int categories = 0;
        for (int c = 0; c < coding.size; c++) {
            rank[c] = present[c] ? categories++ : -1;
        }
        int[] first = new int[both];
        int[] second = new int[both];
        int k = 0;
        for (int u = 0; u < units; u++) {
            int a = codes[2 * u];
            int b = codes[2 * u + 1];
            if (a >= 0 && b >= 0) {
                first[k] = rank[a];
                second[k++] = rank[b];
            }
        }
        Profiles profiles = Profiles.ofPairs(first, second, categories);
        Weights w = switch (level) {
            case NOMINAL -> Weights.IDENTITY;
            case ORDINAL -> Weights.LINEAR;
            case INTERVAL, RATIO -> Weights.QUADRATIC;
        };
        final int cats = categories;
        double value = cohenOf(profiles, profiles.count, cats, w);
        String note = left;
        if (Double.isNaN(value)) {
            note = join("undefined: both raters gave one and the same value throughout", note);
        }
        if (w != Weights.IDENTITY) {
            note = join("weighted kappa, " + w.name().toLowerCase(java.util.Locale.ROOT) + " weights over value ranks", note);
        }
        AgreementResult.Interval ci = null;
        if (bootstrap.samples() > 0 && !Double.isNaN(value)) {
            int samples = cappedSamples(bootstrap.samples(), both);
            double[] draws = resample(profiles, samples, bootstrap.seed(), weights -> cohenOf(profiles, weights, cats, w));
            ci = interval(draws, bootstrap.confidence());
            note = join(bootstrapNote(bootstrap.samples(), samples, draws), note);
        }
        return new AgreementResult(Measure.COHEN, level, value, both, 2, ci, note);
    }

    private enum Weights {
        IDENTITY, LINEAR, QUADRATIC;

        double of(int i, int j) {
            return switch (this) {
                case IDENTITY -> i == j ? 0 : 1;
                case LINEAR -> Math.abs(i - j);
                case QUADRATIC -> (double) (i - j) * (i - j);
            };
        }
    }

    /** Kappa at pair-profile weights {@code w}: {@code 1 - observed / expected} weighted disagreement. */
    private static double cohenOf(Profiles p, double[] w, int categories, Weights weights) {
        double[] first = new double[categories];
        double[] second = new double[categories];
        double observed = 0;
        double n = 0;
        for (int j = 0; j < p.size; j++) {
            double wj = w[j];
            if (wj == 0) {
                continue;
            }
            int a = p.codes[p.start[j]];
            int b = p.codes[p.start[j] + 1];
            first[a] += wj;
            second[b] += wj;
            observed += wj * weights.of(a, b);
            n += wj;
        }
        observed /= n;
        double expected = 0;
        switch (weights) {
            case IDENTITY -> {
                double same = 0;
                for (int c = 0; c < categories; c++) {
                    same += first[c] * second[c];
                }
                expected = 1 - same / (n * n);
            }
            case LINEAR -> {
                // E|I - J| for independent I, J = sum over steps t of P(I <= t < J) + P(J <= t < I)
                double f1 = 0;
                double f2 = 0;
                for (int t = 0; t < categories - 1; t++) {
                    f1 += first[t] / n;
                    f2 += second[t] / n;
                    expected += f1 * (1 - f2) + f2 * (1 - f1);
                }
            }
            case QUADRATIC -> {
                double m1 = 0;
                double m2 = 0;
                double q1 = 0;
                double q2 = 0;
                for (int c = 0; c < categories; c++) {
                    m1 += c * first[c];
                    q1 += (double) c * c * first[c];
                    m2 += c * second[c];
                    q2 += (double) c * c * second[c];
                }
                m1 /= n;
                m2 /= n;
                q1 /= n;
                q2 /= n;
                expected = q1 + q2 - 2 * m1 * m2;
            }
        }
        if (!(expected > 1e-12)) {
            return Double.NaN;
        }
        return 1 - observed / expected;
    }

    // ---------------------------------------------------------------- Fleiss' kappa

    private static AgreementResult fleiss(RatingTable table, MeasurementLevel level, Bootstrap bootstrap) {
        Coding coding = Coding.of(table, MeasurementLevel.NOMINAL);
        int units = table.unitCount();
        int raters = table.raterCount();
        int[] pairable = pairable(coding.codes, null, units, raters);
        int p = pairable.length;
        int usedRaters = ratersUsed(coding.codes, null, pairable, raters);
        String note = level == MeasurementLevel.NOMINAL ? "" : "Fleiss' kappa reads values as nominal categories";
        String left = units > p ? (units - p) + " of " + units + " units with fewer than two ratings left out" : "";
        note = join(note, left);
        if (p == 0) {
            return new AgreementResult(Measure.FLEISS, MeasurementLevel.NOMINAL, Double.NaN, 0, usedRaters, null,
                    join("undefined: no unit has two ratings", note));
        }
        Profiles profiles = Profiles.ofCodes(coding.codes, pairable, raters, coding.size, null);
        double[] agreement = new double[profiles.size];
        for (int j = 0; j < profiles.size; j++) {
            int equal = 0;
            for (int a = profiles.start[j]; a < profiles.start[j + 1]; a++) {
                for (int b = a + 1; b < profiles.start[j + 1]; b++) {
                    if (profiles.codes[a] == profiles.codes[b]) {
                        equal++;
                    }
                }
            }
            int m = profiles.m[j];
            agreement[j] = 2.0 * equal / ((double) m * (m - 1));
        }
        int categories = coding.size;
        double value = fleissOf(profiles, profiles.count, categories, agreement);
        if (Double.isNaN(value)) {
            note = join("undefined: every rating is the same category", note);
        }
        AgreementResult.Interval ci = null;
        if (bootstrap.samples() > 0 && !Double.isNaN(value)) {
            int samples = cappedSamples(bootstrap.samples(), p);
            double[] draws = resample(profiles, samples, bootstrap.seed(), w -> fleissOf(profiles, w, categories, agreement));
            ci = interval(draws, bootstrap.confidence());
            note = join(bootstrapNote(bootstrap.samples(), samples, draws), note);
        }
        return new AgreementResult(Measure.FLEISS, MeasurementLevel.NOMINAL, value, p, usedRaters, ci, note);
    }

    private static double fleissOf(Profiles p, double[] w, int categories, double[] agreement) {
        double[] counts = new double[categories];
        double sumAgreement = 0;
        double units = 0;
        for (int j = 0; j < p.size; j++) {
            double wj = w[j];
            if (wj == 0) {
                continue;
            }
            sumAgreement += wj * agreement[j];
            units += wj;
            for (int i = p.start[j]; i < p.start[j + 1]; i++) {
                counts[p.codes[i]] += wj;
            }
        }
        double n = 0;
        for (double c : counts) {
            n += c;
        }
        double expected = 0;
        for (double c : counts) {
            expected += (c / n) * (c / n);
        }
        if (!(1 - expected > 1e-12)) {
            return Double.NaN;
        }
        return (sumAgreement / units - expected) / (1 - expected);
    }

    // ---------------------------------------------------------------- shared

    /** The values of a table as numbers (NaN = missing), parsing category names for a table of labels. */
    private static double[] numbers(RatingTable table) {
        if (table.isNumeric()) {
            return table.cells();
        }
        Coding coding = Coding.of(table, MeasurementLevel.INTERVAL);
        return mapped(coding.codes, coding.values);
    }

    private static double[] mapped(int[] codes, double[] a) {
        double[] x = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            x[i] = c < 0 ? Double.NaN : a[c];
        }
        return x;
    }

    /** Units with at least two ratings, in table order. */
    private static int[] pairable(int[] codes, double[] x, int units, int raters) {
        int[] out = new int[units];
        int p = 0;
        for (int u = 0; u < units; u++) {
            int base = u * raters;
            int m = 0;
            for (int r = 0; r < raters && m < 2; r++) {
                if (codes != null ? codes[base + r] >= 0 : x[base + r] == x[base + r]) {
                    m++;
                }
            }
            if (m >= 2) {
                out[p++] = u;
            }
        }
        return p == units ? out : Arrays.copyOf(out, p);
    }

    private static int ratersUsed(int[] codes, double[] x, int[] units, int raters) {
        boolean[] used = new boolean[raters];
        int count = 0;
        for (int u : units) {
            int base = u * raters;
            for (int r = 0; r < raters; r++) {
                if (!used[r] && (codes != null ? codes[base + r] >= 0 : x[base + r] == x[base + r])) {
                    used[r] = true;
                    if (++count == raters) {
                        return count;
                    }
                }
            }
        }
        return count;
    }

    static int cappedSamples(int asked, int units) {
        long most = Math.max(BOOTSTRAP_MIN_SAMPLES, BOOTSTRAP_MAX_DRAWS / Math.max(1, units));
        return (int) Math.min(asked, most);
    }

    private interface Statistic {
        double of(double[] weights);
    }

    /**
     * Runs resamples in parallel; resample {@code b}'s generator depends only on the seed and
     * {@code b}, so the result does not depend on the number of threads.
     */
    private static double[] resample(Profiles profiles, int samples, long seed, Statistic statistic) {
        Profiles.Sampler sampler = profiles.sampler();
        double[] out = new double[samples];
        IntStream.range(0, samples).parallel()
                .forEach(b -> out[b] = statistic.of(profiles.resample(new SplittableRandom(mix(seed, b)), sampler)));
        return out;
    }

    private static long mix(long seed, int b) {
        long z = seed + 0x9E3779B97F4A7C15L * (b + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Percentile interval of the finite draws (linear interpolation between order statistics); null when none. */
    static AgreementResult.Interval interval(double[] draws, double confidence) {
        double[] finite = Arrays.stream(draws).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return null;
        }
        double tail = (1 - confidence) / 2;
        return new AgreementResult.Interval(quantile(finite, tail), quantile(finite, 1 - tail), confidence, draws.length);
    }

    private static double quantile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    private static String bootstrapNote(int asked, int drawn, double[] draws) {
        String note = drawn < asked ? "bootstrap capped at " + drawn + " resamples (" + BOOTSTRAP_MAX_DRAWS / 1_000_000
                + " million unit draws)" : "";
        long undefined = Arrays.stream(draws).filter(d -> !Double.isFinite(d)).count();
        if (undefined > 0) {
            note = join(note, undefined + " resamples undefined, left out of the interval");
        }
        return note;
    }

    private static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a + "; " + b;
    }
}
