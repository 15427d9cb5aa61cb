package dev.vellum.cli.commands;

import dev.vellum.cli.ExitCodes;
import dev.vellum.cli.internal.ProgressLine;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.rules.ProjectValidation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vellum cli validate <project> [--json]}: runs every installed validation rule (core's and
 * the modalities') and the project's own rules in force; exit 1 when anything is found.
 */
@Command(name = "validate", description = {"Run every installed validation rule and the project's rules (those of the current"
    + " guideline version) over the project; exit 1 when anything is found."})
public final class ValidateCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<project>", description = "The project folder.")
    String location;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Finding> findings = new ArrayList<>();
        ProjectValidation.Summary summary;
        try (StoredProject stored = open(location)) {
            summary = new ProjectValidation(services.validator()).validate(stored, new ProgressLine(err), findings::add);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("itemsChecked", summary.itemsChecked());
            doc.put("projectRules", summary.projectRules());
            doc.put("rulesVersion", summary.rulesVersion());
            doc.put("findings", findings.stream().map(f -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rule", f.ruleId());
                m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
                m.put("item", f.itemId());
                m.put("annotator", f.annotator());
                m.put("annotation", f.annotationId());
                m.put("message", f.message());
                return m;
            }).toList());
            printJson(doc);
        } else {
            for (Finding f : findings) {
                String where = (f.itemId().isEmpty() ? "(project)" : f.itemId()) + (f.annotator().isEmpty() ? ""
                        : " " + f.annotator() + (f.annotationId().isEmpty() ? "" : "/" + f.annotationId()));
                out.printf("%s %s: %s [%s]%n", f.severity().name().toLowerCase(Locale.ROOT), where, f.message(), f.ruleId());
            }
            out.printf("%,d items checked, %,d findings (project rules: %s)%n", summary.itemsChecked(), findings.size(),
                    summary.rulesVersion().isEmpty() ? "unreadable" : summary.projectRules() + " of " + summary.rulesVersion());
        }
        return findings.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
