package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.FormatImporter;
import org.osgi.service.component.annotations.Component;

/** Imports OpenAI/Azure preference fine-tuning JSONL: see {@link OpenAiDpoFormat}. */
@Component(service = FormatImporter.class)
public final class OpenAiDpoImporter extends PairImporter {
    public OpenAiDpoImporter() {
        super(new OpenAiDpoFormat());
    }
}
