package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.UsageException;
import dev.vellum.cli.ExitCodes;
import dev.vellum.cli.internal.ProgressLine;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.StoredProject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
            ExportReport report = exporter.exportWithReport(stored, new FormatExporter.Options(annotator, acceptedOnly), outPath,
                    new ProgressLine(err));
            int n = report.itemsWritten();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("format", exporter.id());
                doc.put("items", n);
                doc.put("out", outPath.toAbsolutePath().toString());
                doc.put("problems", report.problems().stream().map(p -> Map.of("item", p.item(), "message", p.message())).toList());
                printJson(doc);
            } else {
                for (ExportReport.Problem p : report.problems()) {
                    err.println(p.item() + ": " + p.message());
                }
                out.printf("Exported %,d items to %s%s%n", n, outPath,
                        report.problems().isEmpty() ? "" : String.format(" (%,d problems)", report.problems().size()));
            }
            // As import: what the format could not hold is a finding, so scripts notice the loss.
            return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }
}
