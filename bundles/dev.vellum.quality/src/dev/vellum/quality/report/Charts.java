package dev.vellum.quality.report;

import dev.vellum.quality.report.QualityData.AgreementPoint;
import dev.vellum.quality.report.QualityData.GoldPoint;
import dev.vellum.quality.report.QualityData.LabelCount;
import dev.vellum.quality.report.QualityData.ReviewDay;
import dev.vellum.quality.report.QualityData.Throughput;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The quality dashboard's five charts, built from {@link QualityData} in Vellum's look: white
 * background, light grid, flat bars, readable type, each annotator in the same colour in every
 * chart, and a plain "No data yet" where there is nothing to draw. The same charts go to the
 * workbench, PNG, SVG and the HTML report.
 */
public final class Charts {
    /** Chart ids, in the order the dashboard and the report show them. */
    public static final List<String> IDS = List.of("agreement", "gold", "throughput", "labels", "reviews");

    /** What an empty chart says. */
    public static final String NO_DATA = "No data yet";

    /** Series colours: distinct, colour-blind-tolerant (Tableau 10). */
    private static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0x59A14F), new Color(0xB07AA1),
        new Color(0x76B7B2), new Color(0xEDC948), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xE15759), new Color(0xBAB0AC)};
    private static final Color TEXT = new Color(0x222222);
    private static final Color MUTED = new Color(0x555555);
    private static final Color GRID = new Color(0xE2E2E2);
    private static final Color ACCEPTED = new Color(0x59A14F);
    // Outcome colours stay clear of the first annotator colours, so no one reads a stack as a person.
    private static final Color AUDITED = new Color(0x4B5D67);
    private static final Color[] REJECTED = {new Color(0xE15759), new Color(0xFF9DA7), new Color(0xB6403F), new Color(0xD37295),
        new Color(0x9C755F), new Color(0xF1A99B)};
    private static final Color WARNING = new Color(0xC0392B);
    private static final String FONT = Font.SANS_SERIF;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private Charts() {
    }

    /** The chart with that id (one of {@link #IDS}). */
    public static JFreeChart chart(String id, QualityData data) {
        return switch (id) {
            case "agreement" -> agreementOverTime(data);
            case "gold" -> goldAccuracy(data);
            case "throughput" -> throughput(data);
            case "labels" -> labelDistribution(data);
            case "reviews" -> reviewOutcomes(data);
            default -> throw new IllegalArgumentException("unknown chart '" + id + "'; known: " + String.join(", ", IDS));
        };
    }

    /** All five charts, keyed by id in {@link #IDS} order. */
    public static Map<String, JFreeChart> all(QualityData data) {
        Map<String, JFreeChart> out = new LinkedHashMap<>();
        for (String id : IDS) {
            out.put(id, chart(id, data));
        }
        return out;
    }

    /** The colour of {@code annotator} among {@code annotators} (sorted), the same in every chart. */
    public static Color annotatorColor(List<String> annotators, String annotator) {
        int i = annotators.indexOf(annotator);
        if (i < 0) {
            i = Math.floorMod(annotator.hashCode(), PALETTE.length);
        }
        if (i < PALETTE.length) {
            return PALETTE[i];
        }
        // beyond the palette: spread hues by the golden angle, muted enough to sit beside it
        float hue = (float) ((i * 0.381966) % 1.0);
        return Color.getHSBColor(hue, 0.55f, 0.75f);
    }

    /** Agreement per week with its confidence interval as a band. */
    public static JFreeChart agreementOverTime(QualityData data) {
        String measure = data.agreement() == null ? "Agreement" : measureName(data.agreement().measure());
        YIntervalSeries series = new YIntervalSeries(measure);
        double lowest = 0;
        boolean anyInterval = false;
        for (AgreementPoint p : data.agreementOverTime()) {
            if (Double.isNaN(p.value())) {
                continue;
            }
            double lo = p.hasInterval() ? p.ciLow() : p.value();
            double hi = p.hasInterval() ? p.ciHigh() : p.value();
            anyInterval |= p.hasInterval();
            series.add(millis(p.weekStart()), p.value(), lo, hi);
            lowest = Math.min(lowest, lo);
        }
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        if (series.getItemCount() > 0) {
            dataset.addSeries(series);
        }
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setSeriesPaint(0, PALETTE[0]);
        renderer.setSeriesFillPaint(0, new Color(0x4E79A7));
        renderer.setAlpha(0.18f);
        renderer.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        DateAxis x = dateAxis("Week");
        NumberAxis y = new NumberAxis(measure);
        y.setRange(Math.max(-1, Math.floor(lowest * 10) / 10.0), 1.0);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        ValueMarker good = new ValueMarker(0.8, MUTED, dashed(1f));
        good.setLabel("0.8");
        good.setLabelFont(new Font(FONT, Font.PLAIN, 10));
        good.setLabelPaint(MUTED);
        good.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
        good.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        good.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        if (series.getItemCount() > 0) {
            plot.addRangeMarker(good);
        }
        String sub = data.agreement() == null ? "per week" : "per week" + (anyInterval ? ", band: bootstrap confidence interval" : "");
        return finish(new JFreeChart("Agreement over time", JFreeChart.DEFAULT_TITLE_FONT, plot, false), sub, dataset.getSeriesCount() == 0,
                null);
    }

    /** Gold accuracy per annotator and day, with the warning threshold as a line. */
    public static JFreeChart goldAccuracy(QualityData data) {
        Map<String, XYSeries> byAnnotator = new TreeMap<>();
        for (GoldPoint g : data.gold()) {
            if (g.total() > 0) {
                byAnnotator.computeIfAbsent(g.annotator(), a -> new XYSeries(a, true, false)).addOrUpdate(millis(g.day()), g.accuracy());
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int i = 0;
        for (XYSeries s : byAnnotator.values()) {
            dataset.addSeries(s);
            renderer.setSeriesPaint(i, annotatorColor(data.annotators(), (String) s.getKey()));
            renderer.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
            i++;
        }
        NumberAxis y = new NumberAxis("Accuracy on gold items");
        y.setRange(0, 1.04);
        y.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
        XYPlot plot = new XYPlot(dataset, dateAxis("Day"), y, renderer);
        String sub = "per annotator and day";
        if (!Double.isNaN(data.goldThreshold()) && dataset.getSeriesCount() > 0) {
            ValueMarker threshold = new ValueMarker(data.goldThreshold(), WARNING, dashed(1.5f));
            threshold.setLabel("threshold " + percent(data.goldThreshold()));
            threshold.setLabelFont(new Font(FONT, Font.PLAIN, 11));
            threshold.setLabelPaint(WARNING);
            threshold.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.BOTTOM_RIGHT);
            threshold.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            threshold.setLabelBackgroundColor(new Color(255, 255, 255, 200));
            plot.addRangeMarker(threshold);
            if (!data.goldWarnings().isEmpty()) {
                sub += "; below threshold: " + String.join(", ", data.goldWarnings().stream().map(QualityData.GoldWarning::annotator).toList());
            }
        }
        return finish(new JFreeChart("Gold accuracy", JFreeChart.DEFAULT_TITLE_FONT, plot, true), sub, dataset.getSeriesCount() == 0,
                null);
    }

    /** Sets handed in per day, stacked by annotator. */
    public static JFreeChart throughput(QualityData data) {
        Map<LocalDate, Map<String, Integer>> byDay = new TreeMap<>();
        Set<String> who = new TreeSet<>();
        for (Throughput t : data.throughput()) {
            if (t.submitted() > 0) {
                who.add(t.annotator());
                byDay.computeIfAbsent(t.day(), d -> new TreeMap<>()).merge(t.annotator(), t.submitted(), Integer::sum);
            }
        }
        TimeTableXYDataset dataset = dayTable(byDay, new ArrayList<>(who));
        StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.25);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, annotatorColor(data.annotators(), (String) dataset.getSeriesKey(i)));
        }
        XYPlot plot = new XYPlot(dataset, dayAxis(byDay.keySet()), integerAxis("Sets handed in"), renderer);
        return finish(new JFreeChart("Throughput", JFreeChart.DEFAULT_TITLE_FONT, plot, true), "sets submitted per day, by annotator",
                byDay.isEmpty(), null);
    }

    /** Observed label shares against the expected ones. */
    public static JFreeChart labelDistribution(QualityData data) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        boolean several = data.labels().stream().map(LabelCount::modality).distinct().count() > 1;
        boolean anyExpected = data.labels().stream().anyMatch(LabelCount::hasExpected);
        boolean any = data.labels().stream().anyMatch(l -> l.count() > 0 || l.hasExpected());
        if (any) {
            for (LabelCount l : data.labels()) {
                String category = several ? l.label() + " (" + l.modality() + ")" : l.label();
                dataset.addValue(l.share(), "Observed", category);
                if (anyExpected) {
                    dataset.addValue(l.hasExpected() ? l.expectedShare() : null, "Expected", category);
                }
            }
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setSeriesPaint(0, PALETTE[0]);
        renderer.setSeriesPaint(1, new Color(0xBAB0AC));
        renderer.setItemMargin(0.05);
        NumberAxis y = new NumberAxis("Share of labelled annotations");
        y.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
        y.setUpperMargin(0.08);
        CategoryAxis x = categoryAxis(null);
        CategoryPlot plot = new CategoryPlot(dataset, x, y, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        int total = data.labels().stream().mapToInt(LabelCount::count).sum();
        String sub = String.format(Locale.ROOT, "%,d labelled annotations in handed-in sets%s%s", total,
                several ? ", share within each modality" : "", anyExpected ? ", against the expected shares" : "");
        return finish(new JFreeChart("Label distribution", JFreeChart.DEFAULT_TITLE_FONT, plot, anyExpected), sub, !any, renderer);
    }

    /** Review outcomes per day: accepted, rejected by reason, audited. */
    public static JFreeChart reviewOutcomes(QualityData data) {
        Set<String> reasons = new TreeSet<>();
        data.reviews().forEach(r -> reasons.addAll(r.rejected().keySet()));
        List<String> series = new ArrayList<>();
        series.add("Accepted");
        reasons.forEach(r -> series.add("Rejected: " + r));
        series.add("Audited");
        Map<LocalDate, Map<String, Integer>> byDay = new TreeMap<>();
        for (ReviewDay r : data.reviews()) {
            if (r.accepted() + r.rejectedTotal() + r.audited() == 0) {
                continue;
            }
            Map<String, Integer> day = byDay.computeIfAbsent(r.day(), d -> new TreeMap<>());
            day.merge("Accepted", r.accepted(), Integer::sum);
            r.rejected().forEach((reason, n) -> day.merge("Rejected: " + reason, n, Integer::sum));
            day.merge("Audited", r.audited(), Integer::sum);
        }
        TimeTableXYDataset dataset = dayTable(byDay, series);
        StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.25);
        for (int i = 0; i < series.size(); i++) {
            String row = series.get(i);
            Paint paint = row.equals("Accepted") ? ACCEPTED : row.equals("Audited") ? AUDITED : REJECTED[(i - 1) % REJECTED.length];
            renderer.setSeriesPaint(i, paint);
        }
        XYPlot plot = new XYPlot(dataset, dayAxis(byDay.keySet()), integerAxis("Sets"), renderer);
        return finish(new JFreeChart("Review outcomes", JFreeChart.DEFAULT_TITLE_FONT, plot, true),
                "accepted, rejected by reason and audited per day", byDay.isEmpty(), null);
    }

    /**
     * Counts per day and series as a table of calendar days (UTC, as the date axes show them); every
     * series gets a value on every day with data, so the stacks line up.
     */
    private static TimeTableXYDataset dayTable(Map<LocalDate, Map<String, Integer>> byDay, List<String> series) {
        TimeTableXYDataset dataset = new TimeTableXYDataset(UTC, Locale.ENGLISH);
        for (Map.Entry<LocalDate, Map<String, Integer>> e : byDay.entrySet()) {
            Day day = new Day(java.util.Date.from(e.getKey().atStartOfDay(ZoneOffset.UTC).toInstant()), UTC, Locale.ENGLISH);
            for (String key : series) {
                dataset.add(day, e.getValue().getOrDefault(key, 0), key, false);
            }
        }
        return dataset;
    }

    /** A day axis showing a week around the data when it spans less, so that one day is not one wall-wide bar. */
    private static DateAxis dayAxis(Set<LocalDate> days) {
        DateAxis x = dateAxis("Day");
        if (!days.isEmpty()) {
            LocalDate first = days.iterator().next();
            LocalDate last = first;
            for (LocalDate d : days) {
                last = d;
            }
            // a day's bar spans the day: a day of room each side keeps the first and last bars off the frame
            long span = java.time.temporal.ChronoUnit.DAYS.between(first, last);
            long pad = span < 7 ? Math.max(1, (7 - span) / 2) : 1;
            x.setRange(millis(first.minusDays(pad)), millis(last.plusDays(pad + 1)));
        }
        return x;
    }

    /** Applies Vellum's look, the subtitle and the empty state; returns the chart. */
    private static JFreeChart finish(JFreeChart chart, String subtitle, boolean empty, BarRenderer bars) {
        // A theme clears the series paints a renderer fills in itself; these charts set their own.
        org.jfree.chart.renderer.AbstractRenderer renderer = chart.getPlot() instanceof XYPlot xyp
                ? (org.jfree.chart.renderer.AbstractRenderer) xyp.getRenderer()
                : (org.jfree.chart.renderer.AbstractRenderer) ((CategoryPlot) chart.getPlot()).getRenderer();
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesFillPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setAutoPopulateSeriesShape(false);
        theme().apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 8, 6, 12));
        chart.getTitle().setPaint(TEXT);
        chart.getTitle().setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        chart.getTitle().setMargin(new RectangleInsets(2, 4, 0, 0));
        TextTitle sub = new TextTitle(subtitle, new Font(FONT, Font.PLAIN, 11));
        sub.setPaint(MUTED);
        sub.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        sub.setMargin(new RectangleInsets(0, 4, 6, 0));
        chart.addSubtitle(sub);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setVisible(!empty);
        }
        Plot plot = chart.getPlot();
        plot.setOutlineVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setNoDataMessage(NO_DATA);
        plot.setNoDataMessageFont(new Font(FONT, Font.PLAIN, 14));
        plot.setNoDataMessagePaint(MUTED);
        plot.setInsets(new RectangleInsets(4, 4, 4, 8));
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.setDomainGridlinesVisible(!empty);
            xy.setRangeGridlinesVisible(!empty);
            xy.setDomainGridlineStroke(new BasicStroke(1f));
            xy.setRangeGridlineStroke(new BasicStroke(1f));
            xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
            axes(xy.getDomainAxis(), empty);
            axes(xy.getRangeAxis(), empty);
        } else if (plot instanceof CategoryPlot cp) {
            cp.setDomainGridlinesVisible(false);
            cp.setRangeGridlinePaint(GRID);
            cp.setRangeGridlinesVisible(!empty);
            cp.setRangeZeroBaselineVisible(false);
            cp.setRangeGridlineStroke(new BasicStroke(1f));
            cp.setAxisOffset(RectangleInsets.ZERO_INSETS);
            axes(cp.getDomainAxis(), empty);
            axes(cp.getRangeAxis(), empty);
        }
        if (plot instanceof XYPlot xyp && xyp.getRenderer() instanceof XYBarRenderer xyBars) {
            xyBars.setBarPainter(new StandardXYBarPainter());
            xyp.setDomainGridlinesVisible(false); // bars stand on the days; vertical lines only clutter them
            xyBars.setShadowVisible(false);
            xyBars.setDrawBarOutline(false);
            xyBars.setDefaultToolTipGenerator(new org.jfree.chart.labels.StandardXYToolTipGenerator());
        }
        if (bars != null) {
            bars.setBarPainter(new StandardBarPainter());
            bars.setShadowVisible(false);
            bars.setDrawBarOutline(false);
            bars.setMaximumBarWidth(0.12);
            bars.setDefaultToolTipGenerator(new org.jfree.chart.labels.StandardCategoryToolTipGenerator());
        }
        return chart;
    }

    private static void axes(org.jfree.chart.axis.Axis axis, boolean empty) {
        axis.setVisible(!empty);
        axis.setAxisLinePaint(new Color(0xBBBBBB));
        axis.setTickMarkPaint(new Color(0xBBBBBB));
        axis.setLabelPaint(MUTED);
        axis.setTickLabelPaint(MUTED);
    }

    private static StandardChartTheme theme() {
        StandardChartTheme t = new StandardChartTheme("Vellum");
        t.setExtraLargeFont(new Font(FONT, Font.BOLD, 15));
        t.setLargeFont(new Font(FONT, Font.PLAIN, 12));
        t.setRegularFont(new Font(FONT, Font.PLAIN, 11));
        t.setSmallFont(new Font(FONT, Font.PLAIN, 10));
        t.setTitlePaint(TEXT);
        t.setSubtitlePaint(MUTED);
        t.setChartBackgroundPaint(Color.WHITE);
        t.setLegendBackgroundPaint(Color.WHITE);
        t.setLegendItemPaint(TEXT);
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setPlotOutlinePaint(Color.WHITE);
        t.setDomainGridlinePaint(GRID);
        t.setRangeGridlinePaint(GRID);
        t.setAxisLabelPaint(MUTED);
        t.setTickLabelPaint(MUTED);
        t.setShadowVisible(false);
        t.setBarPainter(new StandardBarPainter());
        t.setXYBarPainter(new StandardXYBarPainter());
        t.setAxisOffset(RectangleInsets.ZERO_INSETS);
        return t;
    }

    private static DateAxis dateAxis(String label) {
        DateAxis x = new DateAxis(label);
        // Days are calendar days; drawn in UTC so a day never shifts by the viewer's zone.
        x.setTimeZone(TimeZone.getTimeZone("UTC"));
        // Whole days at least: a chart of two days must not label six-hour ticks "2 Nov" four times.
        org.jfree.chart.axis.TickUnits units = new org.jfree.chart.axis.TickUnits();
        java.text.DateFormat dayMonth = utc(new java.text.SimpleDateFormat("d MMM", Locale.ENGLISH));
        java.text.DateFormat monthYear = utc(new java.text.SimpleDateFormat("MMM yyyy", Locale.ENGLISH));
        for (int days : new int[] {1, 2, 7, 14}) {
            units.add(new org.jfree.chart.axis.DateTickUnit(org.jfree.chart.axis.DateTickUnitType.DAY, days, dayMonth));
        }
        for (int months : new int[] {1, 3, 6, 12}) {
            units.add(new org.jfree.chart.axis.DateTickUnit(org.jfree.chart.axis.DateTickUnitType.MONTH, months, monthYear));
        }
        x.setStandardTickUnits(units);
        x.setLowerMargin(0.04);
        x.setUpperMargin(0.04);
        return x;
    }

    private static java.text.SimpleDateFormat utc(java.text.SimpleDateFormat f) {
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f;
    }

    private static CategoryAxis categoryAxis(String label) {
        CategoryAxis x = new CategoryAxis(label);
        x.setCategoryMargin(0.15);
        x.setLowerMargin(0.02);
        x.setUpperMargin(0.02);
        x.setMaximumCategoryLabelLines(2);
        x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        return x;
    }

    private static ValueAxis integerAxis(String label) {
        NumberAxis y = new NumberAxis(label);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setUpperMargin(0.08);
        return y;
    }

    private static double millis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f);
    }

    private static String percent(double v) {
        return Math.round(v * 1000) / 10.0 % 1 == 0 ? Math.round(v * 100) + "%" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    /** People's name of a measure id. */
    static String measureName(String id) {
        return switch (id) {
            case "alpha" -> "Krippendorff's alpha";
            case "fleiss" -> "Fleiss' kappa";
            case "cohen" -> "Cohen's kappa";
            default -> id;
        };
    }
}
