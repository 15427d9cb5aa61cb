package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.FormatImporter;
import org.osgi.service.component.annotations.Component;

/** Imports LLaMA-Factory ShareGPT preference data: see {@link ShareGptFormat}. */
@Component(service = FormatImporter.class)
public final class ShareGptImporter extends PairImporter {
    public ShareGptImporter() {
        super(new ShareGptFormat());
    }
}
