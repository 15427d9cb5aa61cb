package dev.vellum.quality.agreement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads ratings from a CSV file with one rating per row: a header naming the columns {@code unit},
 * {@code rater} and {@code value} (any order, other columns ignored, names case-insensitive), then
 * rows. Fields follow RFC 4180 (double quotes around fields holding commas, quotes or line breaks; a
 * quote inside doubled); lines end with LF or CRLF; blank lines are skipped; UTF-8 (a byte order
 * mark is allowed). Missing ratings are simply absent; a row with an empty value is a missing rating
 * too. The values make a numeric table when every one is a decimal number ({@code -1}, {@code 2.5},
 * {@code 1e3}), else a table of labels. A rater rating a unit twice is an error.
 * <p>
 * The reader works on the file's bytes and interns names without making a string per row, so three
 * million rows read in a few hundred milliseconds.
 */
public final class RatingsCsv {
    private RatingsCsv() {
    }

    /** The file is not a ratings CSV; the message names the file, the line and the problem. */
    public static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;

        FormatException(Path file, int line, String problem) {
            super(file + (line > 0 ? ":" + line : "") + ": " + problem);
            this.line = line;
        }

        /** The 1-based line the problem is on; 0 when it concerns the whole file. */
        public int line() {
            return line;
        }
    }

    /**
     * Reads {@code file}.
     *
     * @throws FormatException naming the file and line when the content is not a ratings CSV
     * @throws IOException     when the file cannot be read
     */
    public static RatingTable read(Path file) throws IOException {
        return new Reader(file, Files.readAllBytes(file)).read();
    }

    /** Reads CSV {@code bytes} as if they were the file {@code name} (which only appears in messages). */
    public static RatingTable read(Path name, byte[] bytes) throws IOException {
        return new Reader(name, bytes).read();
    }

    private static final class Reader {
        private final Path file;
        private final byte[] in;
        private int pos;
        private int line = 1;
        private int recordLine;
        // the current record's fields: array, offset, length
        private byte[][] fieldArray = new byte[8][];
        private int[] fieldOff = new int[8];
        private int[] fieldLen = new int[8];
        private boolean[] fieldQuoted = new boolean[8];
        private int fields;
        private byte[] scratch = new byte[256];
        private int scratchUsed;

        Reader(Path file, byte[] in) {
            this.file = file;
            this.in = in;
            if (in.length >= 3 && (in[0] & 0xff) == 0xEF && (in[1] & 0xff) == 0xBB && (in[2] & 0xff) == 0xBF) {
                pos = 3;
            }
        }

        RatingTable read() throws IOException {
            if (!nextRecord()) {
                throw new FormatException(file, 0, "empty file; expected a header 'unit,rater,value'");
            }
            int headerLine = recordLine;
            int columns = fields;
            int unitColumn = -1;
            int raterColumn = -1;
            int valueColumn = -1;
            List<String> names = new ArrayList<>();
            for (int f = 0; f < fields; f++) {
                String name = new String(fieldArray[f], fieldOff[f], fieldLen[f], StandardCharsets.UTF_8).strip()
                        .toLowerCase(Locale.ROOT);
                names.add(name);
                int at = switch (name) {
                    case "unit" -> unitColumn;
                    case "rater" -> raterColumn;
                    case "value" -> valueColumn;
                    default -> -2;
                };
                if (at >= 0) {
                    throw new FormatException(file, headerLine, "the header names the column '" + name + "' twice");
                }
                switch (name) {
                    case "unit" -> unitColumn = f;
                    case "rater" -> raterColumn = f;
                    case "value" -> valueColumn = f;
                    default -> {
                    }
                }
            }
            if (unitColumn < 0 || raterColumn < 0 || valueColumn < 0) {
                throw new FormatException(file, headerLine,
                        "the header must name the columns unit, rater and value; found " + String.join(",", names));
            }
            Names units = new Names(1 << 16);
            Names raters = new Names(16);
            Names values = new Names(64);
            int[] unitOf = new int[1 << 16];
            int[] raterOf = new int[1 << 16];
            int[] valueOf = new int[1 << 16];
            int[] lineOf = new int[1 << 16];
            int rows = 0;
            while (nextRecord()) {
                if (fields != columns) {
                    throw new FormatException(file, recordLine, "expected " + columns + " fields as in the header, found " + fields);
                }
                if (fieldLen[valueColumn] == 0) {
                    continue;
                }
                if (fieldLen[unitColumn] == 0) {
                    throw new FormatException(file, recordLine, "the unit is empty");
                }
                if (fieldLen[raterColumn] == 0) {
                    throw new FormatException(file, recordLine, "the rater is empty");
                }
                if (rows == unitOf.length) {
                    int n = rows * 2;
                    unitOf = Arrays.copyOf(unitOf, n);
                    raterOf = Arrays.copyOf(raterOf, n);
                    valueOf = Arrays.copyOf(valueOf, n);
                    lineOf = Arrays.copyOf(lineOf, n);
                }
                unitOf[rows] = units.id(fieldArray[unitColumn], fieldOff[unitColumn], fieldLen[unitColumn]);
                raterOf[rows] = raters.id(fieldArray[raterColumn], fieldOff[raterColumn], fieldLen[raterColumn]);
                valueOf[rows] = values.id(fieldArray[valueColumn], fieldOff[valueColumn], fieldLen[valueColumn]);
                lineOf[rows] = recordLine;
                rows++;
            }
            // numeric when every distinct value is a decimal number
            List<String> valueNames = values.strings();
            double[] numbers = new double[valueNames.size()];
            boolean numeric = !valueNames.isEmpty();
            for (int v = 0; v < numbers.length && numeric; v++) {
                numbers[v] = number(valueNames.get(v));
                numeric = !Double.isNaN(numbers[v]);
            }
            int r = raters.size();
            double[] cells = new double[units.size() * r];
            Arrays.fill(cells, Double.NaN);
            for (int i = 0; i < rows; i++) {
                int at = unitOf[i] * r + raterOf[i];
                if (!Double.isNaN(cells[at])) {
                    int first = 0;
                    while (unitOf[first] != unitOf[i] || raterOf[first] != raterOf[i]) {
                        first++;
                    }
                    throw new FormatException(file, lineOf[i], "rater '" + raters.string(raterOf[i]) + "' rated unit '"
                            + units.string(unitOf[i]) + "' twice (first on line " + lineOf[first] + ")");
                }
                cells[at] = numeric ? numbers[valueOf[i]] : valueOf[i];
            }
            return RatingTable.of(units.strings(), raters.strings(), valueNames, numeric, cells);
        }

        /** A decimal number, or NaN (not Java's wider syntax: no "NaN", "Infinity", hex or "1d"). */
        private static double number(String s) {
            String t = s.strip();
            if (t.isEmpty()) {
                return Double.NaN;
            }
            boolean digit = false;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c >= '0' && c <= '9') {
                    digit = true;
                } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                    return Double.NaN;
                }
            }
            if (!digit) {
                return Double.NaN;
            }
            try {
                double v = Double.parseDouble(t);
                return Double.isFinite(v) ? v : Double.NaN;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        /** Reads the next non-blank record into the field arrays; false at the end of the input. */
        private boolean nextRecord() throws FormatException {
            while (pos < in.length) {
                recordLine = line;
                fields = 0;
                scratchUsed = 0;
                int start = pos;
                boolean ended = false;
                while (!ended) {
                    if (pos < in.length && in[pos] == '"') {
                        quotedField();
                    } else {
                        int s = pos;
                        while (pos < in.length && in[pos] != ',' && in[pos] != '\n' && in[pos] != '\r') {
                            pos++;
                        }
                        addField(in, s, pos - s, false);
                    }
                    if (pos >= in.length) {
                        ended = true;
                    } else if (in[pos] == ',') {
                        pos++;
                    } else {
                        endOfLine();
                        ended = true;
                    }
                }
                if (fields == 1 && !fieldQuoted[0] && blank(start)) {
                    continue;
                }
                return true;
            }
            return false;
        }

        private boolean blank(int start) {
            for (int i = 0; i < fieldLen[0]; i++) {
                byte b = in[fieldOff[0] + i];
                if (b != ' ' && b != '\t') {
                    return false;
                }
            }
            return true;
        }

        private void endOfLine() throws FormatException {
            if (in[pos] == '\r') {
                pos++;
                if (pos < in.length && in[pos] == '\n') {
                    pos++;
                }
            } else {
                pos++;
            }
            line++;
        }

        private void quotedField() throws FormatException {
            int openLine = line;
            pos++;
            int s = scratchUsed;
            while (true) {
                if (pos >= in.length) {
                    throw new FormatException(file, openLine, "a quoted field is not closed");
                }
                byte b = in[pos++];
                if (b == '"') {
                    if (pos < in.length && in[pos] == '"') {
                        pos++;
                        put(b);
                    } else {
                        break;
                    }
                } else {
                    if (b == '\n') {
                        line++;
                    }
                    put(b);
                }
            }
            if (pos < in.length && in[pos] != ',' && in[pos] != '\n' && in[pos] != '\r') {
                throw new FormatException(file, line, "unexpected text after a closing quote");
            }
            addField(scratch, s, scratchUsed - s, true);
        }

        private void put(byte b) {
            if (scratchUsed == scratch.length) {
                byte[] bigger = Arrays.copyOf(scratch, scratch.length * 2);
                // fields already in the scratch buffer point into the old array
                for (int f = 0; f < fields; f++) {
                    if (fieldArray[f] == scratch) {
                        fieldArray[f] = bigger;
                    }
                }
                scratch = bigger;
            }
            scratch[scratchUsed++] = b;
        }

        private void addField(byte[] array, int off, int len, boolean quoted) {
            if (fields == fieldOff.length) {
                int n = fields * 2;
                fieldArray = Arrays.copyOf(fieldArray, n);
                fieldOff = Arrays.copyOf(fieldOff, n);
                fieldLen = Arrays.copyOf(fieldLen, n);
                fieldQuoted = Arrays.copyOf(fieldQuoted, n);
            }
            fieldArray[fields] = array;
            fieldOff[fields] = off;
            fieldLen[fields] = len;
            fieldQuoted[fields] = quoted;
            fields++;
        }
    }

    /**
     * Interns byte strings to ids in order first seen, keeping one copy of each name's bytes. A slot
     * holds the hash and the id in one long, so a lookup of a new name costs one cache miss in the
     * table and one in the pool.
     */
    private static final class Names {
        private long[] table;
        private int mask;
        /** Per id: start in the pool (high half) and length (low half). */
        private long[] span = new long[16];
        private byte[] pool = new byte[1024];
        private int poolUsed;
        private int size;
        private int last = -1;

        Names(int capacity) {
            int cap = Integer.highestOneBit(Math.max(16, capacity) * 2);
            table = new long[cap];
            mask = cap - 1;
        }

        int id(byte[] a, int off, int len) {
            // rows of one unit usually follow each other: try the name of the previous row first
            if (last >= 0 && same(last, a, off, len)) {
                return last;
            }
            last = lookup(a, off, len);
            return last;
        }

        private boolean same(int id, byte[] a, int off, int len) {
            long sp = span[id];
            int st = (int) (sp >>> 32);
            return (int) sp == len && Arrays.equals(pool, st, st + len, a, off, off + len);
        }

        private int lookup(byte[] a, int off, int len) {
            int h = 0x811C9DC5;
            for (int i = off; i < off + len; i++) {
                h = (h ^ a[i]) * 0x01000193;
            }
            // FNV alone leaves names that differ in their last digits in neighbouring slots
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            h ^= h >>> 16;
            int slot = h & mask;
            while (true) {
                long e = table[slot];
                if (e == 0) {
                    break;
                }
                int id = (int) e - 1;
                if ((int) (e >>> 32) == h && same(id, a, off, len)) {
                    return id;
                }
                slot = (slot + 1) & mask;
            }
            if (size == span.length) {
                span = Arrays.copyOf(span, size * 2);
            }
            if (poolUsed + len > pool.length) {
                pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolUsed + len));
            }
            System.arraycopy(a, off, pool, poolUsed, len);
            span[size] = ((long) poolUsed << 32) | len;
            poolUsed += len;
            table[slot] = ((long) h << 32) | (size + 1L);
            size++;
            if (size * 2 > table.length) {
                rehash();
            }
            return size - 1;
        }

        private void rehash() {
            long[] old = table;
            table = new long[old.length * 2];
            mask = table.length - 1;
            for (long e : old) {
                if (e != 0) {
                    int slot = (int) (e >>> 32) & mask;
                    while (table[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = e;
                }
            }
        }

        int size() {
            return size;
        }

        String string(int id) {
            long sp = span[id];
            return new String(pool, (int) (sp >>> 32), (int) sp, StandardCharsets.UTF_8);
        }

        List<String> strings() {
            String[] out = new String[size];
            for (int id = 0; id < size; id++) {
                out[id] = string(id);
            }
            return Arrays.asList(out);
        }
    }
}
