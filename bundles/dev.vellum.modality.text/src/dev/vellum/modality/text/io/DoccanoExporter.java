package dev.vellum.modality.text.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextModality;

/**
 * Writes the text items as doccano JSONL, a line per item: {@code id} (the item id), {@code text},
 * and the spans as {@code label [[start, end, "LABEL"], ...]} (sequence labeling), or, for an item
 * with relations, as {@code entities} with {@code relations} (doccano's relation form), offsets in
 * code points. Nested and overlapping spans are kept; only other annotation types and other
 * annotators' sets are reported.
 */
@Component(service = FormatExporter.class)
public final class DoccanoExporter implements FormatExporter {
    private static final String NAME = "doccano";

    @Override
    public String id() {
        return DoccanoImporter.ID;
    }

    @Override
    public String displayName() {
        return "doccano JSONL (sequence labeling, relations)";
    }

    @Override
    public String modalityId() {
        return TextModality.ID;
    }

    @Override
    public int export(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        return exportWithReport(project, options, out, progress).itemsWritten();
    }

    @Override
    public ExportReport exportWithReport(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        TokenFormats.Losses losses = new TokenFormats.Losses();
        List<ItemSummary> items = TokenFormats.textItems(project);
        int[] written = {0};
        JsonFactory factory = new JsonFactory();
        factory.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        progress.begin("Exporting doccano", items.size());
        TokenFormats.writeAtomically(out, os -> {
            OutputStream buffered = new java.io.BufferedOutputStream(os, 1 << 16);
            for (ItemSummary s : items) {
                if (progress.isCanceled()) {
                    throw new IOException("export to " + out + " cancelled");
                }
                try {
                    Item item = project.loadItem(s.id());
                    AnnotationSet set = TokenFormats.oneSet(item, options, NAME, losses);
                    if (set == null && !item.sets().isEmpty()) {
                        continue;
                    }
                    TokenFormats.ExportDoc doc = TokenFormats.exportDoc(project, item, set, NAME, losses);
                    if (doc == null) {
                        continue;
                    }
                    try (JsonGenerator g = factory.createGenerator(buffered, JsonEncoding.UTF8)) {
                        line(g, doc);
                    }
                    buffered.write('\n');
                    written[0]++;
                } catch (StoreException e) {
                    throw new IOException(e.getMessage(), e);
                }
                progress.worked(1);
            }
            buffered.flush();
        });
        return losses.report(written[0]);
    }

    private static void line(JsonGenerator g, TokenFormats.ExportDoc doc) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", doc.itemId);
        g.writeStringField("text", doc.text);
        if (doc.relations.isEmpty()) {
            g.writeArrayFieldStart("label");
            for (TokenFormats.SpanRef s : doc.spans) {
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
            for (TokenFormats.SpanRef s : doc.spans) {
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
            for (TokenFormats.RelationRef rel : doc.relations) {
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
