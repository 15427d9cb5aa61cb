package dev.vellum.store.folder.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each item's events start in the audit log, so an item's history does not need the whole
 * log parsed. Built by one scan and extended with the lines appended since; in memory only.
 */
final class AuditIndex {
    /** Every sealed event names its item right after its kind; JSON escaping keeps this out of values. */
    private static final byte[] ITEM = ",\"item\":\"".getBytes(StandardCharsets.US_ASCII);
    private final Map<String, long[]> offsets = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    /** Bytes of the log indexed: always the end of a complete line. */
    private long indexedTo;

    void clear() {
        offsets.clear();
        counts.clear();
        indexedTo = 0;
    }

    /** Indexes the complete lines appended since the last call (all of them after {@link #clear()}). */
    void catchUp(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < indexedTo) {
            clear();
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long pos = indexedTo;
        long lineStart = indexedTo;
        byte[] carry = new byte[0];
        while (pos < size) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            byte[] chunk = buf.array();
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    if (carry.length == 0) {
                        add(item(chunk, from, i), lineStart);
                    } else {
                        byte[] line = concat(carry, chunk, from, Math.min(i, from + 4096));
                        add(item(line, 0, line.length), lineStart);
                        carry = new byte[0];
                    }
                    lineStart = pos + i + 1;
                    from = i + 1;
                }
            }
            if (from < n) {
                // Only the start of a line is needed to find its item: keep at most 4 KB of it.
                carry = carry.length >= 4096 ? carry : concat(carry, chunk, from, Math.min(n, from + 4096 - carry.length));
            }
            pos += n;
        }
        indexedTo = lineStart;
    }

    /** The offsets of an item's lines, in log order. */
    long[] offsets(String itemId) {
        long[] all = offsets.get(itemId);
        return all == null ? new long[0] : Arrays.copyOf(all, counts.get(itemId));
    }

    /** The line starting at {@code at}, or {@code null} when there is no complete line there. */
    String lineAt(FileChannel ch, long at) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        long pos = at;
        while (true) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    line.write(buf.array(), 0, i);
                    return line.toString(StandardCharsets.UTF_8);
                }
            }
            line.write(buf.array(), 0, n);
            pos += n;
        }
    }

    private void add(String item, long at) {
        if (item == null || item.isEmpty()) {
            return;
        }
        long[] a = offsets.get(item);
        int c = counts.getOrDefault(item, 0);
        if (a == null) {
            a = new long[4];
        } else if (c == a.length) {
            a = Arrays.copyOf(a, c * 2);
        }
        a[c] = at;
        offsets.put(item, a);
        counts.put(item, c + 1);
    }

    private static String item(byte[] line, int from, int to) {
        outer: for (int i = from; i + ITEM.length <= to; i++) {
            for (int j = 0; j < ITEM.length; j++) {
                if (line[i + j] != ITEM[j]) {
                    continue outer;
                }
            }
            int start = i + ITEM.length;
            for (int k = start; k < to; k++) {
                if (line[k] == '"') {
                    return new String(line, start, k - start, StandardCharsets.UTF_8);
                }
            }
            return null;
        }
        return null;
    }

    private static byte[] concat(byte[] a, byte[] b, int from, int to) {
        byte[] r = Arrays.copyOf(a, a.length + (to - from));
        System.arraycopy(b, from, r, a.length, to - from);
        return r;
    }
}
