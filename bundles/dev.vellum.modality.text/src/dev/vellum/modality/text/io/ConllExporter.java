package dev.vellum.modality.text.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;

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
public final class ConllExporter extends SingleFileExporter<BufferedWriter> {
    private final TagScheme scheme;

    /** An exporter writing IOB2 (the DS service). */
    public ConllExporter() {
        this(TagScheme.IOB2);
    }

    /** An exporter writing the tags in {@code scheme}. */
    public ConllExporter(TagScheme scheme) {
        super(ConllImporter.ID, "CoNLL-2003", "CoNLL-2003 NER (" + scheme + ")");
        this.scheme = scheme;
    }

    @Override
    BufferedWriter open(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    void close(BufferedWriter w) throws IOException {
        w.flush();
    }

    @Override
    void write(BufferedWriter w, ExportedDocument doc, int index, ExportReport.Builder losses) throws IOException {
        ExportedDocument.TokenLabels labels = doc.entitiesPerToken(format, losses);
        w.write("-DOCSTART- -X- -X- O\n\n");
        List<String> changed = new ArrayList<>();
        for (int[] sentence : doc.sentenceTokens()) {
            String[] tags = Tags.encode(labels.label(), labels.begins(), sentence[0], sentence[1] + 1, scheme, false);
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
            losses.add(doc.itemId, format + " tokens hold no whitespace: " + changed.size() + " token(s) were written with '_' for it");
        }
    }
}
