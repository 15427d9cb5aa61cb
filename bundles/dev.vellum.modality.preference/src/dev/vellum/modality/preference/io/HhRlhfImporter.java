package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.FormatImporter;
import org.osgi.service.component.annotations.Component;

/** Imports Anthropic HH-RLHF pairs: see {@link HhRlhfFormat}. */
@Component(service = FormatImporter.class)
public final class HhRlhfImporter extends PairImporter {
    public HhRlhfImporter() {
        super(new HhRlhfFormat());
    }
}
