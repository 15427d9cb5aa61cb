package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.UsageException;
import dev.vellum.cli.ExitCodes;
import dev.vellum.cli.internal.ProgressLine;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.StoredProject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vellum cli import <project> --format <id> <file-or-dir>... [--annotator NAME]}. */
@Command(name = "import", description = "Import annotations made by another tool; what cannot be mapped is reported per file.")
public final class ImportCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<project>", description = "The project folder.")
    String location;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<file-or-dir>", description = "Files or folders to import.")
    List<Path> inputs;

    @Option(names = "--format", required = true, paramLabel = "<id>", description = "Format id, see 'vellum cli formats'.")
    String format;

    @Option(names = "--annotator", paramLabel = "NAME", description = "Whose annotation sets the imported ones become (default: --user).")
    String annotator;

    @Option(names = "--json", description = "Print one JSON document: counts and the problems per file.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        FormatImporter importer = services.formats().importer(format).orElseThrow(() -> new UsageException(
                "unknown import format '" + format + "'; installed: " + FormatIds.importers(services)));
        try (StoredProject stored = open(location)) {
            String as = annotator != null ? annotator : user();
            ImportReport report = importer.importFiles(stored, inputs, as, new ProgressLine(err));
            Map<String, Object> what = new LinkedHashMap<>();
            what.put("format", importer.id());
            what.put("files", inputs.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
            what.put("annotator", as);
            what.put("items", report.itemsAdded());
            what.put("annotations", report.annotationsAdded());
            what.put("problems", report.problems().size());
            stored.audit().append(List.of(AuditEvent.of(AuditEvent.ITEMS_IMPORTED, user(), stored.project().currentGuidelineVersion(),
                    String.format("%s: %,d items, %,d annotations", importer.id(), report.itemsAdded(), report.annotationsAdded()))
                    .change(null, what)));
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("format", importer.id());
                doc.put("items", report.itemsAdded());
                doc.put("annotations", report.annotationsAdded());
                doc.put("problems", report.problems().stream().map(p -> Map.of("file", p.file(), "message", p.message())).toList());
                printJson(doc);
            } else {
                for (ImportReport.Problem p : report.problems()) {
                    err.println(p.file() + ": " + p.message());
                }
                out.printf("Imported %,d items and %,d annotations (%,d problems)%n", report.itemsAdded(), report.annotationsAdded(),
                        report.problems().size());
            }
            return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }
}
