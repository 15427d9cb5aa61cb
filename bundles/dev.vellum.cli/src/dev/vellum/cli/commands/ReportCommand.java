package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.UsageException;
import dev.vellum.cli.ExitCodes;
import dev.vellum.cli.internal.ProgressLine;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.report.HtmlReport;
import dev.vellum.quality.report.QualityData;
import dev.vellum.quality.report.QualitySources;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vellum cli report <project> --out report.html [--from DATE] [--to DATE]}: the quality report
 * as one self-contained HTML file (tables and the dashboard's five charts, nothing fetched from
 * elsewhere).
 */
@Command(name = "report", description = "Write the quality report (agreement, gold accuracy, throughput, label distribution,"
        + " review outcomes, validation) as one self-contained HTML file.")
public final class ReportCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<project>", description = "The project folder.")
    String location;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path file;

    @Option(names = "--from", paramLabel = "DATE", description = "First day to include (YYYY-MM-DD).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day to include (YYYY-MM-DD).")
    String to;

    @Option(names = "--json", description = "Also print what was written as one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LocalDate first = date("--from", from);
        LocalDate last = date("--to", to);
        if (first != null && last != null && last.isBefore(first)) {
            throw new UsageException("--to " + last + " is before --from " + first);
        }
        QualityData data;
        try (StoredProject stored = open(location)) {
            data = QualitySources.collect(stored, services.agreements(), services.validator(), first, last, ZoneId.systemDefault(),
                    new ProgressLine(err));
        }
        HtmlReport.write(data, file);
        for (String note : data.notes()) {
            err.println("note: " + note);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("out", file.toAbsolutePath().toString());
            doc.put("project", data.projectName());
            doc.put("from", first == null ? null : first.toString());
            doc.put("to", last == null ? null : last.toString());
            doc.put("annotators", data.annotators());
            doc.put("throughputDays", data.throughput().stream().map(t -> t.day()).distinct().count());
            doc.put("reviewDays", data.reviews().size());
            doc.put("labels", data.labels().size());
            doc.put("agreement", data.agreement() == null ? null : data.agreement().overall().value());
            doc.put("goldWarnings", data.goldWarnings().stream().map(QualityData.GoldWarning::annotator).toList());
            doc.put("validationFindings", data.validationFindings());
            doc.put("notes", data.notes());
            printJson(doc);
        } else {
            out.printf("Wrote %s: %d annotators, %d days of work, %d days of review%s%n", file, data.annotators().size(),
                    data.throughput().stream().map(t -> t.day()).distinct().count(), data.reviews().size(),
                    data.goldWarnings().isEmpty() ? "" : "; gold accuracy below threshold: "
                            + String.join(", ", data.goldWarnings().stream().map(QualityData.GoldWarning::annotator).toList()));
        }
        return ExitCodes.OK;
    }

    private static LocalDate date(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " '" + text + "' is not a date like 2026-11-22");
        }
    }
}
