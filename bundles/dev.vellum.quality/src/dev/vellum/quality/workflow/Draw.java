package dev.vellum.quality.workflow;

import java.nio.charset.StandardCharsets;

/**
 * Reproducible draws in [0, 1) from a seed and some names: the same inputs give the same number on
 * every machine and Java version (FNV-1a over the UTF-8 bytes, then a 64-bit finalizer), so a queue
 * or an audit sample can be recomputed from the project's state alone.
 */
final class Draw {
    private Draw() {
    }

    static double unit(long seed, String... parts) {
        long h = 0xcbf29ce484222325L ^ seed;
        h *= 0x100000001b3L;
        for (String p : parts) {
            for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            // a separator, so ("ab", "c") and ("a", "bc") differ
            h ^= 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
