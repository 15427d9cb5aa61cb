package dev.vellum.modality.text.io;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;

/**
 * Writes the text items as spaCy v2 training JSON: a document per item with one paragraph whose
 * {@code raw} is the item's text (so whitespace comes back exactly), its sentences, and per token
 * {@code id}, {@code orth} and the BILUO tag {@code ner}. One entity per token: nested or
 * overlapping spans (the longest at a start is kept) and relations are reported.
 */
@Component(service = FormatExporter.class)
public final class SpacyJsonExporter extends SingleFileExporter<JsonGenerator> {
    /** The DS service. */
    public SpacyJsonExporter() {
        super(SpacyJsonImporter.ID, "spaCy JSON", "spaCy v2 training JSON (BILUO)");
    }

    @Override
    JsonGenerator open(OutputStream out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        return g;
    }

    @Override
    void close(JsonGenerator g) throws IOException {
        g.writeEndArray();
        g.close();
    }

    @Override
    void write(JsonGenerator g, ExportedDocument doc, int id, ExportReport.Builder losses) throws IOException {
        ExportedDocument.TokenLabels labels = doc.entitiesPerToken(format, losses);
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeArrayFieldStart("paragraphs");
        g.writeStartObject();
        g.writeStringField("raw", doc.text);
        g.writeArrayFieldStart("sentences");
        int tokenId = 0;
        for (int[] sentence : doc.sentenceTokens()) {
            String[] tags = Tags.encode(labels.label(), labels.begins(), sentence[0], sentence[1] + 1, TagScheme.BIOES, true);
            g.writeStartObject();
            g.writeArrayFieldStart("tokens");
            for (int t = sentence[0]; t <= sentence[1]; t++) {
                g.writeStartObject();
                g.writeNumberField("id", tokenId++);
                g.writeStringField("orth", doc.sub(doc.tokens[2 * t], doc.tokens[2 * t + 1]));
                g.writeStringField("ner", tags[t - sentence[0]]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }
}
