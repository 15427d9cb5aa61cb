package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.FormatExporter;
import org.osgi.service.component.annotations.Component;

/** Exports TRL preference datasets: see {@link TrlFormat} and {@link PairExporter}. */
@Component(service = FormatExporter.class)
public final class TrlExporter extends PairExporter {
    public TrlExporter() {
        super(new TrlFormat());
    }
}
