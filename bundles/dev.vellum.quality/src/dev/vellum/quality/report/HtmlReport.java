package dev.vellum.quality.report;

import dev.vellum.quality.report.QualityData.AgreementSummary;
import dev.vellum.quality.report.QualityData.GoldPoint;
import dev.vellum.quality.report.QualityData.GoldWarning;
import dev.vellum.quality.report.QualityData.ReviewDay;
import dev.vellum.quality.report.QualityData.Throughput;
import dev.vellum.quality.report.QualityData.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;

/**
 * The quality report: one self-contained HTML file (inline CSS, the charts as inline SVG, no script
 * and no external reference of any kind), so it can be mailed, archived or opened offline as it is.
 * Summary tables first (agreement overall, per label and per pair; gold accuracy with warnings; review
 * outcomes; throughput; validation findings), then the five charts.
 */
public final class HtmlReport {
    /** Chart size in the report, in SVG user units (the SVG scales to the page). */
    private static final int CHART_W = 760;
    private static final int CHART_H = 400;
    /** JFreeSVG declares its own namespace and xlink's even when unused: not wanted offline. */
    private static final Pattern JFREESVG_NS = Pattern.compile("\\s+xmlns:jfreesvg=(['\"])[^'\"]*\\1");
    private static final Pattern XLINK_NS = Pattern.compile("\\s+xmlns:xlink=(['\"])[^'\"]*\\1");

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #222; background: #fff;
                   margin: 0 auto; max-width: 1180px; padding: 24px 32px 48px; line-height: 1.4; font-size: 14px; }
            header { border-bottom: 1px solid #ddd; margin-bottom: 18px; padding-bottom: 10px; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 17px; margin: 28px 0 8px; }
            h3 { font-size: 14px; margin: 16px 0 6px; color: #444; }
            .meta { color: #666; }
            .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 8px 28px; }
            table { border-collapse: collapse; margin: 4px 0 8px; min-width: 280px; }
            th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #eee; vertical-align: top; }
            th { color: #555; font-weight: 600; border-bottom: 1px solid #ccc; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            .warn { color: #b03a2e; font-weight: 600; }
            .warnings { background: #fdf0ee; border-left: 4px solid #c0392b; padding: 8px 12px; margin: 10px 0; }
            .note { color: #666; font-style: italic; }
            figure { margin: 18px 0 10px; break-inside: avoid; }
            figure svg { width: 100%; height: auto; display: block; border: 1px solid #eee; }
            figcaption { color: #666; font-size: 12px; margin-top: 4px; }
            @media print { body { padding: 0; } figure { page-break-inside: avoid; } }
            """;

    private HtmlReport() {
    }

    /** The report as one HTML document. */
    public static String render(QualityData data) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "Quality report: " + (data.projectName().isEmpty() ? "project" : data.projectName());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<h1>").append(esc(title)).append("</h1>\n<div class=\"meta\">Generated ")
                .append(esc(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).format(data.generated().atOffset(ZoneOffset.UTC))))
                .append(" &middot; period: ").append(esc(period(data))).append(" &middot; annotators: ")
                .append(data.annotators().isEmpty() ? "none yet" : esc(String.join(", ", data.annotators()))).append("</div>\n");
        for (String note : data.notes()) {
            h.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
        h.append("</header>\n");
        if (!data.goldWarnings().isEmpty()) {
            h.append("<div class=\"warnings\"><strong>Gold accuracy below threshold:</strong> ");
            boolean first = true;
            for (GoldWarning w : data.goldWarnings()) {
                h.append(first ? "" : "; ").append(esc(w.annotator())).append(' ').append(pct(w.accuracy())).append(" (")
                        .append(w.correct()).append('/').append(w.total()).append(", threshold ").append(pct(w.threshold())).append(')');
                first = false;
            }
            h.append("</div>\n");
        }

        h.append("<h2>Summary</h2>\n<div class=\"grid\">\n");
        agreement(h, data.agreement());
        gold(h, data);
        reviews(h, data);
        throughput(h, data);
        h.append("<section>\n<h3>Validation</h3>\n<p>").append(data.validationFindings() < 0 ? "Not run for this report."
                : String.format(Locale.ROOT, "%,d finding%s", data.validationFindings(), data.validationFindings() == 1 ? "" : "s"))
                .append("</p>\n</section>\n");
        h.append("</div>\n");

        h.append("<h2>Charts</h2>\n");
        for (Map.Entry<String, JFreeChart> e : Charts.all(data).entrySet()) {
            String svg = JFREESVG_NS.matcher(ChartExport.svgElement(e.getValue(), CHART_W, CHART_H, "c-" + e.getKey() + "-")).replaceAll("");
            if (!svg.replaceFirst("xmlns:xlink", "").contains("xlink:")) {
                svg = XLINK_NS.matcher(svg).replaceAll("");
            }
            h.append("<figure id=\"chart-").append(e.getKey()).append("\">\n").append(svg).append("\n</figure>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * Writes the report atomically.
     *
     * @throws IOException naming the file
     */
    public static void write(QualityData data, Path file) throws IOException {
        byte[] bytes = render(data).getBytes(StandardCharsets.UTF_8);
        ChartExport.atomically(file, out -> out.write(bytes));
    }

    private static void agreement(StringBuilder h, AgreementSummary a) {
        h.append("<section>\n<h3>Agreement</h3>\n");
        if (a == null) {
            h.append("<p class=\"note\">Not computed.</p>\n</section>\n");
            return;
        }
        h.append("<table>\n<tr><th>").append(esc(Charts.measureName(a.measure()))).append(" (").append(esc(a.level()))
                .append(")</th><th class=\"n\">Value</th><th class=\"n\">95% CI</th><th class=\"n\">Units</th></tr>\n");
        row(h, "Overall", a.overall());
        h.append("</table>\n<p class=\"meta\">").append(a.items()).append(" items with two or more annotators, ").append(a.units())
                .append(" units</p>\n");
        if (!a.byLabel().isEmpty()) {
            h.append("<table>\n<tr><th>Per label</th><th class=\"n\">Value</th><th class=\"n\">95% CI</th><th class=\"n\">Units</th></tr>\n");
            a.byLabel().forEach((k, v) -> row(h, k, v));
            h.append("</table>\n");
        }
        if (!a.byPair().isEmpty()) {
            h.append("<table>\n<tr><th>Per pair</th><th class=\"n\">Value</th><th class=\"n\">95% CI</th><th class=\"n\">Units</th></tr>\n");
            a.byPair().forEach((k, v) -> row(h, k.replace("|", " & "), v));
            h.append("</table>\n");
        }
        h.append("</section>\n");
    }

    private static void row(StringBuilder h, String name, Value v) {
        h.append("<tr><td>").append(esc(name)).append("</td><td class=\"n\">").append(num(v.value())).append("</td><td class=\"n\">")
                .append(Double.isNaN(v.ciLow()) ? "&ndash;" : num(v.ciLow()) + " &ndash; " + num(v.ciHigh())).append("</td><td class=\"n\">")
                .append(v.units()).append("</td></tr>\n");
        if (Double.isNaN(v.value()) && !v.note().isEmpty()) {
            h.append("<tr><td colspan=\"4\" class=\"note\">").append(esc(v.note())).append("</td></tr>\n");
        }
    }

    private static void gold(StringBuilder h, QualityData data) {
        h.append("<section>\n<h3>Gold accuracy</h3>\n");
        Map<String, int[]> sums = new TreeMap<>();
        for (GoldPoint g : data.gold()) {
            int[] s = sums.computeIfAbsent(g.annotator(), k -> new int[2]);
            s[0] += g.correct();
            s[1] += g.total();
        }
        if (sums.isEmpty()) {
            h.append("<p class=\"note\">No gold answers in this period.</p>\n</section>\n");
            return;
        }
        h.append("<table>\n<tr><th>Annotator</th><th class=\"n\">Correct</th><th class=\"n\">Gold items</th><th class=\"n\">Accuracy</th></tr>\n");
        sums.forEach((who, s) -> {
            boolean warn = data.goldWarnings().stream().anyMatch(w -> w.annotator().equals(who));
            h.append("<tr><td>").append(esc(who)).append("</td><td class=\"n\">").append(s[0]).append("</td><td class=\"n\">").append(s[1])
                    .append("</td><td class=\"n").append(warn ? " warn" : "").append("\">").append(pct(s[1] == 0 ? Double.NaN : (double) s[0] / s[1]))
                    .append(warn ? " &#9888;" : "").append("</td></tr>\n");
        });
        h.append("</table>\n");
        if (!Double.isNaN(data.goldThreshold())) {
            h.append("<p class=\"meta\">Threshold ").append(pct(data.goldThreshold())).append("</p>\n");
        }
        h.append("</section>\n");
    }

    private static void reviews(StringBuilder h, QualityData data) {
        h.append("<section>\n<h3>Review outcomes</h3>\n");
        int submitted = 0;
        int accepted = 0;
        int audited = 0;
        Map<String, Integer> rejected = new TreeMap<>();
        for (ReviewDay r : data.reviews()) {
            submitted += r.submitted();
            accepted += r.accepted();
            audited += r.audited();
            r.rejected().forEach((k, v) -> rejected.merge(k, v, Integer::sum));
        }
        h.append("<table>\n<tr><th>Outcome</th><th class=\"n\">Sets</th></tr>\n");
        h.append("<tr><td>Submitted</td><td class=\"n\">").append(submitted).append("</td></tr>\n");
        h.append("<tr><td>Accepted</td><td class=\"n\">").append(accepted).append("</td></tr>\n");
        int rejectedTotal = rejected.values().stream().mapToInt(Integer::intValue).sum();
        h.append("<tr><td>Rejected</td><td class=\"n\">").append(rejectedTotal).append("</td></tr>\n");
        rejected.forEach((reason, n) -> h.append("<tr><td>&nbsp;&nbsp;&nbsp;").append(esc(reason)).append("</td><td class=\"n\">").append(n)
                .append("</td></tr>\n"));
        h.append("<tr><td>Audited</td><td class=\"n\">").append(audited).append("</td></tr>\n</table>\n</section>\n");
    }

    private static void throughput(StringBuilder h, QualityData data) {
        h.append("<section>\n<h3>Throughput</h3>\n");
        Map<String, int[]> sums = new TreeMap<>();
        for (Throughput t : data.throughput()) {
            int[] s = sums.computeIfAbsent(t.annotator(), k -> new int[3]);
            s[0] += t.submitted();
            s[1] += t.changed();
            s[2]++;
        }
        if (sums.isEmpty()) {
            h.append("<p class=\"note\">No work in this period.</p>\n</section>\n");
            return;
        }
        h.append("<table>\n<tr><th>Annotator</th><th class=\"n\">Sets handed in</th><th class=\"n\">Sets edited</th><th class=\"n\">Active days</th></tr>\n");
        sums.forEach((who, s) -> h.append("<tr><td>").append(esc(who)).append("</td><td class=\"n\">").append(s[0])
                .append("</td><td class=\"n\">").append(s[1]).append("</td><td class=\"n\">").append(s[2]).append("</td></tr>\n"));
        h.append("</table>\n</section>\n");
    }

    private static String period(QualityData d) {
        if (d.from() == null && d.to() == null) {
            return "all time";
        }
        return (d.from() == null ? "start" : d.from().toString()) + " to " + (d.to() == null ? "today" : d.to().toString());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "&ndash;" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "&ndash;" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    /** Text for HTML element content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
