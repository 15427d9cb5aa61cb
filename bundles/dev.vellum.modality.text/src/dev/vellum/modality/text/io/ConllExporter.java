package dev.vellum.modality.text.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

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
 * Writes the text items as one CoNLL-2003 file: per document a {@code -DOCSTART- -X- -X- O} line,
 * then a token per line as {@code token _ _ TAG} (the POS and chunk columns left empty), a blank line
 * after each sentence. Tags are IOB2 unless another {@link TagScheme} is given. Tokens are the
 * document's stored ones, else the default tokenizer's; a token with a span boundary inside is
 * split. CoNLL keeps no whitespace and one entity per token, so nested or overlapping spans (the
 * longest at a start is kept), relations, attributes and other annotators' sets are left out and
 * reported.
 */
@Component(service = FormatExporter.class)
public final class ConllExporter implements FormatExporter {
    private final TagScheme scheme;

    /** An exporter writing IOB2 (the DS service). */
    public ConllExporter() {
        this(TagScheme.IOB2);
    }

    /** An exporter writing the tags in {@code scheme}. */
    public ConllExporter(TagScheme scheme) {
        this.scheme = scheme;
    }

    @Override
    public String id() {
        return ConllImporter.ID;
    }

    @Override
    public String displayName() {
        return "CoNLL-2003 NER (" + scheme + ")";
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
        progress.begin("Exporting CoNLL-2003", items.size());
        TokenFormats.writeAtomically(out, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            for (ItemSummary s : items) {
                if (progress.isCanceled()) {
                    throw new IOException("export to " + out + " cancelled");
                }
                try {
                    Item item = project.loadItem(s.id());
                    AnnotationSet set = TokenFormats.oneSet(item, options, ID_NAME, losses);
                    if (set == null && hasSets(item)) {
                        continue;
                    }
                    TokenFormats.ExportDoc doc = TokenFormats.exportDoc(project, item, set, ID_NAME, losses);
                    if (doc == null) {
                        continue;
                    }
                    write(w, doc, losses);
                    written[0]++;
                } catch (StoreException e) {
                    throw new IOException(e.getMessage(), e);
                }
                progress.worked(1);
            }
            w.flush();
        });
        return losses.report(written[0]);
    }

    private static final String ID_NAME = "CoNLL-2003";

    private static boolean hasSets(Item item) {
        return !item.sets().isEmpty();
    }

    private void write(BufferedWriter w, TokenFormats.ExportDoc doc, TokenFormats.Losses losses) throws IOException {
        doc.alignTokens(ID_NAME, losses);
        TokenFormats.TokenLabels labels = doc.tokenLabels(ID_NAME, losses);
        if (!doc.relations.isEmpty()) {
            losses.add(doc.itemId, ID_NAME + " holds no relations: " + doc.relations.size() + " left out");
        }
        w.write("-DOCSTART- -X- -X- O\n\n");
        List<String> changed = new ArrayList<>();
        for (int[] sentence : doc.sentenceTokens()) {
            String[] tags = TokenFormats.encode(labels.label(), labels.begins(), sentence[0], sentence[1] + 1, scheme, false);
            for (int t = sentence[0]; t <= sentence[1]; t++) {
                String token = doc.sub(doc.tokens[2 * t], doc.tokens[2 * t + 1]);
                if (token.isEmpty() || token.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                    changed.add(token);
                    token = token.isEmpty() ? "_" : token.replaceAll("[\\s\\p{Z}]", "_");
                }
                w.write(token);
                w.write(" _ _ ");
                w.write(tags[t - sentence[0]]);
                w.write('\n');
            }
            w.write('\n');
        }
        if (!changed.isEmpty()) {
            losses.add(doc.itemId, ID_NAME + " tokens hold no whitespace: " + changed.size() + " token(s) were written with '_' for it");
        }
    }
}
