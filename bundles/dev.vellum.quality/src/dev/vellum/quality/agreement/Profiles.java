package dev.vellum.quality.agreement;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The units that enter a measure, grouped by profile: units whose ratings are the same multiset of
 * values contribute the same to every coefficient here, so each distinct multiset is kept once with
 * the number of units that have it. A measure is then a function of the profiles' weights: the full
 * sample has weight = count, a bootstrap resample the number of times its units were drawn. A
 * million units by three raters over five categories make 50 profiles, so a resample costs one
 * cache-resident draw per unit and arithmetic per profile.
 * <p>
 * Units whose multiset does not fit a 62-bit key (many ratings over many distinct values) and units
 * of continuous data kept without codes are each their own profile; the arithmetic is the same.
 */
final class Profiles {
    /** Number of profiles. */
    int size;
    /** Units per profile. */
    double[] count;
    /** Ratings per unit of the profile. */
    int[] m;
    /** Where the profile's sorted codes start in {@link #codes}; null without codes. */
    int[] start;
    /** Packed sorted codes of every profile; null without codes. */
    int[] codes;
    /** Each profile's numbers (parallel to its codes, or its raw values without codes). */
    double[] numbers;
    /** Units in all. */
    int units;

    private Profiles(int capacity, boolean withCodes) {
        count = new double[capacity];
        m = new int[capacity];
        start = new int[capacity + 1];
        codes = withCodes ? new int[capacity * 3] : null;
        numbers = new double[capacity * 3];
    }

    /**
     * Groups {@code units} (rows of {@code cellCodes}, -1 missing) by their multiset of codes;
     * {@code values} gives each code's number (null for labels).
     */
    static Profiles ofCodes(int[] cellCodes, int[] units, int raters, int categories, double[] values) {
        Profiles p = new Profiles(64, true);
        p.units = units.length;
        int bits = 64 - Long.numberOfLeadingZeros(categories);
        LongIndex index = new LongIndex(64);
        int[] v = new int[raters];
        for (int u : units) {
            int base = u * raters;
            int n = 0;
            for (int r = 0; r < raters; r++) {
                int c = cellCodes[base + r];
                if (c >= 0) {
                    v[n++] = c;
                }
            }
            insertionSort(v, n);
            int profile;
            if (n * bits <= 62) {
                long key = 0;
                for (int i = 0; i < n; i++) {
                    key = (key << bits) | (v[i] + 1);
                }
                profile = index.indexOf(key, p.size);
                if (profile < p.size) {
                    p.count[profile]++;
                    continue;
                }
            }
            profile = p.add(v, n, values);
            p.count[profile] = 1;
        }
        return p;
    }

    /**
     * Groups ordered pairs of codes ({@code first[i]}, {@code second[i]}): the units two raters both
     * rated, for Cohen's kappa. Profile codes keep the raters' order.
     */
    static Profiles ofPairs(int[] first, int[] second, int categories) {
        Profiles p = new Profiles(64, true);
        p.units = first.length;
        LongIndex index = new LongIndex(64);
        int[] v = new int[2];
        for (int i = 0; i < first.length; i++) {
            int profile = index.indexOf((long) first[i] * categories + second[i], p.size);
            if (profile < p.size) {
                p.count[profile]++;
                continue;
            }
            v[0] = first[i];
            v[1] = second[i];
            p.add(v, 2, null);
            p.count[profile] = 1;
        }
        return p;
    }

    /** Each unit its own profile, over raw numbers (NaN = missing): continuous interval data. */
    static Profiles ofNumbers(double[] cells, int[] units, int raters) {
        Profiles p = new Profiles(units.length, false);
        p.units = units.length;
        int at = 0;
        for (int k = 0; k < units.length; k++) {
            int base = units[k] * raters;
            int n = 0;
            for (int r = 0; r < raters; r++) {
                double x = cells[base + r];
                if (x == x) {
                    if (at == p.numbers.length) {
                        p.numbers = Arrays.copyOf(p.numbers, at * 2);
                    }
                    p.numbers[at++] = x;
                    n++;
                }
            }
            p.count[k] = 1;
            p.m[k] = n;
            p.start[k + 1] = at;
        }
        p.size = units.length;
        return p;
    }

    private int add(int[] v, int n, double[] values) {
        if (size == count.length) {
            int cap = size * 2;
            count = Arrays.copyOf(count, cap);
            m = Arrays.copyOf(m, cap);
            start = Arrays.copyOf(start, cap + 1);
        }
        int at = start[size];
        if (at + n > codes.length) {
            int cap = Math.max(codes.length * 2, at + n);
            codes = Arrays.copyOf(codes, cap);
            numbers = Arrays.copyOf(numbers, cap);
        }
        for (int i = 0; i < n; i++) {
            codes[at + i] = v[i];
            numbers[at + i] = values == null ? v[i] : values[v[i]];
        }
        m[size] = n;
        start[size + 1] = at + n;
        return size++;
    }

    private static void insertionSort(int[] v, int n) {
        for (int i = 1; i < n; i++) {
            int x = v[i];
            int j = i - 1;
            while (j >= 0 && v[j] > x) {
                v[j + 1] = v[j];
                j--;
            }
            v[j + 1] = x;
        }
    }

    /**
     * Draws {@link #units} units with replacement and returns how many times each profile was
     * drawn. Exact: each draw picks a unit uniformly, i.e. a profile with probability count / units.
     */
    double[] resample(SplittableRandom random, Sampler sampler) {
        int[] drawn = new int[size];
        int n = units;
        // Lemire's bounded draw ("Fast random integer generation in an interval", 2019): the high
        // half of a 32 x 32-bit product is uniform in [0, n) once the rare low halves below
        // 2^32 mod n are redrawn; two draws per 64 random bits, no division.
        long threshold = Integer.toUnsignedLong(Integer.remainderUnsigned(-n, n));
        int[] bucket = sampler.bucket;
        int[] cumulative = sampler.cumulative;
        int shift = sampler.shift;
        boolean identity = sampler.identity;
        int i = 0;
        while (i < n) {
            long bits = random.nextLong();
            for (int half = 0; half < 2 && i < n; half++, bits >>>= 32) {
                long product = (bits & 0xFFFFFFFFL) * n;
                if ((product & 0xFFFFFFFFL) < threshold) {
                    continue;
                }
                int pick = (int) (product >>> 32);
                if (identity) {
                    drawn[pick]++;
                } else {
                    int k = bucket[pick >>> shift];
                    while (cumulative[k + 1] <= pick) {
                        k++;
                    }
                    drawn[k]++;
                }
                i++;
            }
        }
        double[] w = new double[size];
        for (int k = 0; k < size; k++) {
            w[k] = drawn[k];
        }
        return w;
    }

    /** Finds a drawn unit's profile in (nearly) constant time from a small table. */
    Sampler sampler() {
        return new Sampler(this);
    }

    /** Lookup tables for {@link #resample}. */
    static final class Sampler {
        final boolean identity;
        final int[] cumulative;
        final int[] bucket;
        final int shift;

        Sampler(Profiles p) {
            identity = p.size == p.units;
            cumulative = new int[p.size + 1];
            for (int k = 0; k < p.size; k++) {
                cumulative[k + 1] = cumulative[k] + (int) p.count[k];
            }
            int s = 0;
            while ((p.units >>> s) > Math.max(1024, 4 * p.size)) {
                s++;
            }
            shift = s;
            bucket = identity ? null : new int[(p.units >>> s) + 1];
            if (!identity) {
                int k = 0;
                for (int b = 0; b < bucket.length; b++) {
                    int first = b << s;
                    while (k + 1 < p.size + 1 && cumulative[k + 1] <= first) {
                        k++;
                    }
                    bucket[b] = Math.min(k, p.size - 1);
                }
            }
        }
    }

    /** Open-addressing map from a long key to an id; no boxing. */
    static final class LongIndex {
        private long[] keys;
        private int[] ids;
        private int used;
        private int mask;

        LongIndex(int capacity) {
            int cap = Integer.highestOneBit(Math.max(16, capacity) * 2);
            keys = new long[cap];
            ids = new int[cap];
            Arrays.fill(ids, -1);
            mask = cap - 1;
        }

        /** The id of {@code key}, or {@code next} after recording it as that key's id. */
        int indexOf(long key, int next) {
            int h = hash(key) & mask;
            while (ids[h] >= 0) {
                if (keys[h] == key) {
                    return ids[h];
                }
                h = (h + 1) & mask;
            }
            keys[h] = key;
            ids[h] = next;
            if (++used * 2 > keys.length) {
                grow();
            }
            return next;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldIds = ids;
            keys = new long[oldKeys.length * 2];
            ids = new int[oldKeys.length * 2];
            Arrays.fill(ids, -1);
            mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldIds[i] >= 0) {
                    int h = hash(oldKeys[i]) & mask;
                    while (ids[h] >= 0) {
                        h = (h + 1) & mask;
                    }
                    keys[h] = oldKeys[i];
                    ids[h] = oldIds[i];
                }
            }
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 29));
        }
    }
}
