package dev.vellum.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.quality.report.HtmlReport;
import dev.vellum.quality.report.QualityData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-contained HTML report. */
class HtmlReportTest {
    @TempDir
    Path tmp;

    @Test
    void reportHoldsTheTablesAndFiveInlineChartsAndNothingExternal() throws Exception {
        Path file = tmp.resolve("report.html");
        HtmlReport.write(ChartsTest.sample(), file);
        String html = Files.readString(file, StandardCharsets.UTF_8);

        assertTrue(html.contains("<h1>Quality report: Street scenes</h1>"), html.substring(0, 600));
        assertTrue(html.contains("Krippendorff&#39;s alpha (nominal)"));
        assertTrue(html.contains("<td class=\"n\">0.710</td><td class=\"n\">0.620 &ndash; 0.790</td><td class=\"n\">120</td>"));
        assertTrue(html.contains("alice &amp; bob"), "per pair");
        assertTrue(html.contains("Gold accuracy below threshold:</strong> bob 55.0% (11/20, threshold 80.0%)"));
        assertTrue(html.contains("missed objects") && html.contains("wrong label"), "rejection reasons");
        assertTrue(html.contains("4 findings"));

        Matcher svg = Pattern.compile("<svg\\b").matcher(html);
        int charts = 0;
        while (svg.find()) {
            charts++;
        }
        assertEquals(5, charts);
        for (String title : List.of("Agreement over time", "Gold accuracy", "Throughput", "Label distribution", "Review outcomes")) {
            assertTrue(html.contains(">" + title + "<"), "chart title drawn as text: " + title);
        }
        String withoutSvgNamespace = html.replace("http://www.w3.org/2000/svg", "");
        assertFalse(withoutSvgNamespace.contains("http"), "an external reference: "
                + withoutSvgNamespace.substring(Math.max(0, withoutSvgNamespace.indexOf("http") - 80), withoutSvgNamespace.indexOf("http") + 80));
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src="), "nothing to fetch or run");
        // ids of the charts' clip paths are unique on the page
        Matcher ids = Pattern.compile("\\bid=['\"]([^'\"]+)['\"]").matcher(html);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (ids.find()) {
            assertTrue(seen.add(ids.group(1)), "duplicate id " + ids.group(1));
        }
        // each inline chart is well-formed XML on its own
        Matcher each = Pattern.compile("(?s)<svg\\b.*?</svg>").matcher(html);
        while (each.find()) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(each.group().getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void anEmptyProjectStillMakesAReportThatSaysWhatIsMissing() throws Exception {
        QualityData empty = new QualityData("A <new> project", Instant.now(), java.time.LocalDate.of(2026, 11, 1), null, List.of(), List.of(),
                List.of(), List.of(), null, List.of(), List.of(), Double.NaN, List.of(), -1,
                List.of("Agreement is not available in this build yet."));
        String html = HtmlReport.render(empty);
        assertTrue(html.contains("Quality report: A &lt;new&gt; project"));
        assertTrue(html.contains("period: 2026-11-01 to today"));
        assertTrue(html.contains("Agreement is not available in this build yet."));
        assertTrue(html.contains("Not run for this report."));
        assertTrue(html.contains("No data yet"));
        assertFalse(html.contains("below threshold"));
    }
}
