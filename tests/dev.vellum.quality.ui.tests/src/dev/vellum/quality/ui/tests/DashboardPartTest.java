package dev.vellum.quality.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.report.Charts;
import dev.vellum.quality.report.QualityData;
import dev.vellum.quality.ui.parts.DashboardPart;
import dev.vellum.quality.ui.viewers.ChartCanvas;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Quality Dashboard on a small project, as the workbench would make it. */
class DashboardPartTest {
    @TempDir
    Path tmp;

    private final Display display = Display.getDefault();
    private Shell shell;
    private StoredProject stored;

    @AfterEach
    void close() throws Exception {
        if (shell != null) {
            shell.dispose();
        }
        spin();
        if (stored != null) {
            stored.close();
        }
    }

    private DashboardPart open() throws Exception {
        stored = new FolderProjectStore().create(tmp.resolve("p").toString(), "dash", "Dash UI");
        Instant nov2 = Instant.parse("2026-11-02T10:00:00Z");
        Instant nov3 = Instant.parse("2026-11-03T10:00:00Z");
        stored.saveItem(item("i1", set("alice", AnnotationState.ACCEPTED, nov2, "car", "person"), set("bob", AnnotationState.SUBMITTED, nov3, "car")));
        stored.saveItem(item("i2", set("bob", AnnotationState.REJECTED, nov3, "car")));
        shell = new Shell(display);
        shell.setSize(1440, 900);
        shell.setLayout(new FillLayout());
        IEclipseContext context = EclipseContextFactory.create("dashboard-test");
        context.set(Composite.class, shell);
        context.set(ProjectSession.class, new ProjectSession(stored, "rita"));
        context.set(AgreementRegistry.class, new AgreementRegistry());
        shell.open();
        DashboardPart part = ContextInjectionFactory.make(DashboardPart.class, context);
        shell.layout(true, true);
        waitFor(() -> part.data() != null, 20_000);
        assertNotNull(part.data(), "the numbers were not collected in time");
        waitFor(() -> part.canvases().stream().allMatch(c -> c.getImage() != null), 5_000);
        return part;
    }

    @Test
    void opensWithFiveChartsDrawnFromTheProject() throws Exception {
        DashboardPart part = open();
        List<ChartCanvas> canvases = part.canvases();
        assertEquals(5, canvases.size());
        List<String> titles = new ArrayList<>();
        for (ChartCanvas c : canvases) {
            titles.add(c.getChart().getTitle().getText());
            Rectangle r = c.getBounds();
            assertTrue(r.width >= 400 && r.height >= 250, "chart too small: " + r);
            assertNotNull(c.getImage(), "not drawn: " + c.getChart().getTitle().getText());
            ImageData img = c.getImage().getImageData();
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.height; y += 3) {
                for (int x = 0; x < img.width; x += 3) {
                    colours.add(img.getPixel(x, y));
                }
            }
            assertTrue(colours.size() > 3, "blank chart: " + c.getChart().getTitle().getText());
        }
        assertEquals(List.of("Agreement over time", "Gold accuracy", "Throughput", "Label distribution", "Review outcomes"), titles);
        // three across on a wide screen: the first three share a row
        assertEquals(canvases.get(0).toDisplay(0, 0).y, canvases.get(2).toDisplay(0, 0).y);
        QualityData d = part.data();
        assertEquals(List.of("alice", "bob"), d.annotators());
        var throughput = canvases.get(Charts.IDS.indexOf("throughput")).getChart().getXYPlot().getDataset();
        assertEquals(2, throughput.getSeriesCount());
        assertEquals("alice", throughput.getSeriesKey(0));
        assertEquals("bob", throughput.getSeriesKey(1));
        assertNull(part.warning(), "no gold, no warning");
        // alice's accepted set on 2 Nov and bob's submitted one on 3 Nov; bob's rejected set is not handed in
        assertEquals("2", part.summary("Sets handed in"));
        assertEquals("1", part.summary("Accepted"));
        assertEquals("1", part.summary("Rejected"));
        assertEquals("alice, bob", part.summary("Annotators"));
    }

    @Test
    void goldBelowTheThresholdShowsInTheWarningsStrip() throws Exception {
        DashboardPart part = open();
        QualityData d = part.data();
        part.show(new QualityData(d.projectName(), d.generated(), null, null, d.annotators(), d.throughput(), d.labels(), d.reviews(), null,
                List.of(), List.of(new QualityData.GoldPoint("bob", LocalDate.of(2026, 11, 3), 3, 5)), 0.8,
                List.of(new QualityData.GoldWarning("bob", 0.6, 3, 5, 0.8)), -1, List.of()));
        spin();
        String warning = part.warning();
        assertNotNull(warning);
        assertTrue(warning.contains("bob 60% (3/5)") && warning.contains("threshold 80%"), warning);
    }

    @Test
    void exportsTheChartShownAsPngAndSvg() throws Exception {
        DashboardPart part = open();
        ChartCanvas canvas = part.canvases().get(Charts.IDS.indexOf("reviews"));
        Path png = tmp.resolve("exports/reviews.png");
        part.export("reviews", "png", png);
        // the PNG's header holds its size (ImageIO and XML parsing are tested in dev.vellum.quality.tests)
        byte[] bytes = java.nio.file.Files.readAllBytes(png);
        assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(bytes, 16, 8);
        assertEquals(canvas.getClientArea().width * 2, header.getInt());
        assertEquals(canvas.getClientArea().height * 2, header.getInt());
        Path svg = tmp.resolve("exports/reviews.svg");
        part.export("reviews", "svg", svg);
        String text = java.nio.file.Files.readString(svg);
        assertTrue(text.contains("<svg ") && text.contains(">Review outcomes<") && text.strip().endsWith("</svg>"), text.substring(0, 200));
    }

    private static Item item(String id, AnnotationSet... sets) {
        return new Item(id, "", List.of(new Asset("media/" + id + ".png", "image", "", Map.of())), Map.of(), List.of(), List.of(sets));
    }

    private static AnnotationSet set(String annotator, AnnotationState state, Instant t, String... labels) {
        List<Annotation> as = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            as.add(new Annotation("a" + i, "image.tag", labels[i], Map.of(), 1, Map.of(), Provenance.HUMAN, annotator, t, t));
        }
        return new AnnotationSet(annotator, state, 0, t, t, as);
    }

    private void spin() {
        while (display.readAndDispatch()) {
            // drain
        }
    }

    private void waitFor(BooleanSupplier done, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
