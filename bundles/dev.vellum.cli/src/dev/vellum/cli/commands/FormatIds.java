package dev.vellum.cli.commands;

import dev.vellum.cli.Services;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.FormatImporter;
import java.util.stream.Collectors;

/** Lists of installed format ids for error messages. */
final class FormatIds {
    private FormatIds() {
    }

    static String importers(Services s) {
        String ids = s.formats().importers().stream().map(FormatImporter::id).collect(Collectors.joining(", "));
        return ids.isEmpty() ? "none" : ids;
    }

    static String exporters(Services s) {
        String ids = s.formats().exporters().stream().map(FormatExporter::id).collect(Collectors.joining(", "));
        return ids.isEmpty() ? "none" : ids;
    }
}
