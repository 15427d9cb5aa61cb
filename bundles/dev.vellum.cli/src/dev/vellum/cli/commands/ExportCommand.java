package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.UsageException;
import dev.vellum.cli.ExitCodes;
import dev.vellum.cli.internal.ProgressLine;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.StoredProject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vellum cli export <project> --format <id> --out <path> [--annotator NAME] [--accepted-only]}. */
@Command(name = "export", description = "Export annotations in another tool's format.")
public final class ExportCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<project>", description = "The project folder.")
    String location;

    @Option(names = "--format", required = true, paramLabel = "<id>", description = "Format id, see 'vellum cli formats'.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "<path>", description = "The file or folder to write.")
    Path outPath;

    @Option(names = "--annotator", paramLabel = "NAME", description = "Export only this annotator's sets.")
    String annotator;

    @Option(names = "--accepted-only", description = "Export only sets accepted in review.")
    boolean acceptedOnly;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        FormatExporter exporter = services.formats().exporter(format).orElseThrow(() -> new UsageException(
                "unknown export format '" + format + "'; installed: " + FormatIds.exporters(services)));
        try (StoredProject stored = open(location)) {
            int n = exporter.export(stored, new FormatExporter.Options(annotator, acceptedOnly), outPath, new ProgressLine(err));
            if (json) {
                printJson(java.util.Map.of("format", exporter.id(), "items", n, "out", outPath.toAbsolutePath().toString()));
            } else {
                out.printf("Exported %,d items to %s%n", n, outPath);
            }
        }
        return ExitCodes.OK;
    }
}
