package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.PreferenceModality;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The exporter of a {@link PairFormat}; each format's DS component extends it. An item is written
 * from one annotator's set (the one asked for, else the one furthest in review): its pairwise choice,
 * or the best and worst of its ranking. Ties, "both bad", rankings beyond a pair, other annotators,
 * other annotation types and hidden metadata are reported as losses.
 */
abstract class PairExporter implements FormatExporter {
    private final PairFormat format;

    PairExporter(PairFormat format) {
        this.format = format;
    }

    @Override
    public String id() {
        return format.id();
    }

    @Override
    public String displayName() {
        return format.displayName();
    }

    @Override
    public String modalityId() {
        return PreferenceModality.ID;
    }

    @Override
    public int export(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        return exportWithReport(project, options, out, progress).itemsWritten();
    }

    @Override
    public ExportReport exportWithReport(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        return format.export(project, options, out, progress);
    }
}
