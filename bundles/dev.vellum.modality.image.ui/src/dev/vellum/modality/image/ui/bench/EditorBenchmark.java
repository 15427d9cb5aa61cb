package dev.vellum.modality.image.ui.bench;

import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Progress;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.KeypointTemplate;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.raster.RasterImages;
import dev.vellum.modality.image.raster.TiledImage;
import dev.vellum.modality.image.raster.bench.RasterBenchmark;
import dev.vellum.modality.image.ui.internal.Figure;
import dev.vellum.modality.image.ui.internal.Geometry;
import dev.vellum.modality.image.ui.viewers.CanvasHost;
import dev.vellum.modality.image.ui.viewers.ImageCanvas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * The image editor's benchmark: a 20000 x 20000 image (pyramid built beforehand) with 10,000 boxes
 * and 2,000 polygons of 50 vertices in a 1440 x 900 canvas. Measures the first view after opening,
 * repaints while panning and zooming, repaints while dragging one vertex, and hit tests. Run by
 * {@code releng/scripts/bench-editor} on the built product's jars (needs a display, e.g. Xvfb).
 * <p>
 * Arguments: {@code image.tif cacheFolder [boxes polygons]}.
 */
public final class EditorBenchmark {
    private EditorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        int boxes = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int polygons = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        if (!Files.exists(image)) {
            long t = System.nanoTime();
            RasterBenchmark.writePatternTiff(image, 20_000, 20_000);
            System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", image, (System.nanoTime() - t) / 1e9);
        }
        if (!RasterImages.hasPyramid(image, 0, cache)) {
            long t = System.nanoTime();
            RasterImages.open(image, 0, cache, Progress.NONE).close();
            System.out.printf(Locale.ROOT, "pyramid built in %.1f s%n", (System.nanoTime() - t) / 1e9);
        }
        Item item = item(image, boxes, polygons);
        Display display = new Display();
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        Host host = new Host();
        ImageCanvas canvas = new ImageCanvas(shell, host);
        shell.setSize(1440, 900);
        shell.open();
        spin(display);

        // first view: open the (already built) pyramid, show the item, fetch the visible tiles, paint
        long t0 = System.nanoTime();
        TiledImage tiled = RasterImages.open(image, 0, cache, Progress.NONE);
        canvas.setImage(tiled);
        canvas.setItem(item, List.of("alice"));
        canvas.fit();
        canvas.loadVisibleTiles();
        long paint = canvas.paintOffscreen(true);
        double firstView = (System.nanoTime() - t0) / 1e6;
        System.out.printf(Locale.ROOT, "first view after open: %.0f ms (of which the paint %.1f ms), %d figures%n", firstView, paint / 1e6,
                canvas.scene().size());

        // pan and zoom: each step changes the view and repaints everything (tiles already fetched)
        Random random = new Random(7);
        List<Double> pans = new ArrayList<>();
        List<Double> zooms = new ArrayList<>();
        List<Double> previews = new ArrayList<>();
        List<Double> fetch = new ArrayList<>();
        double[] scales = {canvas.viewport().scale(), 0.1, 0.25, 0.5, 1, 2};
        for (int i = 0; i < 240; i++) {
            boolean zoom = i % 20 == 0 || i % 20 == 10;
            if (i % 20 == 0) {
                canvas.viewport().zoomTo(scales[i / 20 % scales.length], 720, 450);
                canvas.viewport().centreOn(random.nextInt(20_000), random.nextInt(20_000));
            } else if (zoom) {
                // what a wheel notch costs while the user keeps zooming, then the settled frame
                canvas.paintOffscreen(false);
                canvas.zoomInteractively(1.2, random.nextInt(1440), random.nextInt(900));
                previews.add(canvas.paintOffscreen(false) / 1e6);
                canvas.settleZoom();
            } else {
                canvas.viewport().panBy(random.nextInt(81) - 40, random.nextInt(81) - 40);
            }
            long f0 = System.nanoTime();
            canvas.loadVisibleTiles();
            fetch.add((System.nanoTime() - f0) / 1e6);
            (zoom ? zooms : pans).add(canvas.paintOffscreen(zoom) / 1e6);
        }
        List<Double> both = new ArrayList<>(pans);
        both.addAll(zooms);
        report("pan/zoom repaint (all steps)", both);
        report("  pan steps (drag by up to 40 px)", pans);
        report("  zoom steps, settled (full repaint)", zooms);
        report("  zoom steps while zooming (the last frame scaled)", previews);
        report("  tile fetch for the new view (background thread in the editor)", fetch);
        List<Double> atFit = new ArrayList<>();
        canvas.fit();
        canvas.loadVisibleTiles();
        List<Double> panAtFit = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            canvas.viewport().panBy(i % 2 == 0 ? 3 : -3, 0);
            atFit.add(canvas.paintOffscreen(true) / 1e6);
        }
        for (int i = 0; i < 30; i++) {
            canvas.viewport().panBy(i % 2 == 0 ? 12 : -12, i % 3 - 1);
            panAtFit.add(canvas.paintOffscreen(false) / 1e6);
        }
        report("full repaint at fit zoom, all 12,000 shapes in view", atFit);
        report("pan at fit zoom, all 12,000 shapes in view", panAtFit);

        // drag one vertex of a polygon at 1:1: only the overlay repaints
        Figure polygon = canvas.scene().all().stream().filter(f -> f.shape() instanceof Polygon).findFirst().orElseThrow();
        canvas.viewport().zoomTo(1, 720, 450);
        double[] h = Geometry.handles(polygon.shape(), 0);
        canvas.viewport().centreOn(h[0], h[1]);
        canvas.loadVisibleTiles();
        canvas.paintOffscreen(true);
        canvas.select(List.of(polygon.key()), false);
        canvas.paintOffscreen(true);
        int vx = (int) Math.round(canvas.viewport().toViewX(h[0])), vy = (int) Math.round(canvas.viewport().toViewY(h[1]));
        canvas.mouse(SWT.MouseDown, vx, vy, 1, 0);
        List<Double> dragging = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            canvas.mouse(SWT.MouseMove, vx + i % 40, vy + i / 3, 1, 0);
            dragging.add(canvas.paintOffscreen(false) / 1e6);
        }
        canvas.mouse(SWT.MouseUp, vx + 10, vy + 10, 1, 0);
        report("vertex drag repaint", dragging);
        System.out.println("  edits committed by the drag: " + host.edits);

        // hit tests at random points
        List<Double> hits = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < 10_000; i++) {
            double x = random.nextDouble() * 20_000, y = random.nextDouble() * 20_000;
            long p0 = System.nanoTime();
            Figure f = canvas.scene().pick(x, y, 3, null);
            hits.add((System.nanoTime() - p0) / 1e3);
            found += f == null ? 0 : 1;
        }
        double[] h2 = hits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "hit test: median %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us (%d samples)%n", h2[h2.length / 2],
                h2[(int) (h2.length * 0.9)], h2[(int) (h2.length * 0.99)], h2[h2.length - 1], h2.length);
        System.out.println("  hits that found a shape: " + found + " of 10000");
        tiled.close();
        shell.dispose();
        display.dispose();
    }

    private static Item item(Path image, int boxes, int polygons) {
        Random r = new Random(42);
        List<Annotation> all = new ArrayList<>(boxes + polygons);
        for (int i = 0; i < boxes; i++) {
            double w = 20 + r.nextInt(200), hgt = 20 + r.nextInt(200);
            all.add(Annotation.create("b" + i, BoundingBox.TYPE, i % 3 == 0 ? "car" : "person",
                    new BoundingBox(r.nextDouble() * (20_000 - w), r.nextDouble() * (20_000 - hgt), w, hgt).toPayload(), "alice"));
        }
        for (int i = 0; i < polygons; i++) {
            double cx = 300 + r.nextDouble() * 19_400, cy = 300 + r.nextDouble() * 19_400, radius = 40 + r.nextInt(200);
            List<Double> pts = new ArrayList<>();
            for (int k = 0; k < 50; k++) {
                double a = 2 * Math.PI * k / 50, rr = radius * (0.8 + 0.2 * Math.sin(5 * a));
                pts.add(cx + rr * Math.cos(a));
                pts.add(cy + rr * Math.sin(a));
            }
            all.add(Annotation.create("p" + i, Polygon.TYPE, "building", new Polygon(pts).toPayload(), "alice"));
        }
        AnnotationSet set = new AnnotationSet("alice", AnnotationState.IN_PROGRESS, 0, Instant.EPOCH, Instant.EPOCH, all);
        return new Item("big", "", List.of(new Asset(image.toUri().toString(), "image", "", Map.of())), Map.of(), List.of(), List.of(set));
    }

    private static void report(String what, List<Double> ms) {
        double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s: median %.2f ms, p90 %.2f ms, max %.2f ms (%d samples)%n", what, a[a.length / 2],
                a[(int) (a.length * 0.9)], a[a.length - 1], a.length);
    }

    private static void spin(Display display) {
        while (display.readAndDispatch()) {
            // drain
        }
    }

    /** A host that records edits instead of applying them. */
    private static final class Host implements CanvasHost {
        int edits;

        @Override
        public String itemId() {
            return "big";
        }

        @Override
        public String user() {
            return "alice";
        }

        @Override
        public int guidelineVersion() {
            return 0;
        }

        @Override
        public String activeAnnotator() {
            return "alice";
        }

        @Override
        public String currentLabel() {
            return "car";
        }

        @Override
        public RGB color(String label) {
            return switch (label) {
                case "car" -> new RGB(0xe6, 0x19, 0x4b);
                case "person" -> new RGB(0x3c, 0xb4, 0x4b);
                default -> new RGB(0x91, 0x1e, 0xb4);
            };
        }

        @Override
        public KeypointTemplate template(String label) {
            return KeypointTemplate.COCO_PERSON;
        }

        @Override
        public boolean execute(EditCommand command) {
            edits++;
            return true;
        }

        @Override
        public void selectionChanged(List<Figure> selected) {
        }

        @Override
        public boolean keyPressed(int keyCode, int stateMask, char character) {
            return false;
        }

        @Override
        public void status(String text) {
        }
    }
}
