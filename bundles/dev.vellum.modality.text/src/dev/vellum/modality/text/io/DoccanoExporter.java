package dev.vellum.modality.text.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;

/**
 * Writes the text items as doccano JSONL, a line per item: {@code id} (the item id), {@code text},
 * and the spans as {@code label [[start, end, "LABEL"], ...]} (sequence labeling), or, for an item
 * with relations, as {@code entities} with {@code relations} (doccano's relation form), offsets in
 * code points. Nested and overlapping spans are kept; only other annotation types and other
 * annotators' sets are reported.
 */
@Component(service = FormatExporter.class)
public final class DoccanoExporter extends SingleFileExporter<OutputStream> {
    private static final JsonFactory JSON = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** The DS service. */
    public DoccanoExporter() {
        super(DoccanoImporter.ID, "doccano", "doccano JSONL (sequence labeling, relations)");
    }

    @Override
    OutputStream open(OutputStream out) {
        return new BufferedOutputStream(out, 1 << 16);
    }

    @Override
    void close(OutputStream out) throws IOException {
        out.flush();
    }

    @Override
    void write(OutputStream out, ExportedDocument doc, int index, ExportReport.Builder losses) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            line(g, doc);
        }
        out.write('\n');
    }

    private static void line(JsonGenerator g, ExportedDocument doc) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", doc.itemId);
        g.writeStringField("text", doc.text);
        if (doc.relations.isEmpty()) {
            g.writeArrayFieldStart("label");
            for (ExportedDocument.SpanRef s : doc.spans) {
                g.writeStartArray();
                g.writeNumber(s.start());
                g.writeNumber(s.end());
                g.writeString(s.label());
                g.writeEndArray();
            }
            g.writeEndArray();
        } else {
            Map<String, Integer> ids = new HashMap<>();
            g.writeArrayFieldStart("entities");
            for (ExportedDocument.SpanRef s : doc.spans) {
                int id = ids.size() + 1;
                ids.put(s.id(), id);
                g.writeStartObject();
                g.writeNumberField("id", id);
                g.writeStringField("label", s.label());
                g.writeNumberField("start_offset", s.start());
                g.writeNumberField("end_offset", s.end());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("relations");
            int r = 0;
            for (ExportedDocument.RelationRef rel : doc.relations) {
                g.writeStartObject();
                g.writeNumberField("id", ++r);
                g.writeNumberField("from_id", ids.get(rel.from()));
                g.writeNumberField("to_id", ids.get(rel.to()));
                g.writeStringField("type", rel.type());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
