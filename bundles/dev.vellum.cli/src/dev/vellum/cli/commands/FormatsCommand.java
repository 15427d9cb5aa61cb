package dev.vellum.cli.commands;

import dev.vellum.cli.ExitCodes;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.FormatImporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vellum cli formats [--json]}: lists the installed import and export formats. */
@Command(name = "formats", description = "List the import and export format ids of the installed plugins.")
public final class FormatsCommand extends CliCommand {
    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        for (FormatImporter i : services.formats().importers()) {
            Map<String, Object> f = byId.computeIfAbsent(i.id(), k -> entry(k, i.displayName(), i.modalityId()));
            f.put("import", true);
        }
        for (FormatExporter e : services.formats().exporters()) {
            Map<String, Object> f = byId.computeIfAbsent(e.id(), k -> entry(k, e.displayName(), e.modalityId()));
            f.put("export", true);
        }
        List<Map<String, Object>> formats = new ArrayList<>(byId.values());
        if (json) {
            printJson(Map.of("formats", formats));
            return ExitCodes.OK;
        }
        if (formats.isEmpty()) {
            out.println("No import or export formats are installed.");
            return ExitCodes.OK;
        }
        out.printf("%-16s %-10s %-7s %-7s %s%n", "ID", "MODALITY", "IMPORT", "EXPORT", "NAME");
        for (Map<String, Object> f : formats) {
            out.printf("%-16s %-10s %-7s %-7s %s%n", f.get("id"), f.get("modality"), yes(f.get("import")), yes(f.get("export")),
                    f.get("name"));
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> entry(String id, String name, String modality) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("modality", modality);
        m.put("import", false);
        m.put("export", false);
        return m;
    }

    private static String yes(Object b) {
        return Boolean.TRUE.equals(b) ? "yes" : "-";
    }
}
