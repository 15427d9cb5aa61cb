package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.StoreException;

/**
 * Reads doccano JSONL, a document per line: {@code text} and its spans as {@code label} (or
 * {@code labels}) {@code [[start, end, "LABEL"], ...]}, or as {@code entities}
 * {@code [{id, start_offset, end_offset, label}]} with {@code relations}
 * {@code [{id, from_id, to_id, type}]} (doccano's relation projects). Prodigy's JSONL reads too:
 * {@code spans [{start, end, label}]} and its {@code tokens [{start, end}]}, which become the
 * document's segmentation. Offsets are code points (Python string indexes), end exclusive. A line's
 * {@code id} names its document ({@code <file>-<id>}, else {@code <file>-<line>}). Document-level
 * labels (text classification) are reported, not imported.
 */
@Component(service = FormatImporter.class)
public final class DoccanoImporter extends TextImporter {
    /** The format id. */
    public static final String ID = "doccano";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The DS service. */
    public DoccanoImporter() {
        super(ID, "doccano", "doccano JSONL (sequence labeling, relations)", Set.of("jsonl"), "doccano files (*.jsonl)");
    }

    @Override
    public int accepts(Path file) {
        if (Files.isDirectory(file)) {
            return 5;
        }
        return TextFormats.extension(file).equals("jsonl") ? 60 : 0;
    }

    @Override
    void read(TextFormats.Sink sink, Path root, Path file) throws IOException, StoreException {
        for (ImportedDocument d : read(file, TextFormats.withoutBom(TextFormats.readUtf8(file, "a doccano JSONL file")), sink)) {
            sink.add(file, d);
        }
    }

    static List<ImportedDocument> read(Path file, String content, TextFormats.Sink sink) throws IOException {
        List<ImportedDocument> docs = new ArrayList<>();
        List<String> lines = TextFormats.lines(content);
        String stem = TextFormats.stem(file);
        int classification = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode o;
            try {
                o = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IOException(file + ": line " + (i + 1) + " is not JSON: " + e.getOriginalMessage(), e);
            }
            JsonNode textNode = o.has("text") ? o.get("text") : o.get("data");
            if (o == null || !o.isObject() || textNode == null || !textNode.isTextual()) {
                sink.problem(file, "line " + (i + 1) + " has no \"text\"; skipped");
                continue;
            }
            String text = textNode.asText();
            String id = o.path("id").isValueNode() ? o.path("id").asText() : Integer.toString(i + 1);
            ImportedDocument doc = new ImportedDocument(stem + "-" + id);
            doc.gap(text);
            int length = doc.length();
            String where = "line " + (i + 1);
            JsonNode labels = o.has("label") ? o.get("label") : o.get("labels");
            if (o.path("entities").isArray()) {
                for (JsonNode e : o.get("entities")) {
                    if (e.isArray()) {
                        span(file, sink, doc, where, e.path(0), e.path(1), e.path(2), null, length);
                    } else {
                        span(file, sink, doc, where, e.path("start_offset"), e.path("end_offset"), e.path("label"),
                                e.path("id").isValueNode() ? e.path("id").asText() : null, length);
                    }
                }
            } else if (labels != null && labels.isArray()) {
                for (JsonNode e : labels) {
                    if (e.isArray()) {
                        span(file, sink, doc, where, e.path(0), e.path(1), e.path(2), null, length);
                    } else {
                        classification++;
                    }
                }
            }
            for (JsonNode s : o.path("spans")) {
                span(file, sink, doc, where, s.path("start"), s.path("end"), s.path("label"), null, length);
            }
            for (JsonNode r : o.path("relations")) {
                String from = r.path("from_id").asText(null);
                String to = r.path("to_id").asText(null);
                String type = r.path("type").asText(r.path("label").asText(""));
                if (from == null || to == null) {
                    sink.problem(file, where + ": a relation without from_id and to_id; skipped");
                } else {
                    doc.relations.add(new ImportedDocument.RelationDraft(from, to, type));
                }
            }
            if (o.path("tokens").isArray() && !o.get("tokens").isEmpty()) {
                doc.beginSentence();
                int last = 0;
                boolean ok = true;
                for (JsonNode t : o.get("tokens")) {
                    int s = t.path("start").asInt(-1), e = t.path("end").asInt(-1);
                    if (s < last || e < s || e > length) {
                        ok = false;
                        break;
                    }
                    doc.tokenAt(s, e);
                    last = e;
                }
                doc.endSentence();
                if (!ok) {
                    sink.problem(file, where + ": \"tokens\" are not in order inside the text; the document keeps no tokens");
                    doc.tokenized = false;
                }
            }
            docs.add(doc);
        }
        if (classification > 0) {
            sink.problem(file, classification + " document label(s) (text classification) were not imported");
        }
        if (docs.isEmpty()) {
            sink.problem(file, "no doccano documents (lines with \"text\") found");
        }
        if (docs.size() == 1 && !firstHasId(lines)) {
            docs.get(0).name = stem;
        }
        return docs;
    }

    private static boolean firstHasId(List<String> lines) {
        for (String l : lines) {
            if (!l.isBlank()) {
                try {
                    return JSON.readTree(l).has("id");
                } catch (JsonProcessingException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static void span(Path file, TextFormats.Sink sink, ImportedDocument doc, String where, JsonNode start, JsonNode end, JsonNode label,
            String id, int length) {
        if (!start.canConvertToInt() || !end.canConvertToInt() || !start.isIntegralNumber() || !end.isIntegralNumber()) {
            sink.problem(file, where + ": a span without whole start and end offsets (" + start + ", " + end + "); skipped");
            return;
        }
        int s = start.asInt(), e = end.asInt();
        if (s < 0 || e <= s || e > length) {
            sink.problem(file, where + ": span " + s + ".." + e + " is outside the text of " + length + " characters or empty; skipped");
            return;
        }
        doc.spans.add(new ImportedDocument.SpanDraft(s, e, label.isTextual() ? label.asText() : label.asText(""), id));
    }
}
