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

/** Imports OpenAssistant message trees: see {@link OasstFormat}. */
@Component(service = FormatImporter.class)
public final class OasstImporter implements FormatImporter {
    @Override
    public String id() {
        return OasstFormat.ID;
    }

    @Override
    public String displayName() {
        return "OpenAssistant message trees (oasst1/oasst2, sibling ranks)";
    }

    @Override
    public String modalityId() {
        return PreferenceModality.ID;
    }

    @Override
    public int accepts(Path file) {
        return OasstFormat.accepts(file);
    }

    @Override
    public ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress) throws IOException, StoreException {
        return OasstFormat.importFiles(project, files, annotator, progress);
    }
}
