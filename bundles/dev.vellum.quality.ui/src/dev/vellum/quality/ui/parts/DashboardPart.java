package dev.vellum.quality.ui.parts;

import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.validation.Validator;
import dev.vellum.quality.report.ChartExport;
import dev.vellum.quality.report.Charts;
import dev.vellum.quality.report.QualityData;
import dev.vellum.quality.report.QualitySources;
import dev.vellum.quality.ui.viewers.ChartCanvas;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;

/**
 * The Quality Dashboard: agreement over time, gold accuracy per annotator, throughput, label
 * distribution and review outcomes for the open project, a strip naming annotators whose gold
 * accuracy is below the threshold, Refresh, and per chart Export PNG / Export SVG. The numbers are
 * collected in a background job; the UI thread only draws.
 */
public final class DashboardPart {
    /** The part's element id. */
    public static final String ID = "dev.vellum.quality.ui.part.dashboard";

    private static final int MIN_CELL_WIDTH = 420;
    private static final int MIN_CELL_HEIGHT = 280;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final AgreementRegistry agreements;
    private final Validator validator;
    private ProjectSession session;
    private Composite root;
    private Label status;
    private Button refresh;
    private Composite warnings;
    private Label warningText;
    private Label notesText;
    private ScrolledComposite scroller;
    private Composite grid;
    private final List<ChartCell> cells = new ArrayList<>();
    private Composite summary;
    private final java.util.Map<String, Label> summaryValues = new java.util.LinkedHashMap<>();
    private QualityData data;
    private Job job;
    private int generation;

    @Inject
    public DashboardPart(@Optional AgreementRegistry agreements, @Optional Validator validator) {
        this.agreements = agreements;
        this.validator = validator;
    }

    @PostConstruct
    void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayout rl = new GridLayout(1, false);
        rl.marginWidth = 0;
        rl.marginHeight = 0;
        rl.verticalSpacing = 0;
        root.setLayout(rl);
        root.setBackground(root.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        root.setBackgroundMode(SWT.INHERIT_FORCE);
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), root);

        Composite header = new Composite(root, SWT.NONE);
        GridLayout hl = new GridLayout(3, false);
        hl.marginWidth = 10;
        hl.marginHeight = 6;
        header.setLayout(hl);
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Label title = new Label(header, SWT.NONE);
        title.setText("Quality Dashboard");
        title.setFont(resources.create(FontDescriptor.createFrom(root.getFont()).setStyle(SWT.BOLD).increaseHeight(2)));
        status = new Label(header, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        refresh = new Button(header, SWT.PUSH);
        refresh.setText("&Refresh");
        refresh.setToolTipText("Collect the numbers again from the saved project");
        refresh.addListener(SWT.Selection, e -> refresh());

        warnings = new Composite(root, SWT.NONE);
        GridLayout wl = new GridLayout(1, false);
        wl.marginWidth = 10;
        wl.marginHeight = 5;
        warnings.setLayout(wl);
        GridData wd = new GridData(SWT.FILL, SWT.TOP, true, false);
        wd.exclude = true;
        warnings.setLayoutData(wd);
        warnings.setVisible(false);
        Color warningBackground = resources.create(org.eclipse.jface.resource.ColorDescriptor.createFrom(new RGB(0xFD, 0xEC, 0xEA)));
        warnings.setBackground(warningBackground);
        warningText = new Label(warnings, SWT.WRAP);
        warningText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        warningText.setBackground(warningBackground);
        warningText.setForeground(resources.create(org.eclipse.jface.resource.ColorDescriptor.createFrom(new RGB(0xA0, 0x2A, 0x1E))));

        notesText = new Label(root, SWT.WRAP);
        GridData nd = new GridData(SWT.FILL, SWT.TOP, true, false);
        nd.horizontalIndent = 10;
        nd.exclude = true;
        notesText.setLayoutData(nd);
        notesText.setVisible(false);
        notesText.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));

        Label line = new Label(root, SWT.SEPARATOR | SWT.HORIZONTAL);
        line.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        scroller = new ScrolledComposite(root, SWT.V_SCROLL);
        scroller.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        grid = new Composite(scroller, SWT.NONE);
        GridLayout gl = new GridLayout(3, true);
        gl.marginWidth = 8;
        gl.marginHeight = 8;
        gl.horizontalSpacing = 10;
        gl.verticalSpacing = 10;
        grid.setLayout(gl);
        scroller.setContent(grid);
        for (String id : Charts.IDS) {
            cells.add(new ChartCell(grid, id));
        }
        createSummary(resources);
        scroller.addListener(SWT.Resize, e -> layoutGrid());
        show(null);
        refresh();
    }

    /** Follows the open project: a new project is collected at once. */
    @Inject
    void setSession(@Optional ProjectSession newSession) {
        if (newSession == session) {
            return;
        }
        session = newSession;
        if (root != null && !root.isDisposed()) {
            refresh();
        }
    }

    /** Collects the numbers again in the background; the charts update when done. */
    public void refresh() {
        if (root == null || root.isDisposed()) {
            return;
        }
        if (job != null) {
            job.cancel();
        }
        ProjectSession s = session;
        int mine = ++generation;
        if (s == null) {
            status.setText("No project open");
            show(null);
            return;
        }
        status.setText("Collecting\u2026");
        refresh.setEnabled(false);
        var display = root.getDisplay();
        job = Job.create("Collecting quality numbers", (IProgressMonitor monitor) -> {
            try {
                QualityData collected = QualitySources.collect(s.stored(), agreements, validator, null, null, ZoneId.systemDefault(),
                        progress(monitor));
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                display.asyncExec(() -> {
                    if (mine == generation && !root.isDisposed()) {
                        show(collected);
                        status.setText(String.format(Locale.ROOT, "%s \u00b7 %d items \u00b7 collected %s", collected.projectName(),
                                s.stored().project().itemCount(), TIME.format(java.time.LocalTime.now())));
                        refresh.setEnabled(true);
                    }
                });
                return Status.OK_STATUS;
            } catch (Exception | LinkageError e) {
                ILog.of(DashboardPart.class).error("cannot collect the quality numbers", e);
                display.asyncExec(() -> {
                    if (mine == generation && !root.isDisposed()) {
                        status.setText("Could not collect the numbers: " + e.getMessage());
                        refresh.setEnabled(true);
                    }
                });
                return Status.error("cannot collect the quality numbers: " + e.getMessage(), e);
            }
        });
        job.setUser(false);
        job.setPriority(Job.LONG);
        job.schedule();
    }

    /** Shows {@code numbers} (null: the charts' empty state). */
    public void show(QualityData numbers) {
        this.data = numbers;
        QualityData d = numbers != null ? numbers : new QualityData("", java.time.Instant.now(), null, null, List.of(), List.of(), List.of(),
                List.of(), null, List.of(), List.of(), Double.NaN, List.of(), -1, List.of());
        for (ChartCell cell : cells) {
            cell.canvas.setChart(Charts.chart(cell.id, d));
        }
        updateSummary(d);
        boolean warn = !d.goldWarnings().isEmpty();
        if (warn) {
            StringBuilder b = new StringBuilder("\u26a0 Gold accuracy below the threshold: ");
            for (int i = 0; i < d.goldWarnings().size(); i++) {
                QualityData.GoldWarning w = d.goldWarnings().get(i);
                b.append(i == 0 ? "" : ", ").append(w.annotator()).append(String.format(Locale.ROOT, " %.0f%% (%d/%d)", w.accuracy() * 100,
                        w.correct(), w.total()));
            }
            b.append(String.format(Locale.ROOT, "; threshold %.0f%%", d.goldThreshold() * 100));
            warningText.setText(b.toString());
        }
        warnings.setVisible(warn);
        ((GridData) warnings.getLayoutData()).exclude = !warn;
        boolean notes = !d.notes().isEmpty();
        notesText.setText(String.join("  ", d.notes()));
        notesText.setVisible(notes);
        ((GridData) notesText.getLayoutData()).exclude = !notes;
        root.layout(true, true);
        layoutGrid();
    }

    /** Columns and cell heights for the space there is: three across when wide, one when narrow. */
    private void layoutGrid() {
        Rectangle area = scroller.getClientArea();
        if (area.width <= 0) {
            return;
        }
        int columns = Math.max(1, Math.min(3, area.width / MIN_CELL_WIDTH));
        int rows = (cells.size() + columns - 1) / columns;
        GridLayout gl = (GridLayout) grid.getLayout();
        int cellHeight = Math.max(MIN_CELL_HEIGHT, (area.height - 2 * gl.marginHeight - (rows - 1) * gl.verticalSpacing) / rows);
        if (gl.numColumns != columns) {
            gl.numColumns = columns;
        }
        for (ChartCell cell : cells) {
            ((GridData) cell.root.getLayoutData()).heightHint = cellHeight;
        }
        ((GridData) summary.getLayoutData()).heightHint = cellHeight;
        grid.layout(true, true);
        scroller.setMinSize(grid.computeSize(area.width, SWT.DEFAULT));
    }

    /** The sixth cell: the numbers a lead asks first, in words. */
    private void createSummary(LocalResourceManager resources) {
        summary = new Composite(grid, SWT.BORDER);
        GridLayout l = new GridLayout(2, false);
        l.marginWidth = 14;
        l.marginHeight = 12;
        l.horizontalSpacing = 16;
        l.verticalSpacing = 7;
        summary.setLayout(l);
        GridData d = new GridData(SWT.FILL, SWT.FILL, true, false);
        d.widthHint = 200;
        d.heightHint = MIN_CELL_HEIGHT;
        summary.setLayoutData(d);
        Label title = new Label(summary, SWT.NONE);
        title.setText("Summary");
        title.setFont(resources.create(FontDescriptor.createFrom(root.getFont()).setStyle(SWT.BOLD).increaseHeight(1)));
        GridData td = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        td.verticalIndent = 0;
        title.setLayoutData(td);
        for (String name : List.of("Period", "Annotators", "Sets handed in", "Accepted", "Rejected", "Audited", "Agreement", "Gold warnings",
                "Validation findings")) {
            Label n = new Label(summary, SWT.NONE);
            n.setText(name);
            n.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            Label v = new Label(summary, SWT.WRAP);
            v.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
            summaryValues.put(name, v);
        }
    }

    private void updateSummary(QualityData d) {
        int handedIn = d.throughput().stream().mapToInt(QualityData.Throughput::submitted).sum();
        int accepted = d.reviews().stream().mapToInt(QualityData.ReviewDay::accepted).sum();
        int rejected = d.reviews().stream().mapToInt(QualityData.ReviewDay::rejectedTotal).sum();
        int audited = d.reviews().stream().mapToInt(QualityData.ReviewDay::audited).sum();
        summaryValues.get("Period").setText(d.from() == null && d.to() == null ? "all time"
                : (d.from() == null ? "start" : d.from().toString()) + " to " + (d.to() == null ? "today" : d.to().toString()));
        summaryValues.get("Annotators").setText(d.annotators().isEmpty() ? "none yet" : String.join(", ", d.annotators()));
        summaryValues.get("Sets handed in").setText(String.format(Locale.ROOT, "%,d", handedIn));
        summaryValues.get("Accepted").setText(String.format(Locale.ROOT, "%,d", accepted));
        summaryValues.get("Rejected").setText(String.format(Locale.ROOT, "%,d", rejected));
        summaryValues.get("Audited").setText(String.format(Locale.ROOT, "%,d", audited));
        QualityData.AgreementSummary a = d.agreement();
        summaryValues.get("Agreement").setText(a == null || Double.isNaN(a.overall().value()) ? "not available"
                : String.format(Locale.ROOT, "%.3f%s over %,d units", a.overall().value(),
                        Double.isNaN(a.overall().ciLow()) ? "" : String.format(Locale.ROOT, " [%.2f, %.2f]", a.overall().ciLow(), a.overall().ciHigh()),
                        a.units()));
        summaryValues.get("Gold warnings").setText(d.goldWarnings().isEmpty() ? "none"
                : String.join(", ", d.goldWarnings().stream().map(QualityData.GoldWarning::annotator).toList()));
        summaryValues.get("Validation findings").setText(d.validationFindings() < 0 ? "not run" : String.format(Locale.ROOT, "%,d",
                d.validationFindings()));
    }

    /** The summary cell's value for {@code name} (for tests). */
    public String summary(String name) {
        return summaryValues.get(name).getText();
    }

    @Focus
    void focus() {
        refresh.setFocus();
    }

    @PreDestroy
    void dispose() {
        if (job != null) {
            job.cancel();
        }
    }

    /** The numbers shown, or null while none were collected. */
    public QualityData data() {
        return data;
    }

    /** The chart canvases, in {@link Charts#IDS} order (for tests). */
    public List<ChartCanvas> canvases() {
        return cells.stream().map(c -> c.canvas).toList();
    }

    /** The warnings strip's text when it shows, else null (for tests). */
    public String warning() {
        return warnings.isVisible() ? warningText.getText() : null;
    }

    /**
     * Exports the chart with id {@code chartId} at its size on screen: PNG at twice that for sharp
     * print, SVG at that size.
     *
     * @throws java.io.IOException naming the file
     */
    public void export(String chartId, String format, Path file) throws java.io.IOException {
        ChartCell cell = cells.stream().filter(c -> c.id.equals(chartId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no chart '" + chartId + "'"));
        Rectangle size = cell.canvas.getClientArea();
        int w = Math.max(size.width, 200);
        int h = Math.max(size.height, 150);
        if (format.equals("svg")) {
            ChartExport.writeSvg(cell.canvas.getChart(), file, w, h);
        } else {
            ChartExport.writePng(cell.canvas.getChart(), file, w, h, 2);
        }
    }

    private static Progress progress(IProgressMonitor monitor) {
        return new Progress() {
            @Override
            public void begin(String task, int totalWork) {
                monitor.beginTask(task, totalWork <= 0 ? IProgressMonitor.UNKNOWN : totalWork);
            }

            @Override
            public void worked(int work) {
                monitor.worked(work);
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }
        };
    }

    /** One chart with its export links. */
    private final class ChartCell {
        final String id;
        final Composite root;
        final ChartCanvas canvas;

        ChartCell(Composite parent, String id) {
            this.id = id;
            root = new Composite(parent, SWT.BORDER);
            GridLayout l = new GridLayout(1, false);
            l.marginWidth = 0;
            l.marginHeight = 0;
            l.verticalSpacing = 0;
            root.setLayout(l);
            GridData d = new GridData(SWT.FILL, SWT.FILL, true, false);
            d.widthHint = 200; // share the row equally, whatever the chart would like
            d.heightHint = MIN_CELL_HEIGHT;
            root.setLayoutData(d);
            canvas = new ChartCanvas(root);
            canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
            Link links = new Link(root, SWT.NONE);
            links.setText("<a href=\"png\">Export PNG\u2026</a>    <a href=\"svg\">Export SVG\u2026</a>");
            GridData ld = new GridData(SWT.END, SWT.CENTER, true, false);
            ld.horizontalIndent = 8;
            ld.verticalIndent = 2;
            links.setLayoutData(ld);
            links.addListener(SWT.Selection, e -> exportWithDialog(e.text));
            ((GridLayout) root.getLayout()).marginBottom = 4;
            ((GridLayout) root.getLayout()).marginRight = 8;
        }

        private void exportWithDialog(String format) {
            FileDialog dialog = new FileDialog(root.getShell(), SWT.SAVE);
            dialog.setText("Export " + canvas.getChart().getTitle().getText() + " as " + format.toUpperCase(Locale.ROOT));
            dialog.setFilterExtensions(new String[] {"*." + format});
            dialog.setFilterNames(new String[] {format.toUpperCase(Locale.ROOT) + " image (*." + format + ")"});
            dialog.setFileName(id + "." + format);
            dialog.setOverwrite(true);
            String chosen = dialog.open();
            if (chosen == null) {
                return;
            }
            Path file = Path.of(chosen.endsWith("." + format) ? chosen : chosen + "." + format);
            try {
                export(id, format, file);
            } catch (java.io.IOException | RuntimeException ex) {
                MessageDialog.openError(root.getShell(), "Export failed", ex.getMessage());
            }
        }
    }
}
