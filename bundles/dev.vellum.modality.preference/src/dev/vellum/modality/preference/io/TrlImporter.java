package dev.vellum.modality.preference.io;

import dev.vellum.core.spi.FormatImporter;
import org.osgi.service.component.annotations.Component;

/** Imports TRL preference datasets: see {@link TrlFormat}. */
@Component(service = FormatImporter.class)
public final class TrlImporter extends PairImporter {
    public TrlImporter() {
        super(new TrlFormat());
    }
}
