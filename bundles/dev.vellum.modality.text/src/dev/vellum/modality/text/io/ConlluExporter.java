package dev.vellum.modality.text.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;

/**
 * Writes the text items as one CoNLL-U file: per document {@code # newdoc id = <item>}, per sentence
 * {@code # sent_id} and {@code # text}, and a line per token with the form, {@code _} for the
 * columns Vellum does not annotate (lemma, tags, features, head, relations), and in MISC the entity
 * tag as {@code NE=B-PER} (IOB2) and the whitespace after the token: {@code SpaceAfter=No}, or
 * {@code SpacesAfter} with UD's escapes when it is not one space, so the text comes back exactly
 * (apart from the breaks between sentences, which are read back as one line feed). One entity per
 * token: nested or overlapping spans (the longest at a start is kept) and relations are reported.
 */
@Component(service = FormatExporter.class)
public final class ConlluExporter extends SingleFileExporter<BufferedWriter> {
    /** The DS service. */
    public ConlluExporter() {
        super(ConlluImporter.ID, "CoNLL-U", "CoNLL-U with named entities in MISC (NE=, IOB2)");
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
        w.write("# newdoc id = " + doc.itemId + "\n");
        int n = 0;
        for (int[] sentence : doc.sentenceTokens()) {
            String[] tags = Tags.encode(labels.label(), labels.begins(), sentence[0], sentence[1] + 1, TagScheme.IOB2, false);
            int from = doc.tokens[2 * sentence[0]];
            int to = doc.tokens[2 * sentence[1] + 1];
            w.write("# sent_id = " + doc.itemId + "-" + (++n) + "\n");
            w.write("# text = " + doc.sub(from, to).replaceAll("[\r\n\t]", " ") + "\n");
            for (int t = sentence[0]; t <= sentence[1]; t++) {
                String form = doc.sub(doc.tokens[2 * t], doc.tokens[2 * t + 1]).replaceAll("[\t\r\n]", " ");
                StringBuilder misc = new StringBuilder();
                String tag = tags[t - sentence[0]];
                if (!tag.equals("O")) {
                    misc.append("NE=").append(tag.replace("|", "_"));
                }
                if (t < sentence[1]) {
                    String gap = doc.sub(doc.tokens[2 * t + 1], doc.tokens[2 * t + 2]);
                    if (!gap.equals(" ")) {
                        if (misc.length() > 0) {
                            misc.append('|');
                        }
                        misc.append(gap.isEmpty() ? "SpaceAfter=No" : "SpacesAfter=" + ConlluImporter.escape(gap));
                    }
                }
                w.write((t - sentence[0] + 1) + "\t" + (form.isEmpty() ? "_" : form) + "\t_\t_\t_\t_\t_\t_\t_\t" + (misc.length() == 0 ? "_" : misc)
                        + "\n");
            }
            w.write('\n');
        }
    }
}
