package dev.vellum.modality.preference.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic HH-RLHF file for benchmarks ({@code vellum cli bench pairs}): each line a
 * conversation of one to three human turns with assistant answers between them, and two different
 * final answers (chosen, rejected), words drawn from a fixed list; about 1.2 KB a line, like the
 * real harmless-base file. The same arguments and seed always give the same bytes.
 */
public final class PairGenerator {
    private static final String[] WORDS = ("the a model answer question because which should could would people often about think "
            + "help data time water city river light paper garden music number table window system friend morning simple "
            + "careful quickly really maybe never always explain example reason better worse answer safe kind").split(" ");

    private final int pairs;
    private final long seed;

    /**
     * @param pairs how many lines, at least 0
     * @param seed  the random seed
     */
    public PairGenerator(int pairs, long seed) {
        if (pairs < 0) {
            throw new IllegalArgumentException("the number of pairs must not be negative, not " + pairs);
        }
        this.pairs = pairs;
        this.seed = seed;
    }

    /**
     * Writes the file atomically (a temporary file next to it, then a rename).
     *
     * @return its size in bytes
     */
    public long write(Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < pairs; i++) {
                    StringBuilder prefix = new StringBuilder();
                    int turns = 1 + random.nextInt(3);
                    for (int t = 0; t < turns; t++) {
                        if (t > 0) {
                            prefix.append("\n\nAssistant: ").append(sentence(random, 20, 60));
                        }
                        prefix.append("\n\nHuman: ").append(sentence(random, 8, 30)).append('?');
                    }
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("chosen", prefix + "\n\nAssistant: " + sentence(random, 30, 90));
                    line.put("rejected", prefix + "\n\nAssistant: " + sentence(random, 10, 70));
                    PreferenceFormats.line(os, line);
                }
            }
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return Files.size(out);
    }

    private static String sentence(SplittableRandom random, int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String w = WORDS[random.nextInt(WORDS.length)];
            if (i == 0) {
                b.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
            } else {
                b.append(random.nextInt(12) == 0 ? ". " : " ").append(w);
            }
        }
        return b.toString();
    }
}
