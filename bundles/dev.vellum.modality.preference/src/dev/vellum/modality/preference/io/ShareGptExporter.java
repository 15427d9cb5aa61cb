package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.FormatExporter;
import org.osgi.service.component.annotations.Component;

/** Exports LLaMA-Factory ShareGPT preference data: see {@link ShareGptFormat} and {@link PairExporter}. */
@Component(service = FormatExporter.class)
public final class ShareGptExporter extends PairExporter {
    public ShareGptExporter() {
        super(new ShareGptFormat());
    }
}
