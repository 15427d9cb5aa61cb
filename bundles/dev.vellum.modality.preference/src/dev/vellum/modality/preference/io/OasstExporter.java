package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.PreferenceModality;
import java.io.IOException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;

/** Exports rankings as OpenAssistant message trees: see {@link OasstFormat}. */
@Component(service = FormatExporter.class)
public final class OasstExporter implements FormatExporter {
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
    public int export(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        return exportWithReport(project, options, out, progress).itemsWritten();
    }

    @Override
    public ExportReport exportWithReport(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        return OasstFormat.export(project, options, out, progress);
    }
}
