package dev.vellum.modality.text.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.osgi.service.component.annotations.Component;

import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.StoreException;

/**
 * Reads spaCy's binary {@code .spacy} files (DocBin, spaCy v3): zlib-compressed msgpack holding the
 * attribute ids of the token columns ({@code attrs}), the tokens as one uint64 matrix
 * ({@code tokens}, a row per token), a whitespace flag per token ({@code spaces}), the token count of
 * each document ({@code lengths}), the strings the ids stand for ({@code strings}, see
 * {@link SpacyStrings}), and per document {@code cats} and {@code flags}. The text is the tokens with a
 * space where the flag says (all spaces when {@code has_unknown_spaces}); whitespace tokens are text
 * but not tokens of the segmentation. Entities come from {@code ENT_IOB} (3 begin, 1 inside, 2
 * outside, 0 missing) and {@code ENT_TYPE}, sentences from {@code SENT_START} when present, categories
 * into the item's metadata as {@code cats}. Span groups, user data and other token attributes are not
 * imported (a non-empty span group is reported).
 */
@Component(service = FormatImporter.class)
public final class SpacyDocBinImporter extends TextImporter {
    /** The format id. */
    public static final String ID = "spacy-docbin";

    /** The DS service. */
    public SpacyDocBinImporter() {
        super(ID, "spaCy DocBin", "spaCy DocBin (.spacy)", Set.of("spacy"), "spaCy DocBin files (*.spacy)");
    }

    @Override
    public int accepts(Path file) {
        if (Files.isDirectory(file)) {
            return 5;
        }
        return TextFormats.extension(file).equals("spacy") ? 90 : 0;
    }

    @Override
    void read(TextFormats.Sink sink, Path root, Path file) throws IOException, StoreException {
        for (ImportedDocument d : read(file, Files.readAllBytes(file), sink)) {
            sink.add(file, d);
        }
    }

    static byte[] inflate(Path file, byte[] bytes) throws IOException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            byte[] buf = new byte[1 << 16];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IOException(file + ": not a spaCy DocBin (the zlib data ends early)");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException(file + ": not a spaCy DocBin (not zlib-compressed data: " + e.getMessage() + ")", e);
        } finally {
            inf.end();
        }
    }

    static List<ImportedDocument> read(Path file, byte[] bytes, TextFormats.Sink sink) throws IOException {
        Map<String, Value> msg = new HashMap<>();
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(inflate(file, bytes))) {
            Value v = u.unpackValue();
            if (!v.isMapValue()) {
                throw new IOException(file + ": not a spaCy DocBin (the msgpack data is no map)");
            }
            v.asMapValue().map().forEach((k, val) -> {
                if (k.isStringValue()) {
                    msg.put(k.asStringValue().asString(), val);
                }
            });
        } catch (MessagePackException e) {
            throw new IOException(file + ": not a spaCy DocBin (broken msgpack data: " + e.getMessage() + ")", e);
        }
        for (String key : List.of("attrs", "tokens", "spaces", "lengths", "strings")) {
            if (!msg.containsKey(key)) {
                throw new IOException(file + ": not a spaCy DocBin (no \"" + key + "\")");
            }
        }
        try {
            return docs(file, msg, sink);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable spaCy DocBin: " + e, e);
        }
    }

    private static List<ImportedDocument> docs(Path file, Map<String, Value> msg, TextFormats.Sink sink) throws IOException {
        List<Value> attrList = msg.get("attrs").asArrayValue().list();
        int cols = attrList.size();
        int orth = -1, iob = -1, type = -1, sent = -1;
        for (int i = 0; i < cols; i++) {
            long a = attrList.get(i).asIntegerValue().asLong();
            if (a == SpacyStrings.ORTH) {
                orth = i;
            } else if (a == SpacyStrings.ENT_IOB) {
                iob = i;
            } else if (a == SpacyStrings.ENT_TYPE) {
                type = i;
            } else if (a == SpacyStrings.SENT_START) {
                sent = i;
            }
        }
        if (orth < 0) {
            throw new IOException(file + ": not a spaCy DocBin (no ORTH column in \"attrs\")");
        }
        ByteBuffer tokens = ByteBuffer.wrap(msg.get("tokens").asRawValue().asByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        byte[] spaces = msg.get("spaces").asRawValue().asByteArray();
        ByteBuffer lengthBytes = ByteBuffer.wrap(msg.get("lengths").asRawValue().asByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        int total = tokens.remaining() / 8 / Math.max(cols, 1);
        if (tokens.remaining() != total * 8 * cols || spaces.length != total) {
            throw new IOException(file + ": not a readable spaCy DocBin (" + tokens.remaining() + " token bytes and " + spaces.length
                    + " space flags do not make " + cols + " uint64 columns per token)");
        }
        Map<Long, String> strings = new HashMap<>();
        for (Value s : msg.get("strings").asArrayValue()) {
            String str = s.asStringValue().asString();
            strings.put(SpacyStrings.key(str), str);
        }
        strings.put(0L, "");
        List<Value> cats = msg.containsKey("cats") ? msg.get("cats").asArrayValue().list() : List.of();
        List<Value> flags = msg.containsKey("flags") ? msg.get("flags").asArrayValue().list() : List.of();
        List<Value> groups = msg.containsKey("span_groups") ? msg.get("span_groups").asArrayValue().list() : List.of();
        List<ImportedDocument> docs = new ArrayList<>();
        int row = 0;
        int unknown = 0;
        int nDocs = lengthBytes.remaining() / 4;
        for (int d = 0; d < nDocs; d++) {
            int length = lengthBytes.getInt(4 * d);
            if (length < 0 || row + length > total) {
                throw new IOException(file + ": not a readable spaCy DocBin (document " + d + " has " + length + " tokens, beyond the "
                        + total + " stored)");
            }
            boolean unknownSpaces = d < flags.size() && flags.get(d).isMapValue() && flag(flags.get(d), "has_unknown_spaces");
            ImportedDocument doc = new ImportedDocument(Integer.toString(d + 1));
            doc.beginSentence();
            int entStart = -1, entEnd = -1;
            String entLabel = null;
            for (int t = 0; t < length; t++, row++) {
                String text = strings.get(tokens.getLong((row * cols + orth) * 8));
                if (text == null) {
                    unknown++;
                    text = "\uFFFD";
                }
                long iobValue = iob >= 0 ? tokens.getLong((row * cols + iob) * 8) : 0;
                String label = type >= 0 ? strings.get(tokens.getLong((row * cols + type) * 8)) : null;
                label = label == null || label.isEmpty() ? "ENTITY" : label;
                if (sent >= 0 && t > 0 && tokens.getLong((row * cols + sent) * 8) == 1 && !text.isBlank()) {
                    doc.beginSentence();
                }
                if (iobValue == 3 || iobValue == 2 || iobValue == 0 || (iobValue == 1 && !label.equals(entLabel))) {
                    if (entLabel != null) {
                        doc.spans.add(new ImportedDocument.SpanDraft(entStart, entEnd, entLabel, null));
                    }
                    entLabel = null;
                    if (iobValue == 3 || iobValue == 1) {
                        entLabel = label;
                        entStart = -1;
                    }
                }
                if (text.isBlank()) {
                    doc.gap(text);
                } else {
                    int i = doc.token(text);
                    if (entLabel != null) {
                        if (entStart < 0) {
                            entStart = doc.tokenStart(i);
                        }
                        entEnd = doc.tokenEnd(i);
                    }
                }
                if (unknownSpaces || spaces[row] != 0) {
                    doc.gap(" ");
                }
            }
            if (entLabel != null && entStart >= 0) {
                doc.spans.add(new ImportedDocument.SpanDraft(entStart, entEnd, entLabel, null));
            }
            doc.endSentence();
            doc.spans.removeIf(s -> s.start() < 0);
            if (d < cats.size() && cats.get(d).isMapValue() && !cats.get(d).asMapValue().map().isEmpty()) {
                Map<String, Object> c = new LinkedHashMap<>();
                cats.get(d).asMapValue().map().forEach((k, v) -> c.put(k.toString(), v.isNumberValue() ? v.asNumberValue().toDouble() : v.toString()));
                doc.metadata.put("cats", c);
            }
            if (d < groups.size() && groups.get(d).isRawValue() && groups.get(d).asRawValue().asByteArray().length > 1) {
                sink.problem(file, "document " + (d + 1) + ": span groups (doc.spans) are not imported");
            }
            docs.add(doc);
        }
        if (unknown > 0) {
            sink.problem(file, unknown + " token(s) have an id that none of the file's strings has; written as U+FFFD");
        }
        if (docs.isEmpty()) {
            sink.problem(file, "the DocBin holds no documents");
        }
        String stem = TextFormats.stem(file);
        for (ImportedDocument doc : docs) {
            doc.name = docs.size() == 1 ? stem : stem + "-" + doc.name;
        }
        return docs;
    }

    private static boolean flag(Value map, String key) {
        for (var e : map.asMapValue().map().entrySet()) {
            if (e.getKey().isStringValue() && e.getKey().asStringValue().asString().equals(key)) {
                return e.getValue().isBooleanValue() && e.getValue().asBooleanValue().getBoolean();
            }
        }
        return false;
    }
}
