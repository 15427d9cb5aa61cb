package dev.vellum.modality.text.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * Writes the text items as one CoNLL-U file: per document {@code # newdoc id = <item>}, per sentence
 * {@code # sent_id} and {@code # text}, and a line per token with the form, {@code _} for the
 * columns Vellum does not annotate (lemma, tags, features, head, relations), and in MISC the entity
 * tag as {@code NE=B-PER} (IOB2) and the whitespace after the token: {@code SpaceAfter=No}, or
 * {@code SpacesAfter} with UD's escapes when it is not one space, so the text comes back exactly
 * (apart from the breaks between sentences, which are read back as one line feed). One entity per
 * token: nested or overlapping spans (the longest at a start is kept) and relations are reported.
 */
@Component(service = FormatExporter.class)
public final class ConlluExporter implements FormatExporter {
    private static final String NAME = "CoNLL-U";

    @Override
    public String id() {
        return ConlluImporter.ID;
    }

    @Override
    public String displayName() {
        return "CoNLL-U with named entities in MISC (NE=, IOB2)";
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
        progress.begin("Exporting CoNLL-U", items.size());
        TokenFormats.writeAtomically(out, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
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
                        write(w, doc, losses);
                        written[0]++;
                    }
                } catch (StoreException e) {
                    throw new IOException(e.getMessage(), e);
                }
                progress.worked(1);
            }
            w.flush();
        });
        return losses.report(written[0]);
    }

    private static void write(BufferedWriter w, TokenFormats.ExportDoc doc, TokenFormats.Losses losses) throws IOException {
        doc.alignTokens(NAME, losses);
        TokenFormats.TokenLabels labels = doc.tokenLabels(NAME, losses);
        if (!doc.relations.isEmpty()) {
            losses.add(doc.itemId, NAME + " holds no entity relations: " + doc.relations.size() + " left out");
        }
        w.write("# newdoc id = " + doc.itemId + "\n");
        int n = 0;
        for (int[] sentence : doc.sentenceTokens()) {
            String[] tags = TokenFormats.encode(labels.label(), labels.begins(), sentence[0], sentence[1] + 1, TagScheme.IOB2, false);
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
