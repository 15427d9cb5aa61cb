package dev.vellum.modality.text.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import dev.vellum.core.spi.ExportFiles;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;

/**
 * A text exporter writing all documents into one file, atomically (nothing is written when it fails
 * or is cancelled): {@link #open} the output, {@link #write} each item's {@link ExportedDocument},
 * {@link #close}.
 *
 * @param <W> what the format writes through (a writer, a JSON generator, collected rows)
 */
abstract class SingleFileExporter<W> extends TextExporter {
    SingleFileExporter(String id, String format, String displayName) {
        super(id, format, displayName);
    }

    @Override
    public final ExportReport exportWithReport(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        ExportReport.Builder losses = new ExportReport.Builder();
        int[] written = {0};
        ExportFiles.writeAtomically(out, os -> {
            W w = open(os);
            try {
                written[0] = eachItem(project, options, progress, out, false, losses, (item, set, index) -> {
                    ExportedDocument doc = ExportedDocument.of(project, item, set, format, losses);
                    if (doc == null) {
                        return false;
                    }
                    write(w, doc, index, losses);
                    return true;
                });
            } catch (StoreException e) {
                throw new IOException(e.getMessage(), e);
            }
            close(w);
        });
        return losses.build(written[0]);
    }

    /** Starts the output. */
    abstract W open(OutputStream out) throws IOException;

    /**
     * Writes one document; what the format cannot hold goes to {@code losses}.
     *
     * @param index how many documents were written before
     */
    abstract void write(W w, ExportedDocument doc, int index, ExportReport.Builder losses) throws IOException;

    /** Ends the output (flushing it; the stream itself is closed by the caller). */
    abstract void close(W w) throws IOException;
}
