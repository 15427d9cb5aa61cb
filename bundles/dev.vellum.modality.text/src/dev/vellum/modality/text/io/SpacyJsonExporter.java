package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
 * Writes the text items as spaCy v2 training JSON: a document per item with one paragraph whose
 * {@code raw} is the item's text (so whitespace comes back exactly), its sentences, and per token
 * {@code id}, {@code orth} and the BILUO tag {@code ner}. One entity per token: nested or
 * overlapping spans (the longest at a start is kept) and relations are reported.
 */
@Component(service = FormatExporter.class)
public final class SpacyJsonExporter implements FormatExporter {
    private static final String NAME = "spaCy JSON";

    @Override
    public String id() {
        return SpacyJsonImporter.ID;
    }

    @Override
    public String displayName() {
        return "spaCy v2 training JSON (BILUO)";
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
        progress.begin("Exporting spaCy JSON", items.size());
        TokenFormats.writeAtomically(out, os -> {
            try (JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartArray();
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
                        if (doc != null) {
                            write(g, written[0], doc, losses);
                            written[0]++;
                        }
                    } catch (StoreException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                    progress.worked(1);
                }
                g.writeEndArray();
            }
        });
        return losses.report(written[0]);
    }

    private static void write(JsonGenerator g, int id, TokenFormats.ExportDoc doc, TokenFormats.Losses losses) throws IOException {
        doc.alignTokens(NAME, losses);
        TokenFormats.TokenLabels labels = doc.tokenLabels(NAME, losses);
        if (!doc.relations.isEmpty()) {
            losses.add(doc.itemId, NAME + " holds no relations: " + doc.relations.size() + " left out");
        }
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeArrayFieldStart("paragraphs");
        g.writeStartObject();
        g.writeStringField("raw", doc.text);
        g.writeArrayFieldStart("sentences");
        int tokenId = 0;
        for (int[] sentence : doc.sentenceTokens()) {
            String[] tags = TokenFormats.encode(labels.label(), labels.begins(), sentence[0], sentence[1] + 1, TagScheme.BIOES, true);
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
