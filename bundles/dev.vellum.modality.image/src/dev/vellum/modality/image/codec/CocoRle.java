package dev.vellum.modality.image.codec;

import java.util.Arrays;

/**
 * COCO run-length encoding of binary masks, compatible with pycocotools' {@code maskApi.c}.
 * <p>
 * Pixels are in column-major order (down the first column, then the next); counts alternate runs of
 * 0s and 1s, starting with 0s (a run that may be empty). The compressed string form is LEB128-like:
 * 5 bits per character plus a continuation bit, offset by 48 into printable ASCII, and each count
 * from the third on is stored as the difference to the count two places before it.
 */
public final class CocoRle {
    private CocoRle() {
    }

    /** The compressed string of {@code counts} ({@code rleToString}). */
    public static String encode(int[] counts) {
        StringBuilder s = new StringBuilder(counts.length * 2);
        for (int i = 0; i < counts.length; i++) {
            long x = counts[i];
            if (i > 2) {
                x -= counts[i - 2];
            }
            boolean more = true;
            while (more) {
                long c = x & 0x1f;
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                s.append((char) (c + 48));
            }
        }
        return s.toString();
    }

    /**
     * The counts a compressed string holds ({@code rleFrString}).
     *
     * @throws IllegalArgumentException when a character is outside the code's range or the string ends mid-count
     */
    public static int[] decode(String s) {
        int[] counts = new int[Math.max(4, s.length())];
        int m = 0;
        int p = 0;
        while (p < s.length()) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p >= s.length()) {
                    throw new IllegalArgumentException("RLE string ends in the middle of a count");
                }
                int c = s.charAt(p) - 48;
                if (c < 0 || c > 63) {
                    throw new IllegalArgumentException("RLE string has '" + s.charAt(p) + "' at " + p + ", outside '0'..'o'");
                }
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (m > 2) {
                x += counts[m - 2];
            }
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("RLE string decodes to the count " + x + " at position " + m);
            }
            counts[m++] = (int) x;
        }
        return Arrays.copyOf(counts, m);
    }

    /** Counts of a column-major mask of {@code height * width} pixels. */
    public static int[] fromMask(boolean[] columnMajor) {
        int[] counts = new int[columnMajor.length + 1];
        int m = 0;
        boolean current = false;
        int run = 0;
        for (boolean b : columnMajor) {
            if (b != current) {
                counts[m++] = run;
                run = 0;
                current = b;
            }
            run++;
        }
        counts[m++] = run;
        return Arrays.copyOf(counts, m);
    }

    /** The column-major mask {@code counts} describes. */
    public static boolean[] toMask(int[] counts, int height, int width) {
        boolean[] mask = new boolean[height * width];
        int p = 0;
        for (int i = 0; i < counts.length; i++) {
            if (i % 2 == 1) {
                Arrays.fill(mask, p, Math.min(mask.length, p + counts[i]), true);
            }
            p += counts[i];
        }
        return mask;
    }

    /** Number of foreground pixels. */
    public static long area(int[] counts) {
        long a = 0;
        for (int i = 1; i < counts.length; i += 2) {
            a += counts[i];
        }
        return a;
    }

    /** Sum of all runs, which must equal height times width. */
    public static long total(int[] counts) {
        long t = 0;
        for (int c : counts) {
            t += c;
        }
        return t;
    }

    /**
     * The foreground's bounding box as {x, y, width, height} in whole pixels, or all zeros for an
     * empty mask (as pycocotools' {@code rleToBbox}).
     */
    public static int[] bounds(int[] counts, int height) {
        if (height <= 0) {
            return new int[4];
        }
        long minX = Long.MAX_VALUE, minY = Long.MAX_VALUE, maxX = -1, maxY = -1;
        long p = 0;
        for (int i = 0; i < counts.length; i++) {
            if (i % 2 == 1 && counts[i] > 0) {
                long start = p, end = p + counts[i] - 1;
                long x0 = start / height, x1 = end / height;
                minX = Math.min(minX, x0);
                maxX = Math.max(maxX, x1);
                if (x0 == x1) {
                    minY = Math.min(minY, start % height);
                    maxY = Math.max(maxY, end % height);
                } else {
                    minY = 0;
                    maxY = height - 1;
                }
            }
            p += counts[i];
        }
        if (maxX < 0) {
            return new int[4];
        }
        return new int[] {(int) minX, (int) minY, (int) (maxX - minX + 1), (int) (maxY - minY + 1)};
    }
}
