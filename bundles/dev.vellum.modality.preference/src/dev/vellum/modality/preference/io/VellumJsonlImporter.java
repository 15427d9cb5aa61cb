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
import org.osgi.service.component.annotations.Component;

/**
 * Imports Vellum's own preference JSONL (see {@link VellumJsonlFormat}). The sets keep the
 * annotators written in the file; the importing annotator is not used.
 */
@Component(service = FormatImporter.class)
public final class VellumJsonlImporter implements FormatImporter {
    @Override
    public String id() {
        return VellumJsonlFormat.ID;
    }

    @Override
    public String displayName() {
        return "Vellum preference JSONL (everything: comparisons, hidden metadata, every annotator's judgements)";
    }

    @Override
    public String modalityId() {
        return PreferenceModality.ID;
    }

    @Override
    public int accepts(Path file) {
        return VellumJsonlFormat.accepts(file);
    }

    @Override
    public ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress) throws IOException, StoreException {
        return VellumJsonlFormat.importFiles(project, files, progress);
    }
}
