package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
 * What every text exporter shares: its identity, and the walk over the text items in project order,
 * each with the one annotation set the format writes ({@link TextFormats#oneSet}). An item is
 * skipped when the options ask for an annotator's or accepted work and none of its sets is that;
 * without such options an item without sets is written as text alone. Cancelling fails the export.
 */
abstract class TextExporter implements FormatExporter {
    private final String id;
    private final String displayName;
    /** The format's name in messages and progress ({@code "CoNLL-2003"}). */
    final String format;

    TextExporter(String id, String format, String displayName) {
        this.id = id;
        this.format = format;
        this.displayName = displayName;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String modalityId() {
        return TextModality.ID;
    }

    @Override
    public int export(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        return exportWithReport(project, options, out, progress).itemsWritten();
    }

    /** Writes one item. */
    interface ItemWriter {
        /**
         * @param set   the set to write, null when the item has none
         * @param index how many items were written before this one
         * @return whether the item was written
         */
        boolean write(Item item, AnnotationSet set, int index) throws IOException, StoreException;
    }

    /**
     * Hands each text item to write, with its set, to {@code writer}.
     *
     * @param partial whether a cancelled export leaves what it wrote (a folder of files) rather than nothing (one file written atomically)
     * @return the number of items written
     * @throws IOException when cancelled
     */
    final int eachItem(StoredProject project, Options options, Progress progress, Path out, boolean partial, ExportReport.Builder losses,
            ItemWriter writer) throws IOException, StoreException {
        List<ItemSummary> items = TextFormats.textItems(project);
        boolean filtered = options != null && (options.annotator() != null || options.acceptedOnly());
        progress.begin("Exporting " + format, items.size());
        int written = 0;
        for (ItemSummary s : items) {
            if (progress.isCanceled()) {
                throw new IOException("export to " + out + " cancelled; " + (partial ? "the folder holds part of it" : "nothing written"));
            }
            Item item = project.loadItem(s.id());
            AnnotationSet set = TextFormats.oneSet(item, options, format, losses);
            if ((set != null || !filtered) && writer.write(item, set, written)) {
                written++;
            }
            progress.worked(1);
        }
        return written;
    }
}
