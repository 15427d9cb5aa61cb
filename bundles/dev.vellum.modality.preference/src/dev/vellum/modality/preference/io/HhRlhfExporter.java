package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.FormatExporter;
import org.osgi.service.component.annotations.Component;

/** Exports Anthropic HH-RLHF pairs: see {@link HhRlhfFormat} and {@link PairExporter}. */
@Component(service = FormatExporter.class)
public final class HhRlhfExporter extends PairExporter {
    public HhRlhfExporter() {
        super(new HhRlhfFormat());
    }
}
