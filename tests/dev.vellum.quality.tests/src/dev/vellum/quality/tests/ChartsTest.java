package dev.vellum.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.quality.report.Charts;
import dev.vellum.quality.report.QualityData;
import dev.vellum.quality.report.QualityData.AgreementPoint;
import dev.vellum.quality.report.QualityData.GoldPoint;
import dev.vellum.quality.report.QualityData.LabelCount;
import dev.vellum.quality.report.QualityData.ReviewDay;
import dev.vellum.quality.report.QualityData.Throughput;
import java.awt.Paint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

/** The five charts, with numbers and without. */
class ChartsTest {
    static final LocalDate D1 = LocalDate.of(2026, 11, 2);
    static final LocalDate D3 = LocalDate.of(2026, 11, 4);

    /** Numbers for every chart: three annotators over three days (the middle one empty). */
    static QualityData sample() {
        return new QualityData("Street scenes", Instant.parse("2026-11-10T12:00:00Z"), null, null, List.of("carol", "alice", "bob"),
                List.of(new Throughput(D1, "alice", 4, 5), new Throughput(D1, "bob", 2, 2), new Throughput(D3, "carol", 3, 3)),
                List.of(new LabelCount("image", "car", 30, 0.6, 0.5), new LabelCount("image", "person", 20, 0.4, 0.5)),
                List.of(new ReviewDay(D1, 6, 3, Map.of("missed objects", 2), 0), new ReviewDay(D3, 3, 2, Map.of("wrong label", 1), 1)),
                new QualityData.AgreementSummary("alpha", "nominal", new QualityData.Value(0.71, 0.62, 0.79, 120, ""), 120, 12,
                        Map.of("car", new QualityData.Value(0.8, 0.7, 0.9, 80, "")), Map.of("alice|bob", new QualityData.Value(0.7, Double.NaN,
                                Double.NaN, 60, ""))),
                List.of(new AgreementPoint(LocalDate.of(2026, 10, 26), 0.65, 0.5, 0.78), new AgreementPoint(D1, 0.74, 0.66, 0.8)),
                List.of(new GoldPoint("alice", D1, 9, 10), new GoldPoint("bob", D1, 6, 10), new GoldPoint("bob", D3, 5, 10)), 0.8,
                List.of(new QualityData.GoldWarning("bob", 0.55, 11, 20, 0.8)), 4, List.of());
    }

    static QualityData empty() {
        return new QualityData("Empty", Instant.parse("2026-11-10T12:00:00Z"), null, null, List.of(), List.of(), List.of(), List.of(), null,
                List.of(), List.of(), Double.NaN, List.of(), -1, List.of());
    }

    @Test
    void everyChartHasItsTitleAndNumbers() {
        Map<String, JFreeChart> charts = Charts.all(sample());
        assertEquals(Charts.IDS, List.copyOf(charts.keySet()));
        assertEquals("Agreement over time", charts.get("agreement").getTitle().getText());
        assertEquals("Gold accuracy", charts.get("gold").getTitle().getText());
        assertEquals("Throughput", charts.get("throughput").getTitle().getText());
        assertEquals("Label distribution", charts.get("labels").getTitle().getText());
        assertEquals("Review outcomes", charts.get("reviews").getTitle().getText());

        YIntervalSeriesCollection agreement = (YIntervalSeriesCollection) charts.get("agreement").getXYPlot().getDataset();
        assertEquals(2, agreement.getItemCount(0));
        assertEquals(0.5, agreement.getStartYValue(0, 0), 1e-12);
        assertEquals(0.78, agreement.getEndYValue(0, 0), 1e-12);

        XYPlot gold = charts.get("gold").getXYPlot();
        assertEquals(2, gold.getDataset().getSeriesCount());
        assertEquals(0.8, ((ValueMarker) gold.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next()).getValue(), 0);

        TimeTableXYDataset throughput = (TimeTableXYDataset) charts.get("throughput").getXYPlot().getDataset();
        assertEquals(List.of("alice", "bob", "carol"), keys(throughput));
        assertEquals(2, throughput.getItemCount(), "the days with work");
        assertEquals(millis(D1), throughput.getTimePeriod(0).getStart().getTime(), "calendar days in UTC");
        assertEquals(4, throughput.getY(throughput.indexOf("alice"), 0).intValue());
        assertEquals(0, throughput.getY(throughput.indexOf("carol"), 0).intValue());
        assertEquals(3, throughput.getY(throughput.indexOf("carol"), 1).intValue());
        // two days three days apart: the axis shows a week around them, not two wall-wide bars
        org.jfree.chart.axis.ValueAxis days = charts.get("throughput").getXYPlot().getDomainAxis();
        assertTrue(days.getRange().getLength() >= 7 * 86_400_000.0, days.getRange().toString());

        CategoryDataset labels = charts.get("labels").getCategoryPlot().getDataset();
        assertEquals(List.of("Observed", "Expected"), labels.getRowKeys());
        assertEquals(0.6, labels.getValue("Observed", "car").doubleValue(), 1e-12);
        assertEquals(0.5, labels.getValue("Expected", "car").doubleValue(), 1e-12);

        TimeTableXYDataset reviews = (TimeTableXYDataset) charts.get("reviews").getXYPlot().getDataset();
        assertEquals(List.of("Accepted", "Rejected: missed objects", "Rejected: wrong label", "Audited"), keys(reviews));
        assertEquals(2, reviews.getY(reviews.indexOf("Rejected: missed objects"), 0).intValue());
        assertEquals(1, reviews.getY(reviews.indexOf("Audited"), 1).intValue());
    }

    private static List<Object> keys(TimeTableXYDataset d) {
        List<Object> out = new java.util.ArrayList<>();
        for (int i = 0; i < d.getSeriesCount(); i++) {
            out.add(d.getSeriesKey(i));
        }
        return out;
    }

    private static long millis(LocalDate day) {
        return day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @Test
    void anAnnotatorHasOneColourInEveryChart() {
        QualityData d = sample();
        JFreeChart throughput = Charts.throughput(d);
        JFreeChart gold = Charts.goldAccuracy(d);
        XYPlot tp = throughput.getXYPlot();
        Paint bobBars = tp.getRenderer().getSeriesPaint(tp.getDataset().indexOf("bob"));
        XYPlot gp = gold.getXYPlot();
        Paint bobLine = gp.getRenderer().getSeriesPaint(gp.getDataset().indexOf("bob"));
        assertEquals(bobBars, bobLine);
        assertEquals(Charts.annotatorColor(d.annotators(), "bob"), bobBars);
        assertNotEquals(Charts.annotatorColor(d.annotators(), "alice"), bobBars);
    }

    @Test
    void barsAreFlatOnWhite() {
        for (JFreeChart c : Charts.all(sample()).values()) {
            assertEquals(java.awt.Color.WHITE, c.getBackgroundPaint(), c.getTitle().getText());
            assertEquals(java.awt.Color.WHITE, c.getPlot().getBackgroundPaint(), c.getTitle().getText());
            if (c.getPlot() instanceof CategoryPlot cp) {
                BarRenderer r = (BarRenderer) cp.getRenderer();
                assertTrue(r.getBarPainter() instanceof StandardBarPainter, "no gradient in " + c.getTitle().getText());
                assertFalse(r.getShadowsVisible(), "no shadow in " + c.getTitle().getText());
            } else if (c.getXYPlot().getRenderer() instanceof org.jfree.chart.renderer.xy.XYBarRenderer r) {
                assertTrue(r.getBarPainter() instanceof org.jfree.chart.renderer.xy.StandardXYBarPainter, "no gradient in " + c.getTitle().getText());
                assertFalse(r.getShadowsVisible(), "no shadow in " + c.getTitle().getText());
            }
        }
    }

    @Test
    void withoutNumbersEveryChartSaysSoAndHidesItsAxes() {
        for (JFreeChart c : Charts.all(empty()).values()) {
            String t = c.getTitle().getText();
            assertEquals(Charts.NO_DATA, c.getPlot().getNoDataMessage(), t);
            if (c.getPlot() instanceof CategoryPlot cp) {
                assertEquals(0, cp.getDataset().getRowCount(), t);
                assertFalse(cp.getRangeAxis().isVisible(), t);
            } else {
                XYPlot xy = c.getXYPlot();
                assertEquals(0, xy.getDataset().getSeriesCount(), t);
                assertFalse(xy.getDomainAxis().isVisible(), t);
            }
        }
    }
}
