package dev.vellum.modality.preference.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

/**
 * The order in which an annotator sees a comparison's responses. Blind annotation shows each
 * annotator the responses in an order of their own, so that position bias (the left answer wins)
 * averages out over annotators, and it must be the same order every time the item is opened, or
 * an annotator who comes back finds "Response A" changed places. The order is a shuffle seeded by
 * a SHA-256 hash of item id and annotator: no state to store, the same on every machine and Java
 * version ({@link Random}'s sequence is specified), and independent of the order the ids are
 * given in. Editors label responses by displayed position ({@link #label(int)}: "Response A",
 * "Response B"...), never by id or model, and record the order shown in the judgement's
 * {@code order}.
 */
public final class Blinding {
    private Blinding() {
    }

    /**
     * The order {@code annotator} sees the responses of item {@code itemId} in: a permutation of
     * {@code ids} that depends only on the item, the annotator and the set of ids.
     *
     * @throws IllegalArgumentException when {@code ids} has duplicates
     */
    public static List<String> order(String itemId, String annotator, List<String> ids) {
        List<String> out = new ArrayList<>(ids);
        if (new HashSet<>(out).size() != out.size()) {
            throw new IllegalArgumentException("response ids must be distinct, found " + ids);
        }
        Collections.sort(out);
        Collections.shuffle(out, new Random(seed(itemId, annotator)));
        return List.copyOf(out);
    }

    /**
     * The order to show: {@code recorded} when it is a permutation of {@code ids} (the order this
     * annotator's judgement says they saw, e.g. imported or made before blinding was switched on),
     * else {@link #order(String, String, List)} when {@code blind}, else {@code ids} as stored.
     */
    public static List<String> order(String itemId, String annotator, List<String> ids, List<String> recorded, boolean blind) {
        if (recorded != null && recorded.size() == ids.size() && new HashSet<>(recorded).equals(new HashSet<>(ids))) {
            return List.copyOf(recorded);
        }
        return blind ? order(itemId, annotator, ids) : List.copyOf(ids);
    }

    /** The label of a displayed position: 0 → "A", 25 → "Z", 26 → "AA". */
    public static String label(int position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, found " + position);
        }
        StringBuilder b = new StringBuilder();
        int n = position;
        do {
            b.insert(0, (char) ('A' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return b.toString();
    }

    private static long seed(String itemId, String annotator) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(itemId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(annotator.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
