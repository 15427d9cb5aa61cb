package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.UsageException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.guidelines.FaqEntry;
import dev.vellum.guidelines.GuidelineDiff;
import dev.vellum.guidelines.StaleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A subcommand of {@code guidelines}, {@code faq} or {@code audit}: opens the project named first, runs, closes it.
 * What the guidelines API refuses (an illegal transition, an unknown entry or version) is a usage
 * error, reported in one line with exit code 2.
 */
abstract class ProjectSubcommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<project>", description = "The project folder.")
    String location;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public final Integer call() throws Exception {
        try (StoredProject stored = open(location)) {
            return run(stored);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Does the work on the open project; returns the exit code. */
    abstract int run(StoredProject stored) throws Exception;

    /** A diff as JSON-shaped data: the sections and labels it touches, and every row. */
    static Map<String, Object> diffJson(GuidelineDiff d, Set<String> labels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identical", d.isEmpty());
        m.put("sectionsTouched", new ArrayList<>(d.sectionsTouched()));
        m.put("labelsTouched", new ArrayList<>(d.labelsTouched(labels)));
        List<Object> rows = new ArrayList<>();
        for (GuidelineDiff.Row r : d.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
            row.put("oldLine", r.oldLine());
            row.put("newLine", r.newLine());
            row.put("oldText", r.oldText());
            row.put("newText", r.newText());
            row.put("oldSpans", r.oldSpans().stream().map(s -> List.of(s.start(), s.end())).toList());
            row.put("newSpans", r.newSpans().stream().map(s -> List.of(s.start(), s.end())).toList());
            row.put("section", r.section());
            rows.add(row);
        }
        m.put("rows", rows);
        return m;
    }

    static Map<String, Object> staleJson(StaleSet s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", s.itemId());
        m.put("annotator", s.annotator());
        m.put("version", s.version());
        m.put("state", s.state().id());
        m.put("labels", new ArrayList<>(s.labels()));
        return m;
    }

    static List<Map<String, Object>> entriesJson(List<FaqEntry> entries) {
        return entries.stream().map(FaqEntry::toMap).toList();
    }

    /** A version ref as people read it: {@code v3}, {@code draft}, or {@code (nothing)} for 0. */
    static String refName(String ref) {
        String r = ref.strip();
        if (r.equalsIgnoreCase("draft")) {
            return "draft";
        }
        String digits = r.startsWith("v") || r.startsWith("V") ? r.substring(1) : r;
        return digits.equals("0") ? "(nothing)" : "v" + digits;
    }
}
