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
 * at {@value #BOOTSTRAP_MAX_DRAWS} (a million units get 100 resamples), and the interval's
 * {@code samples} and the note say when fewer resamples than asked were drawn.
 */
public final class Agreement {
    /** Most distinct values ratio alpha sums over pairs of (its expected disagreement is quadratic in them). */
    public static final int RATIO_MAX_VALUES = 20_000;
    /** Most units drawn over all bootstrap resamples. */
    public static final long BOOTSTRAP_MAX_DRAWS = 100_000_000L;
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

    private static AgreementResult alpha(RatingTable table, MeasurementLevel level, Bootstrap bootstrap) {
        int units = table.unitCount();
        int raters = table.raterCount();
        Coding coding = null;
        double[] x;
        if (level == MeasurementLevel.INTERVAL) {
            x = numbers(table);
        } else {
            coding = Coding.of(table, level);
            x = null;
        }
        int[] pairable = pairable(coding != null ? coding.codes : null, x, units, raters);
        int p = pairable.length;
        int usedRaters = ratersUsed(coding != null ? coding.codes : null, x, pairable, raters);
        String left = units > p ? (units - p) + " of " + units + " units with fewer than two ratings left out" : "";
        if (p == 0) {
            return new AgreementResult(Measure.ALPHA, level, Double.NaN, 0, usedRaters, null,
                    join("undefined: no unit has two ratings", left));
        }
        Sums s;
        UnitContributions contributions;
        switch (level) {
            case NOMINAL -> {
                contributions = nominalContributions(coding, pairable, raters);
                s = nominalSums(coding.size, contributions.counts, contributions.total());
            }
            case INTERVAL -> {
                contributions = intervalContributions(x, pairable, raters);
                s = contributions.intervalSums();
            }
            case ORDINAL -> {
                double[] counts = new double[coding.size];
                countValues(coding.codes, pairable, raters, counts);
                double[] a = midRanks(counts);
                contributions = intervalContributions(mapped(coding.codes, a), pairable, raters);
                s = contributions.intervalSums();
            }
            case RATIO -> {
                if (coding.size > RATIO_MAX_VALUES) {
                    throw new IllegalArgumentException("ratio alpha over " + coding.size + " distinct values is too slow (at most "
                            + RATIO_MAX_VALUES + "); round the values or use the interval level");
                }
                contributions = ratioContributions(coding, pairable, raters);
                s = new Sums(contributions.total(), contributions.n, ratioExpected(coding.values, contributions.counts));
            }
            default -> throw new IllegalStateException(level.toString());
        }
        double value = s.alpha();
        String note = left;
        if (Double.isNaN(value)) {
            note = join(s.n < 2 ? "undefined: fewer than two pairable values" : "undefined: the values do not vary", note);
        }
        AgreementResult.Interval ci = null;
        if (bootstrap.samples() > 0 && !Double.isNaN(value)) {
            int samples = cappedSamples(bootstrap.samples(), p);
            if (level == MeasurementLevel.RATIO && coding.size > RATIO_BOOTSTRAP_MAX_VALUES) {
                note = join("no interval: ratio bootstrap needs at most " + RATIO_BOOTSTRAP_MAX_VALUES + " distinct values", note);
            } else {
                final Coding c = coding;
                final UnitContributions uc = contributions;
                double[] draws = resample(samples, bootstrap.seed(), b -> alphaResample(level, c, uc, pairable, raters, b));
                ci = interval(draws, bootstrap.confidence());
                note = join(bootstrapNote(bootstrap.samples(), samples, draws), note);
            }
        }
        return new AgreementResult(Measure.ALPHA, level, value, p, usedRaters, ci, note);
    }

    /** {@code sum o_ck delta_ck}, {@code n}, {@code sum n_c n_k delta_ck} of one (re)sample. */
    private record Sums(double observed, double n, double expected) {
        double alpha() {
            if (n < 2 || !(expected > 0)) {
                return Double.NaN;
            }
            return 1 - (n - 1) * observed / expected;
        }
    }

    /**
     * What each pairable unit (by position in the pairable list) adds: its observed disagreement
     * {@code d}, and for interval data the sum and sum of squares of its values centred on the mean.
     */
    private static final class UnitContributions {
        final double[] d;
        final double[] s1;
        final double[] s2;
        final double[] counts;
        final int[] m;
        double n;
        double total;

        UnitContributions(int p, boolean moments, int categories) {
            d = new double[p];
            s1 = moments ? new double[p] : null;
            s2 = moments ? new double[p] : null;
            counts = categories >= 0 ? new double[categories] : null;
            m = new int[p];
        }

        double total() {
            return total;
        }

        Sums intervalSums() {
            double s1t = 0;
            double s2t = 0;
            for (int k = 0; k < d.length; k++) {
                s1t += s1[k];
                s2t += s2[k];
            }
            return new Sums(total, n, 2 * n * (s2t - s1t * s1t / n));
        }
    }

    private static UnitContributions nominalContributions(Coding coding, int[] pairable, int raters) {
        int[] codes = coding.codes;
        UnitContributions uc = new UnitContributions(pairable.length, false, coding.size);
        int[] v = new int[raters];
        double total = 0;
        long n = 0;
        for (int k = 0; k < pairable.length; k++) {
            int base = pairable[k] * raters;
            int m = 0;
            for (int r = 0; r < raters; r++) {
                int c = codes[base + r];
                if (c >= 0) {
                    v[m++] = c;
                    uc.counts[c]++;
                }
            }
            int equal = 0;
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    if (v[i] == v[j]) {
                        equal++;
                    }
                }
            }
            double dk = (double) (m * (m - 1) - 2 * equal) / (m - 1);
            uc.d[k] = dk;
            uc.m[k] = m;
            total += dk;
            n += m;
        }
        uc.total = total;
        uc.n = n;
        return uc;
    }

    private static Sums nominalSums(int categories, double[] counts, double observed) {
        double n = 0;
        double sq = 0;
        for (int c = 0; c < categories; c++) {
            n += counts[c];
            sq += counts[c] * counts[c];
        }
        return new Sums(observed, n, n * n - sq);
    }

    private static UnitContributions intervalContributions(double[] x, int[] pairable, int raters) {
        double sum = 0;
        long n = 0;
        for (int u : pairable) {
            int base = u * raters;
            for (int r = 0; r < raters; r++) {
                double v = x[base + r];
                if (v == v) {
                    sum += v;
                    n++;
                }
            }
        }
        // Centred on the mean so the sums of squares do not cancel catastrophically; alpha does
        // not change under a shift of the interval scale.
        double mean = sum / n;
        UnitContributions uc = new UnitContributions(pairable.length, true, -1);
        double total = 0;
        for (int k = 0; k < pairable.length; k++) {
            int base = pairable[k] * raters;
            int m = 0;
            double s1 = 0;
            for (int r = 0; r < raters; r++) {
                double v = x[base + r];
                if (v == v) {
                    s1 += v - mean;
                    m++;
                }
            }
            double unitMean = s1 / m;
            double s2 = 0;
            double dev = 0;
            for (int r = 0; r < raters; r++) {
                double v = x[base + r];
                if (v == v) {
                    double c = v - mean;
                    s2 += c * c;
                    double e = c - unitMean;
                    dev += e * e;
                }
            }
            // sum over ordered pairs i != j of (x_i - x_j)^2 = 2 m sum (x_i - mean_u)^2
            double dk = 2.0 * m * dev / (m - 1);
            uc.d[k] = dk;
            uc.m[k] = m;
            uc.s1[k] = s1;
            uc.s2[k] = s2;
            total += dk;
        }
        uc.total = total;
        uc.n = n;
        return uc;
    }

    private static UnitContributions ratioContributions(Coding coding, int[] pairable, int raters) {
        int[] codes = coding.codes;
        double[] values = coding.values;
        UnitContributions uc = new UnitContributions(pairable.length, false, coding.size);
        double[] v = new double[raters];
        double total = 0;
        long n = 0;
        for (int k = 0; k < pairable.length; k++) {
            int base = pairable[k] * raters;
            int m = 0;
            for (int r = 0; r < raters; r++) {
                int c = codes[base + r];
                if (c >= 0) {
                    v[m++] = values[c];
                    uc.counts[c]++;
                }
            }
            double sum = 0;
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    sum += ratio(v[i], v[j]);
                }
            }
            double dk = 2 * sum / (m - 1);
            uc.d[k] = dk;
            uc.m[k] = m;
            total += dk;
            n += m;
        }
        uc.total = total;
        uc.n = n;
        return uc;
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

    private static double[] mapped(int[] codes, double[] a) {
        double[] x = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            x[i] = c < 0 ? Double.NaN : a[c];
        }
        return x;
    }

    private static void countValues(int[] codes, int[] pairable, int raters, double[] counts) {
        for (int u : pairable) {
            int base = u * raters;
            for (int r = 0; r < raters; r++) {
                int c = codes[base + r];
                if (c >= 0) {
                    counts[c]++;
                }
            }
        }
    }

    private static double alphaResample(MeasurementLevel level, Coding coding, UnitContributions uc, int[] pairable, int raters,
            SplittableRandom random) {
        int p = pairable.length;
        switch (level) {
            case INTERVAL -> {
                double observed = 0;
                double n = 0;
                double s1 = 0;
                double s2 = 0;
                for (int i = 0; i < p; i++) {
                    int k = random.nextInt(p);
                    observed += uc.d[k];
                    s1 += uc.s1[k];
                    s2 += uc.s2[k];
                    n += uc.m[k];
                }
                return new Sums(observed, n, 2 * n * (s2 - s1 * s1 / n)).alpha();
            }
            case NOMINAL, RATIO -> {
                int[] codes = coding.codes;
                double[] counts = new double[coding.size];
                double observed = 0;
                for (int i = 0; i < p; i++) {
                    int k = random.nextInt(p);
                    observed += uc.d[k];
                    int base = pairable[k] * raters;
                    for (int r = 0; r < raters; r++) {
                        int c = codes[base + r];
                        if (c >= 0) {
                            counts[c]++;
                        }
                    }
                }
                if (level == MeasurementLevel.NOMINAL) {
                    return nominalSums(coding.size, counts, observed).alpha();
                }
                double n = 0;
                for (double c : counts) {
                    n += c;
                }
                return new Sums(observed, n, ratioExpected(coding.values, counts)).alpha();
            }
            case ORDINAL -> {
                // The metric depends on the resample's marginals: count first, then draw the same
                // units again (same generator state) to sum their disagreement under it.
                int[] codes = coding.codes;
                double[] counts = new double[coding.size];
                long seed = random.nextLong();
                SplittableRandom draw = new SplittableRandom(seed);
                for (int i = 0; i < p; i++) {
                    int base = pairable[draw.nextInt(p)] * raters;
                    for (int r = 0; r < raters; r++) {
                        int c = codes[base + r];
                        if (c >= 0) {
                            counts[c]++;
                        }
                    }
                }
                double[] a = midRanks(counts);
                double n = 0;
                double s1 = 0;
                double s2 = 0;
                for (int c = 0; c < counts.length; c++) {
                    n += counts[c];
                    s1 += counts[c] * a[c];
                }
                double mean = s1 / n;
                for (int c = 0; c < counts.length; c++) {
                    double e = a[c] - mean;
                    s2 += counts[c] * e * e;
                }
                double[] v = new double[raters];
                double observed = 0;
                draw = new SplittableRandom(seed);
                for (int i = 0; i < p; i++) {
                    int base = pairable[draw.nextInt(p)] * raters;
                    int m = 0;
                    double sum = 0;
                    for (int r = 0; r < raters; r++) {
                        int c = codes[base + r];
                        if (c >= 0) {
                            v[m++] = a[c];
                            sum += a[c];
                        }
                    }
                    double um = sum / m;
                    double dev = 0;
                    for (int j = 0; j < m; j++) {
                        double e = v[j] - um;
                        dev += e * e;
                    }
                    observed += 2.0 * m * dev / (m - 1);
                }
                return new Sums(observed, n, 2 * n * s2).alpha();
            }
            default -> throw new IllegalStateException(level.toString());
        }
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
        int[] pairs = new int[both];
        int[] rank = new int[coding.size];
        int categories = 0;
        for (int c = 0; c < coding.size; c++) {
            rank[c] = present[c] ? categories++ : -1;
        }
        int k = 0;
        for (int u = 0; u < units; u++) {
            int a = codes[2 * u];
            int b = codes[2 * u + 1];
            if (a >= 0 && b >= 0) {
                pairs[k++] = rank[a] * categories + rank[b];
            }
        }
        String left = units > both ? (units - both) + " of " + units + " units one rater missed left out" : "";
        int usedRaters = both > 0 ? 2 : 0;
        if (both == 0) {
            return new AgreementResult(Measure.COHEN, level, Double.NaN, 0, 0, null, join("undefined: no unit rated by both", left));
        }
        Weights w = switch (level) {
            case NOMINAL -> Weights.IDENTITY;
            case ORDINAL -> Weights.LINEAR;
            case INTERVAL, RATIO -> Weights.QUADRATIC;
        };
        final int cats = categories;
        double value = cohenOf(pairs, cats, w, null);
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
            double[] draws = resample(samples, bootstrap.seed(), random -> cohenOf(pairs, cats, w, random));
            ci = interval(draws, bootstrap.confidence());
            note = join(bootstrapNote(bootstrap.samples(), samples, draws), note);
        }
        return new AgreementResult(Measure.COHEN, level, value, both, usedRaters, ci, note);
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

    /** Kappa of the (resampled, when {@code random} is given) unit pairs {@code first * categories + second}. */
    private static double cohenOf(int[] pairs, int categories, Weights w, SplittableRandom random) {
        double[] first = new double[categories];
        double[] second = new double[categories];
        double observed = 0;
        int n = pairs.length;
        for (int i = 0; i < n; i++) {
            int pair = random == null ? pairs[i] : pairs[random.nextInt(n)];
            int a = pair / categories;
            int b = pair - a * categories;
            first[a]++;
            second[b]++;
            observed += w.of(a, b);
        }
        observed /= n;
        double expected = 0;
        switch (w) {
            case IDENTITY -> {
                double same = 0;
                for (int c = 0; c < categories; c++) {
                    same += first[c] * second[c];
                }
                expected = 1 - same / ((double) n * n);
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
        if (!(expected > 1e-15)) {
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
        int[] codes = coding.codes;
        double[] agreement = new double[p];
        int[] v = new int[raters];
        for (int k = 0; k < p; k++) {
            int base = pairable[k] * raters;
            int m = 0;
            for (int r = 0; r < raters; r++) {
                int c = codes[base + r];
                if (c >= 0) {
                    v[m++] = c;
                }
            }
            int equal = 0;
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    if (v[i] == v[j]) {
                        equal++;
                    }
                }
            }
            agreement[k] = 2.0 * equal / ((double) m * (m - 1));
        }
        double value = fleissOf(codes, coding.size, pairable, raters, agreement, null);
        if (Double.isNaN(value)) {
            note = join("undefined: every rating is the same category", note);
        }
        AgreementResult.Interval ci = null;
        if (bootstrap.samples() > 0 && !Double.isNaN(value)) {
            int samples = cappedSamples(bootstrap.samples(), p);
            double[] draws = resample(samples, bootstrap.seed(),
                    random -> fleissOf(codes, coding.size, pairable, raters, agreement, random));
            ci = interval(draws, bootstrap.confidence());
            note = join(bootstrapNote(bootstrap.samples(), samples, draws), note);
        }
        return new AgreementResult(Measure.FLEISS, MeasurementLevel.NOMINAL, value, p, usedRaters, ci, note);
    }

    private static double fleissOf(int[] codes, int categories, int[] pairable, int raters, double[] agreement,
            SplittableRandom random) {
        int p = pairable.length;
        double[] counts = new double[categories];
        double sumAgreement = 0;
        for (int i = 0; i < p; i++) {
            int k = random == null ? i : random.nextInt(p);
            sumAgreement += agreement[k];
            int base = pairable[k] * raters;
            for (int r = 0; r < raters; r++) {
                int c = codes[base + r];
                if (c >= 0) {
                    counts[c]++;
                }
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
        if (!(1 - expected > 1e-15)) {
            return Double.NaN;
        }
        return (sumAgreement / p - expected) / (1 - expected);
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

    private interface Resample {
        double of(SplittableRandom random);
    }

    /** Runs resamples in parallel; resample {@code b}'s generator depends only on the seed and {@code b}. */
    private static double[] resample(int samples, long seed, Resample one) {
        double[] out = new double[samples];
        IntStream.range(0, samples).parallel().forEach(b -> out[b] = one.of(new SplittableRandom(mix(seed, b))));
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
