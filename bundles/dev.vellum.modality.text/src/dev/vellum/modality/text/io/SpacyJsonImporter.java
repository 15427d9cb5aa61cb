package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.StoreException;

/**
 * Reads spaCy v2 training JSON: a list of documents, each with paragraphs of sentences of tokens
 * ({@code orth} and the entity tag {@code ner} in BILUO, {@code -} for missing). A paragraph's
 * {@code raw} text, when present and holding the tokens in order, is the text (so whitespace is
 * exact); otherwise tokens are joined by single spaces and sentences by line breaks. Paragraphs are
 * separated by a blank line. One item per document; paragraph {@code cats} are kept in the item's
 * metadata as {@code cats}. Tags, heads and dependencies are not imported.
 */
@Component(service = FormatImporter.class)
public final class SpacyJsonImporter extends TextImporter {
    /** The format id. */
    public static final String ID = "spacy-json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The DS service. */
    public SpacyJsonImporter() {
        super(ID, "spaCy JSON", "spaCy v2 training JSON (BILUO)", Set.of("json"), "spaCy JSON files (*.json)");
    }

    @Override
    public int accepts(Path file) {
        if (Files.isDirectory(file)) {
            return 5;
        }
        if (!TextFormats.extension(file).equals("json")) {
            return 0;
        }
        try (var in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
            return head.contains("\"paragraphs\"") ? 80 : 10;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    void read(TextFormats.Sink sink, Path root, Path file) throws IOException, StoreException {
        for (ImportedDocument d : read(file, sink)) {
            sink.add(file, d);
        }
    }

    static List<ImportedDocument> read(Path file, TextFormats.Sink sink) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(TextFormats.withoutBom(TextFormats.readUtf8(file, "a spaCy JSON file")));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not spaCy JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", e);
        }
        if (root == null || !root.isArray()) {
            throw new IOException(file + ": not spaCy v2 training JSON (expected a list of documents with \"paragraphs\")");
        }
        List<ImportedDocument> docs = new ArrayList<>();
        int misaligned = 0;
        for (int di = 0; di < root.size(); di++) {
            JsonNode d = root.get(di);
            if (!d.path("paragraphs").isArray()) {
                sink.problem(file, "document " + di + " has no \"paragraphs\" list; skipped");
                continue;
            }
            String id = d.path("id").isValueNode() ? d.path("id").asText() : Integer.toString(di);
            ImportedDocument doc = new ImportedDocument(id);
            Map<String, Object> cats = new LinkedHashMap<>();
            for (JsonNode p : d.path("paragraphs")) {
                if (doc.length() > 0) {
                    doc.gap("\n\n");
                }
                String raw = p.path("raw").isTextual() ? p.path("raw").asText() : null;
                if (raw != null && !paragraphFromRaw(doc, p, raw)) {
                    misaligned++;
                    raw = null;
                }
                if (raw == null) {
                    paragraphFromTokens(doc, p);
                }
                for (JsonNode c : p.path("cats")) {
                    if (c.path("label").isTextual()) {
                        cats.put(c.path("label").asText(), c.path("value").isNumber() ? c.path("value").numberValue() : c.path("value").asText());
                    }
                }
            }
            if (!cats.isEmpty()) {
                doc.metadata.put("cats", cats);
            }
            if (doc.length() > 0) {
                docs.add(doc);
            }
        }
        if (misaligned > 0) {
            sink.problem(file, misaligned + " paragraph(s) whose \"raw\" text does not hold their tokens in order: their text was rebuilt from the tokens");
        }
        if (docs.isEmpty()) {
            sink.problem(file, "no spaCy documents with tokens found");
        }
        String stem = TextFormats.stem(file);
        for (ImportedDocument doc : docs) {
            doc.name = docs.size() == 1 ? stem : stem + "-" + doc.name;
        }
        return docs;
    }

    /** Places the paragraph's tokens in {@code raw}; false (nothing added) when they are not found in order. */
    private static boolean paragraphFromRaw(ImportedDocument doc, JsonNode p, String raw) {
        List<int[]> at = new ArrayList<>();
        int cursor = 0;
        for (JsonNode s : p.path("sentences")) {
            for (JsonNode t : s.path("tokens")) {
                String orth = t.path("orth").asText("");
                while (cursor < raw.length() && Character.isWhitespace(raw.charAt(cursor)) && !raw.startsWith(orth, cursor)) {
                    cursor++;
                }
                if (orth.isEmpty() || !raw.startsWith(orth, cursor)) {
                    return false;
                }
                at.add(new int[] {cursor, cursor + orth.length()});
                cursor += orth.length();
            }
        }
        int base = doc.length();
        doc.gap(raw);
        // code point offsets of the UTF-16 positions found in raw
        int k = 0;
        for (JsonNode s : p.path("sentences")) {
            List<String> tags = new ArrayList<>();
            int first = doc.tokenCount();
            doc.beginSentence();
            for (JsonNode t : s.path("tokens")) {
                int[] r = at.get(k++);
                int start = base + raw.codePointCount(0, r[0]);
                doc.tokenAt(start, start + raw.codePointCount(r[0], r[1]));
                tags.add(t.path("ner").asText("O"));
            }
            Tags.decode(tags, first, doc);
            doc.endSentence();
        }
        return true;
    }

    private static void paragraphFromTokens(ImportedDocument doc, JsonNode p) {
        boolean firstSentence = true;
        for (JsonNode s : p.path("sentences")) {
            if (!s.path("tokens").isArray() || s.path("tokens").isEmpty()) {
                continue;
            }
            if (!firstSentence) {
                doc.gap("\n");
            }
            firstSentence = false;
            List<String> tags = new ArrayList<>();
            int first = doc.tokenCount();
            doc.beginSentence();
            for (JsonNode t : s.path("tokens")) {
                if (doc.tokenCount() > first) {
                    doc.gap(" ");
                }
                doc.token(t.path("orth").asText(""));
                tags.add(t.path("ner").asText("O"));
            }
            Tags.decode(tags, first, doc);
            doc.endSentence();
        }
    }
}
