package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.PreferenceModality;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The importer of a {@link PairFormat}; each format's DS component extends it. */
abstract class PairImporter implements FormatImporter {
    private final PairFormat format;

    PairImporter(PairFormat format) {
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
    public int accepts(Path file) {
        return format.accepts(file);
    }

    @Override
    public ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress) throws IOException, StoreException {
        return format.importFiles(project, files, annotator, progress);
    }
}
