package dev.vellum.modality.text.tokenize;

import java.util.Arrays;

/** A growing list of start/end pairs, kept as a flat int array to stay small for 200,000 tokens. */
final class Ranges {
    private int[] a;
    private int n;

    Ranges(int expectedPairs) {
        a = new int[Math.max(16, 2 * expectedPairs)];
    }

    void add(int start, int end) {
        if (n + 2 > a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[n++] = start;
        a[n++] = end;
    }

    int pairs() {
        return n / 2;
    }

    int start(int i) {
        return a[2 * i];
    }

    int end(int i) {
        return a[2 * i + 1];
    }

    int[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
