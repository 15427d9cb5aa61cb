package dev.vellum.cli.commands;

import dev.vellum.cli.Cli.BadInputException;
import dev.vellum.cli.Cli.UsageException;
import dev.vellum.cli.ExitCodes;
import dev.vellum.cli.internal.ProgressLine;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.agreement.Agreement;
import dev.vellum.quality.agreement.AgreementResult;
import dev.vellum.quality.agreement.Bootstrap;
import dev.vellum.quality.agreement.Measure;
import dev.vellum.quality.agreement.ProjectAgreement;
import dev.vellum.quality.agreement.RatingTable;
import dev.vellum.quality.agreement.RatingsCsv;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vellum cli agreement <project> ...} and {@code agreement --ratings FILE.csv ...}: Cohen's
 * kappa, Fleiss' kappa or Krippendorff's alpha over a project's shared items (overall, per label,
 * annotator pair, unit kind and week) or over a plain ratings CSV ({@code unit,rater,value}).
 */
@Command(name = "agreement", description = {
    "Inter-annotator agreement over a project's items that several annotators annotated, or over a ratings CSV"
        + " (header unit,rater,value; one row per rating; missing ratings simply absent).",
    "Exit codes: 0 ok, 2 usage error, 3 bad input (the file or project is named)."})
public final class AgreementCommand extends CliCommand {
    /** Most raters for which the ratings mode also measures every pair. */
    static final int MAX_PAIR_RATERS = 20;
    /** Most units for which the ratings mode measures every pair without being asked ({@code --pairs}). */
    static final int AUTO_PAIR_UNITS = 200_000;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<project>", description = "The project folder (or use --ratings).")
    String location;

    @Option(names = "--ratings", paramLabel = "FILE.csv", description = "Measure the ratings in this CSV instead of a project.")
    Path ratings;

    @Option(names = "--measure", paramLabel = "cohen|fleiss|alpha", defaultValue = "alpha",
            description = "The coefficient (default: ${DEFAULT-VALUE}).")
    String measure;

    @Option(names = "--level", paramLabel = "nominal|ordinal|interval|ratio",
            description = "How to read the values (default: each unit kind's own level in a project, nominal for a CSV).")
    String level;

    @Option(names = "--label", paramLabel = "L", description = "Project: only units some annotator gave this label.")
    String label;

    @Option(names = "--kind", paramLabel = "K", description = "Project: only units of this kind (e.g. image.bbox).")
    String kind;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
            description = "Bootstrap resamples for the confidence interval, 0 for none (default: ${DEFAULT-VALUE};"
                    + " capped so that resamples x units stay under " + Agreement.BOOTSTRAP_MAX_DRAWS / 1_000_000 + " million).")
    int bootstrap;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95", description = "Interval confidence (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Bootstrap seed: the same data and seed give the same interval.")
    long seed;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Option(names = "--pairs", negatable = true, description = "Ratings: also measure every rater pair (default: when there are"
            + " at most 20 raters and " + AUTO_PAIR_UNITS + " units; --no-pairs never).")
    Boolean pairs;

    @Option(names = "--timings", description = "Print the time reading and computing took on standard error.")
    boolean timings;

    @Override
    public Integer call() throws Exception {
        if ((location == null) == (ratings == null)) {
            throw new UsageException("give either a project folder or --ratings FILE.csv");
        }
        Measure m;
        MeasurementLevel l;
        Bootstrap boot;
        try {
            m = Measure.fromId(measure.toLowerCase(Locale.ROOT));
            l = level == null ? null : MeasurementLevel.fromId(level.toLowerCase(Locale.ROOT));
            boot = new Bootstrap(bootstrap, confidence, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (ratings != null) {
            if (label != null || kind != null) {
                throw new UsageException("--label and --kind select units of a project; a ratings CSV has neither");
            }
            return ratings(m, l == null ? MeasurementLevel.NOMINAL : l, boot);
        }
        return project(m, l, boot);
    }

    private int ratings(Measure m, MeasurementLevel l, Bootstrap boot) throws Exception {
        long t0 = System.nanoTime();
        RatingTable table = RatingsCsv.read(ratings);
        long t1 = System.nanoTime();
        AgreementResult overall;
        try {
            overall = Agreement.compute(table, m, l, boot);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(ratings + ": " + e.getMessage());
        }
        long t2 = System.nanoTime();
        Map<String, AgreementResult> byPair = new LinkedHashMap<>();
        int r = table.raterCount();
        boolean measurePairs = pairs != null ? pairs && r <= MAX_PAIR_RATERS : r <= MAX_PAIR_RATERS && table.unitCount() <= AUTO_PAIR_UNITS;
        if (r > 2 && measurePairs) {
            List<String> names = table.raters();
            Integer[] order = new Integer[r];
            for (int i = 0; i < r; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
            for (int i = 0; i < r; i++) {
                for (int j = i + 1; j < r; j++) {
                    RatingTable pair = table.select(order[i], order[j]);
                    byPair.put(names.get(order[i]) + "|" + names.get(order[j]), Agreement.compute(pair, m, l, Bootstrap.NONE));
                }
            }
        }
        if (timings) {
            err.printf(Locale.ROOT, "read %,d ratings of %,d units in %.0f ms; %s in %.0f ms; %d pairs in %.0f ms%n",
                    countRatings(table), table.unitCount(), (t1 - t0) / 1e6, m.id(), (t2 - t1) / 1e6, byPair.size(),
                    (System.nanoTime() - t2) / 1e6);
        }
        if (json) {
            Map<String, Object> doc = result(overall);
            doc.put("file", ratings.toString());
            doc.put("unitsInFile", table.unitCount());
            if (r > 2 && measurePairs) {
                doc.put("byPair", results(byPair));
            }
            printJson(doc);
        } else {
            out.printf("%s (%s) over %s%n", title(overall.measure()), overall.level().id(), ratings);
            printResult("", overall, table.unitCount());
            printTable("rater pair", byPair);
        }
        return ExitCodes.OK;
    }

    private static long countRatings(RatingTable t) {
        long n = 0;
        for (double c : t.cells()) {
            if (c == c) {
                n++;
            }
        }
        return n;
    }

    private int project(Measure m, MeasurementLevel l, Bootstrap boot) throws Exception {
        ProjectAgreement.Report report;
        try (StoredProject stored = open(location)) {
            report = new ProjectAgreement(services.agreements()).compute(stored, new ProjectAgreement.Query(m, l, label, kind, boot),
                    new ProgressLine(err));
        }
        if (json) {
            Map<String, Object> doc = result(report.overall());
            doc.put("project", location);
            doc.put("items", report.items());
            doc.put("unitsRead", report.units());
            doc.put("byLabel", results(report.byLabel()));
            doc.put("byPair", results(report.byPair()));
            doc.put("byKind", results(report.byKind()));
            doc.put("overTime", report.overTime().stream().map(p -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("start", p.start().toString());
                e.putAll(result(p.result()));
                return e;
            }).toList());
            printJson(doc);
            return ExitCodes.OK;
        }
        AgreementResult o = report.overall();
        out.printf("%s over %s: %,d items with two or more annotators, %,d units%s%s%n", title(o.measure()), location, report.items(),
                report.units(), label == null ? "" : ", label " + label, kind == null ? "" : ", kind " + kind);
        printResult("", o, -1);
        printTable("kind", report.byKind());
        printTable("label", report.byLabel());
        printTable("annotator pair", report.byPair());
        Map<String, AgreementResult> weeks = new LinkedHashMap<>();
        report.overTime().forEach(p -> weeks.put("week of " + p.start(), p.result()));
        printTable("period", weeks);
        return ExitCodes.OK;
    }

    private static String title(Measure m) {
        return switch (m) {
            case COHEN -> "Cohen's kappa";
            case FLEISS -> "Fleiss' kappa";
            case ALPHA -> "Krippendorff's alpha";
        };
    }

    private static String value(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
    }

    private void printResult(String indent, AgreementResult r, int unitsInFile) {
        out.printf(Locale.ROOT, "%s  value   %s (%s)%n", indent, value(r.value()), r.level().id());
        if (r.ci() != null) {
            AgreementResult.Interval ci = r.ci();
            out.printf(Locale.ROOT, "%s  %2.0f%% CI [%s, %s] (%,d bootstrap resamples)%n", indent, ci.confidence() * 100, value(ci.low()),
                    value(ci.high()), ci.samples());
        }
        out.printf("%s  units   %,d%s, %d raters%n", indent, r.units(), unitsInFile >= 0 ? " of " + String.format("%,d", unitsInFile) : "",
                r.raters());
        if (!r.note().isEmpty()) {
            out.printf("%s  note    %s%n", indent, r.note());
        }
    }

    private void printTable(String what, Map<String, AgreementResult> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int width = what.length();
        for (String k : rows.keySet()) {
            width = Math.max(width, k.length());
        }
        out.printf("%nBy %s:%n", what);
        String row = "  %-" + width + "s  %9s  %-18s  %,10d  %6d  %s%n";
        out.printf("  %-" + width + "s  %9s  %-18s  %10s  %6s  %s%n", what, "value", "interval", "units", "raters", "note");
        rows.forEach((k, r) -> out.printf(row, k, value(r.value()), r.ci() == null ? "" : "[" + value(r.ci().low()) + ", "
                + value(r.ci().high()) + "]", r.units(), r.raters(), r.note()));
    }

    private static Map<String, Object> results(Map<String, AgreementResult> rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        rows.forEach((k, r) -> out.put(k, result(r)));
        return out;
    }

    /** One result as JSON-shaped data; NaN becomes null (JSON has no NaN). */
    static Map<String, Object> result(AgreementResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", r.measure().id());
        m.put("level", r.level().id());
        m.put("value", Double.isNaN(r.value()) ? null : r.value());
        m.put("units", r.units());
        m.put("raters", r.raters());
        if (r.ci() == null) {
            m.put("ci", null);
        } else {
            Map<String, Object> ci = new LinkedHashMap<>();
            ci.put("low", r.ci().low());
            ci.put("high", r.ci().high());
            ci.put("confidence", r.ci().confidence());
            ci.put("samples", r.ci().samples());
            m.put("ci", ci);
        }
        m.put("note", r.note());
        return m;
    }
}
