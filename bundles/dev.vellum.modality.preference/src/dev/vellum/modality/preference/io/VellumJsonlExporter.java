package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.PreferenceModality;
import java.io.IOException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;

/** Exports Vellum's own preference JSONL (see {@link VellumJsonlFormat}): nothing is lost, so there is no loss report. */
@Component(service = FormatExporter.class)
public final class VellumJsonlExporter implements FormatExporter {
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
    public int export(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        return VellumJsonlFormat.export(project, options, out, progress);
    }
}
