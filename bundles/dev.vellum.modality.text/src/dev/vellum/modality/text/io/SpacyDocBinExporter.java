package dev.vellum.modality.text.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.DeflaterOutputStream;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.osgi.service.component.annotations.Component;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;

/**
 * Writes the text items as one spaCy v3 DocBin ({@code .spacy}), a document per item, with the
 * columns ORTH, ENT_IOB, ENT_TYPE and SENT_START, a space flag per token, the strings, the item's
 * {@code cats} metadata as categories, and empty span groups, laid out as spaCy's own
 * {@code DocBin.to_bytes} does (see {@link SpacyDocBinImporter}). Whitespace other than one space after
 * a token becomes a whitespace token, as spaCy's tokenizer makes, so the text comes back exactly.
 * Doc entities cannot nest or overlap (the longest at a start is kept; the others are reported), and
 * relations are reported as left out.
 */
@Component(service = FormatExporter.class)
public final class SpacyDocBinExporter extends SingleFileExporter<SpacyDocBinExporter.Rows> {
    /** The DS service. */
    public SpacyDocBinExporter() {
        super(SpacyDocBinImporter.ID, "spaCy DocBin", "spaCy DocBin (.spacy)");
    }

    /** The token rows of all documents, growing, with each document's length and categories; packed at the end. */
    static final class Rows {
        private final OutputStream out;
        final List<Integer> lengths = new ArrayList<>();
        final List<Map<?, ?>> cats = new ArrayList<>();
        long[] cells = new long[1024];
        int n;
        byte[] spaces = new byte[256];
        int tokens;
        final TreeSet<String> strings = new TreeSet<>(SpacyDocBinExporter::compareCodePoints);

        Rows(OutputStream out) {
            this.out = out;
        }

        void add(String text, long iob, String type, long sentStart, boolean space) {
            if (n + 4 > cells.length) {
                cells = java.util.Arrays.copyOf(cells, cells.length * 2);
            }
            if (tokens + 1 > spaces.length) {
                spaces = java.util.Arrays.copyOf(spaces, spaces.length * 2);
            }
            strings.add(text);
            cells[n++] = SpacyStrings.key(text);
            cells[n++] = iob;
            if (type != null) {
                strings.add(type);
            }
            cells[n++] = type == null ? 0 : SpacyStrings.key(type);
            cells[n++] = sentStart;
            spaces[tokens++] = (byte) (space ? 1 : 0);
        }

        void setSpace(boolean space) {
            spaces[tokens - 1] = (byte) (space ? 1 : 0);
        }
    }

    @Override
    Rows open(OutputStream out) {
        return new Rows(out);
    }

    @Override
    void write(Rows rows, ExportedDocument doc, int index, ExportReport.Builder losses) {
        int before = rows.tokens;
        add(rows, doc, losses);
        rows.lengths.add(rows.tokens - before);
        rows.cats.add(doc.item.metadata().get("cats") instanceof Map<?, ?> m ? m : Map.of());
    }

    @Override
    void close(Rows rows) throws IOException {
        rows.strings.add("");
        DeflaterOutputStream z = new DeflaterOutputStream(rows.out);
        z.write(pack(rows, rows.lengths, rows.cats));
        z.finish();
    }

    private void add(Rows rows, ExportedDocument doc, ExportReport.Builder losses) {
        ExportedDocument.TokenLabels labels = doc.entitiesPerToken(format, losses);
        String[] label = labels.label();
        boolean[] begins = labels.begins();
        int n = doc.tokenCount();
        boolean[] sentenceStart = new boolean[n];
        for (int[] s : doc.sentenceTokens()) {
            sentenceStart[s[0]] = true;
        }
        int first = rows.tokens;
        int cursor = 0;
        for (int t = 0; t <= n; t++) {
            int start = t < n ? doc.tokens[2 * t] : doc.cps.codePointCount();
            String gap = doc.sub(cursor, start);
            // the whitespace before token t: one space is the previous token's flag, the rest a token
            boolean inEntity = t > 0 && t < n && label[t] != null && !begins[t];
            if (!gap.isEmpty()) {
                String ws = gap;
                if (rows.tokens > first && gap.startsWith(" ")) {
                    rows.setSpace(true);
                    ws = gap.substring(1);
                }
                if (!ws.isEmpty()) {
                    rows.add(ws, inEntity ? 1 : 2, inEntity ? label[t] : null, rows.tokens == first ? 1 : -1L, false);
                }
            }
            if (t == n) {
                break;
            }
            long iob = label[t] == null ? 2 : begins[t] ? 3 : 1;
            long sent = rows.tokens == first || sentenceStart[t] ? 1 : -1L;
            rows.add(doc.sub(start, doc.tokens[2 * t + 1]), iob, label[t], sent, false);
            cursor = doc.tokens[2 * t + 1];
        }
    }

    private static byte[] pack(Rows rows, List<Integer> lengths, List<Map<?, ?>> cats) throws IOException {
        ByteBuffer tokenBytes = ByteBuffer.allocate(rows.n * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows.n; i++) {
            tokenBytes.putLong(rows.cells[i]);
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(lengths.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        lengths.forEach(lengthBytes::putInt);
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(9);
            p.packString("version").packString("0.1");
            p.packString("attrs").packArrayHeader(4);
            p.packInt(SpacyStrings.ORTH).packInt(SpacyStrings.ENT_IOB).packInt(SpacyStrings.ENT_TYPE).packInt(SpacyStrings.SENT_START);
            binary(p.packString("tokens"), tokenBytes.array());
            binary(p.packString("spaces"), java.util.Arrays.copyOf(rows.spaces, rows.tokens));
            binary(p.packString("lengths"), lengthBytes.array());
            p.packString("strings").packArrayHeader(rows.strings.size());
            for (String s : rows.strings) {
                p.packString(s);
            }
            p.packString("cats").packArrayHeader(cats.size());
            for (Map<?, ?> c : cats) {
                Map<String, Double> numeric = new java.util.LinkedHashMap<>();
                c.forEach((k, v) -> {
                    if (v instanceof Number num) {
                        numeric.put(String.valueOf(k), num.doubleValue());
                    }
                });
                p.packMapHeader(numeric.size());
                for (Map.Entry<String, Double> e : numeric.entrySet()) {
                    p.packString(e.getKey()).packDouble(e.getValue());
                }
            }
            p.packString("flags").packArrayHeader(lengths.size());
            for (int i = 0; i < lengths.size(); i++) {
                p.packMapHeader(1).packString("has_unknown_spaces").packBoolean(false);
            }
            p.packString("span_groups").packArrayHeader(lengths.size());
            for (int i = 0; i < lengths.size(); i++) {
                // an empty msgpack list: the document has no span groups
                binary(p, new byte[] {(byte) 0x90});
            }
            return p.toByteArray();
        }
    }

    private static void binary(MessagePacker p, byte[] b) throws IOException {
        p.packBinaryHeader(b.length);
        p.writePayload(b);
    }

    /** Python sorts strings by code point; Java's compareTo by UTF-16 unit. */
    private static int compareCodePoints(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
