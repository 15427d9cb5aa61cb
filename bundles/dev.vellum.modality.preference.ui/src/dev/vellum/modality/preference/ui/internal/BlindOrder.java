package dev.vellum.modality.preference.ui.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order in which one annotator sees an item's responses: a shuffle seeded by the item id and
 * the annotator, so it is the same every time that annotator opens the item (and on every machine)
 * and differs between annotators, which spreads position bias. The order an annotator's judgements
 * recorded wins over the shuffle, so work already done is shown as it was seen.
 * <p>
 * Stands in for the model bundle's {@code Blinding.order} until the integration points the editor
 * at it; the seed must then be the model's, so that both give the same order.
 */
public final class BlindOrder {
    private BlindOrder() {
    }

    /** The response ids in the order {@code annotator} sees them on {@code itemId}. */
    public static List<String> shuffle(List<String> ids, String itemId, String annotator) {
        List<String> out = new ArrayList<>(ids);
        SplittableRandom random = new SplittableRandom(seed(itemId + '\u0000' + annotator));
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    /**
     * The order to show: {@code recorded} when it is a permutation of {@code ids} (what the annotator
     * saw before), else the shuffle.
     */
    public static List<String> order(List<String> ids, String itemId, String annotator, List<String> recorded) {
        if (recorded != null && recorded.size() == ids.size() && new HashSet<>(recorded).equals(new HashSet<>(ids))) {
            return List.copyOf(recorded);
        }
        return List.copyOf(shuffle(ids, itemId, annotator));
    }

    private static long seed(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | h[i] & 0xff;
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** "Response A", "Response B"... for position 0, 1...: labels by position, never by id. */
    public static String label(int position) {
        return "Response " + letter(position);
    }

    /** "A", "B", ... "Z", "AA"... for position 0, 1, ... */
    public static String letter(int position) {
        StringBuilder b = new StringBuilder();
        int n = position;
        do {
            b.insert(0, (char) ('A' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return b.toString();
    }
}
