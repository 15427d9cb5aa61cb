package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.FormatExporter;
import org.osgi.service.component.annotations.Component;

/** Exports OpenAI/Azure preference fine-tuning JSONL: see {@link OpenAiDpoFormat} and {@link PairExporter}. */
@Component(service = FormatExporter.class)
public final class OpenAiDpoExporter extends PairExporter {
    public OpenAiDpoExporter() {
        super(new OpenAiDpoFormat());
    }
}
