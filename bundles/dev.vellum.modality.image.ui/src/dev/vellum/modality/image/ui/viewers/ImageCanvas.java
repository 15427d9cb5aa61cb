package dev.vellum.modality.image.ui.viewers;

import dev.vellum.core.edit.AddAnnotation;
import dev.vellum.core.edit.CompoundEdit;
import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.edit.RemoveAnnotation;
import dev.vellum.core.edit.ReplaceAnnotation;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Ids;
import dev.vellum.core.model.Item;
import dev.vellum.modality.image.codec.CocoRle;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.KeypointTemplate;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.model.Tag;
import dev.vellum.modality.image.raster.TiledImage;
import dev.vellum.modality.image.raster.Window;
import dev.vellum.modality.image.ui.internal.Figure;
import dev.vellum.modality.image.ui.internal.Geometry;
import dev.vellum.modality.image.ui.internal.Scene;
import dev.vellum.modality.image.ui.internal.Viewport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Path;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * Shows an image with the figures of an item and edits them with the mouse and the keyboard.
 * <p>
 * Painting is in two layers: a cached base image holds the tiles and every figure that is not
 * selected, and is redrawn only when the view, the item or the tiles change; the selection, its
 * handles, what is being drawn and the crosshair are painted over it on every repaint, so dragging
 * a vertex or moving the mouse repaints without touching the thousands of other figures. Only
 * figures inside the view are drawn, found through the scene's spatial index.
 */
public final class ImageCanvas extends Canvas {
    /** The tools, with the key that chooses each. */
    public enum Tool {
        SELECT('v', "Select", "Select"), BOX('b', "Box", "Box"), ROTATED_BOX('r', "Rotated box", "Rotated"),
        POLYGON('p', "Polygon", "Polygon"), POLYLINE('l', "Polyline", "Line"), KEYPOINTS('k', "Keypoints", "Points"),
        BRUSH('m', "Mask brush", "Brush"), ERASER('e', "Mask eraser", "Eraser");

        /** The key that chooses the tool. */
        public final char key;
        /** Words for people. */
        public final String title;
        /** A short name for the tool bar. */
        public final String shortTitle;

        Tool(char key, String title, String shortTitle) {
            this.key = key;
            this.title = title;
            this.shortTitle = shortTitle;
        }
    }

    private enum Drag {
        NONE, PAN, MOVE, HANDLE, RUBBER, BOX, BRUSH
    }

    private static final int HANDLE = 7;
    private static final int PICK_TOLERANCE = 5;
    private static final int MAX_MASK_PIXELS = 64 << 20;
    private static final int PAINT_SAMPLES = 512;

    private final CanvasHost host;
    private final Viewport viewport = new Viewport();
    private final Map<String, Color> colors = new HashMap<>();
    private final Map<Figure, Image> maskImages = new IdentityHashMap<>();
    private final LinkedHashSet<String> selected = new LinkedHashSet<>();
    private final Map<String, Shape> preview = new LinkedHashMap<>();
    private final long[] paintNanos = new long[PAINT_SAMPLES];
    private int paintCount;

    private TiledImage image;
    private TileCache tiles;
    private Scene scene = new Scene(1, 1);
    private Window window;
    private Tool tool = Tool.SELECT;
    private Image base;
    private Image spare;
    private boolean zooming;
    private final Runnable settleZoom = () -> {
        if (zooming && !isDisposed()) {
            zooming = false;
            invalidate();
        }
    };
    private boolean baseDirty = true;
    private double baseScale = Double.NaN, baseOriginX, baseOriginY;
    private Rectangle dirtyRegion;
    private String problem;

    private Drag drag = Drag.NONE;
    private double pressX, pressY, lastX, lastY;
    private int pressViewX, pressViewY;
    private Figure handleFigure;
    private int handleIndex;
    private final List<Double> drawing = new ArrayList<>();
    private KeypointTemplate drawingTemplate;
    private String drawingBox = "";
    private boolean[] brushBits;
    private Figure brushTarget;
    private Image brushImage;
    private int brushRadius = 8;
    private boolean spaceDown;
    private int mouseX = -1, mouseY = -1;
    private boolean mouseInside;
    private boolean fitted = true;

    public ImageCanvas(Composite parent, CanvasHost host) {
        super(parent, SWT.NO_BACKGROUND | SWT.NO_REDRAW_RESIZE);
        this.host = host;
        addListener(SWT.Paint, e -> paint(e.gc));
        addListener(SWT.Resize, e -> {
            Rectangle r = getClientArea();
            viewport.setViewSize(r.width, r.height);
            if (fitted && image != null) {
                // still showing the whole image: keep showing all of it in the new size
                viewport.fit(image.width(), image.height());
            }
            invalidate();
            describe();
        });
        addListener(SWT.MouseDown, e -> mouseDown(e));
        addListener(SWT.MouseMove, e -> mouseMove(e));
        addListener(SWT.MouseUp, e -> mouseUp(e));
        addListener(SWT.MouseDoubleClick, e -> doubleClick(e));
        addListener(SWT.MouseVerticalWheel, this::wheel);
        addListener(SWT.MouseEnter, e -> mouseInside = true);
        addListener(SWT.MouseExit, e -> {
            mouseInside = false;
            redraw();
        });
        addListener(SWT.KeyDown, this::keyDown);
        addListener(SWT.KeyUp, e -> {
            if (e.character == ' ') {
                spaceDown = false;
            }
        });
        // arrows, Tab and Enter reach the canvas instead of moving the focus away
        addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_TAB_NEXT || e.detail == SWT.TRAVERSE_TAB_PREVIOUS || e.detail == SWT.TRAVERSE_RETURN
                    || e.detail == SWT.TRAVERSE_ARROW_NEXT || e.detail == SWT.TRAVERSE_ARROW_PREVIOUS) {
                e.doit = false;
            }
        });
        addListener(SWT.Dispose, e -> disposeResources());
    }

    // ---------------------------------------------------------------- state

    /** Shows an image (the canvas does not own it; the caller closes it). Fits it into the view. */
    public void setImage(TiledImage newImage) {
        if (tiles != null) {
            tiles.dispose();
        }
        image = newImage;
        problem = null;
        tiles = newImage == null ? null : new TileCache(getDisplay(), newImage, this::tileArrived, m -> {
            problem = m;
            invalidate();
        });
        // 16-bit samples need a window to be seen at all; 8-bit ones show as stored until the user sets one
        window = newImage != null && newImage.info().isHighBitDepth() ? newImage.defaultWindow() : null;
        scene = newImage == null ? new Scene(1, 1) : new Scene(newImage.width(), newImage.height());
        maskImages.values().forEach(Image::dispose);
        maskImages.clear();
        selected.clear();
        fit();
    }

    public TiledImage image() {
        return image;
    }

    /** Shows the sets of {@code annotators} of {@code item}; the selection keeps what still exists. */
    public void setItem(Item item, Collection<String> annotators) {
        if (!scene.update(item, annotators)) {
            return;
        }
        maskImages.entrySet().removeIf(e -> {
            if (scene.get(e.getKey().key()) != e.getKey()) {
                e.getValue().dispose();
                return true;
            }
            return false;
        });
        boolean lost = selected.removeIf(k -> scene.get(k) == null);
        preview.clear();
        invalidate();
        if (lost) {
            host.selectionChanged(selection());
        }
    }

    public Scene scene() {
        return scene;
    }

    public Viewport viewport() {
        return viewport;
    }

    public Tool tool() {
        return tool;
    }

    /** Chooses a tool; anything being drawn is dropped. */
    public void setTool(Tool newTool) {
        cancelDrawing();
        tool = newTool;
        host.toolChanged(newTool);
        setCursor(getDisplay().getSystemCursor(newTool == Tool.SELECT ? SWT.CURSOR_ARROW : SWT.CURSOR_CROSS));
        describe();
        redraw();
    }

    /** The window/level for high-bit-depth images. */
    public Window window() {
        return window;
    }

    public void setWindow(Window w) {
        window = w;
        if (tiles != null) {
            tiles.clear();
        }
        invalidate();
    }

    /** The selected figures, in selection order. */
    public List<Figure> selection() {
        List<Figure> out = new ArrayList<>();
        for (String k : selected) {
            Figure f = scene.get(k);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** Selects figures by key; with {@code reveal}, centres the view on the first when it is out of view. */
    public void select(Collection<String> keys, boolean reveal) {
        selected.clear();
        for (String k : keys) {
            if (scene.get(k) != null) {
                selected.add(k);
            }
        }
        if (reveal && !selected.isEmpty()) {
            reveal(scene.get(selected.iterator().next()));
        }
        invalidate();
        host.selectionChanged(selection());
    }

    /** Forgets colours (after the label schema changed). */
    public void labelsChanged() {
        colors.values().forEach(Color::dispose);
        colors.clear();
        maskImages.values().forEach(Image::dispose);
        maskImages.clear();
        invalidate();
    }

    /** Redraws everything, the base layer included. */
    public void invalidate() {
        baseDirty = true;
        if (!isDisposed()) {
            redraw();
        }
    }

    public void fit() {
        if (image != null) {
            viewport.fit(image.width(), image.height());
        }
        fitted = true;
        invalidate();
        describe();
    }

    /** Shows image pixels 1:1, keeping the centre. */
    public void actualSize() {
        fitted = false;
        viewport.zoomTo(1, viewport.viewWidth() / 2.0, viewport.viewHeight() / 2.0);
        invalidate();
        describe();
    }

    public void zoomBy(double factor) {
        zoomInteractively(factor, viewport.viewWidth() / 2.0, viewport.viewHeight() / 2.0);
        describe();
    }

    /**
     * Zooms around a view point the way the wheel does: until the user pauses, repaints show the
     * last full frame scaled (a few milliseconds however many shapes are in view); 150 ms after the
     * last step, one full repaint draws tiles and shapes sharp at the new zoom.
     */
    public void zoomInteractively(double factor, double vx, double vy) {
        fitted = false;
        viewport.zoomBy(factor, vx, vy);
        zooming = true;
        getDisplay().timerExec(150, settleZoom);
        redraw();
    }

    /** Whether repaints show a scaled preview because a zoom is under way (benchmarks, tests). */
    public boolean isZooming() {
        return zooming;
    }

    /** Ends the zoom preview now: the next repaint is full (benchmarks, tests). */
    public void settleZoom() {
        getDisplay().timerExec(-1, settleZoom);
        settleZoom.run();
    }

    /** Brush radius in image pixels. */
    public int brushRadius() {
        return brushRadius;
    }

    /**
     * The durations of the last paints (at most 512), in nanoseconds, oldest first: what the
     * benchmark reports.
     */
    public long[] paintTimes() {
        int n = Math.min(paintCount, PAINT_SAMPLES);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = paintNanos[(paintCount - n + i) % PAINT_SAMPLES];
        }
        return out;
    }

    /** Paints now into an off-screen image of the view's size and returns how long it took, in nanoseconds (benchmarks). */
    public long paintOffscreen(boolean baseToo) {
        Rectangle r = getClientArea();
        Image target = new Image(getDisplay(), Math.max(1, r.width), Math.max(1, r.height));
        GC gc = new GC(target);
        try {
            if (baseToo) {
                baseDirty = true;
            }
            long t0 = System.nanoTime();
            paint(gc);
            return System.nanoTime() - t0;
        } finally {
            gc.dispose();
            target.dispose();
        }
    }

    /** A copy of the base layer's pixels (tests: a scrolled base must equal a fresh one). */
    public ImageData baseSnapshot() {
        return base == null ? null : base.getImageData();
    }

    /** Loads the tiles the current view needs, waiting for them (benchmarks and tests). */
    public void loadVisibleTiles() throws java.io.IOException {
        if (image == null) {
            return;
        }
        int level = viewport.level(image.levels());
        int[] range = tileRange(level, new Rectangle(0, 0, viewport.viewWidth(), viewport.viewHeight()));
        for (int row = range[1]; row <= range[3]; row++) {
            for (int col = range[0]; col <= range[2]; col++) {
                if (tiles.loadNow(level, col, row, window)) {
                    tileArrived(level, col, row);
                }
            }
        }
    }

    /** A tile arrived: repaint its place in the base layer only (if it is of the level shown). */
    private void tileArrived(int level, int col, int row) {
        if (isDisposed() || image == null || level != viewport.level(image.levels())) {
            return;
        }
        double size = image.tileSize() * (double) (1L << level);
        int x0 = (int) Math.floor(viewport.toViewX(col * size)) - 1, y0 = (int) Math.floor(viewport.toViewY(row * size)) - 1;
        int x1 = (int) Math.ceil(viewport.toViewX((col + 1) * size)) + 1, y1 = (int) Math.ceil(viewport.toViewY((row + 1) * size)) + 1;
        Rectangle tile = new Rectangle(x0, y0, x1 - x0, y1 - y0).intersection(new Rectangle(0, 0, viewport.viewWidth(), viewport.viewHeight()));
        if (tile.isEmpty()) {
            return;
        }
        dirtyRegion = dirtyRegion == null ? tile : dirtyRegion.union(tile);
        redraw(tile.x, tile.y, tile.width, tile.height, false);
    }

    // ---------------------------------------------------------------- painting

    private void paint(GC gc) {
        long t0 = System.nanoTime();
        Rectangle r = getClientArea();
        if (r.width <= 0 || r.height <= 0) {
            return;
        }
        viewport.setViewSize(r.width, r.height);
        if (base == null || base.getBounds().width != r.width || base.getBounds().height != r.height) {
            if (base != null) {
                base.dispose();
            }
            base = new Image(getDisplay(), r.width, r.height);
            baseDirty = true;
        }
        if (zooming && !baseDirty && !Double.isNaN(baseScale)) {
            paintZoomPreview(gc, r);
            paintOverlay(gc, r);
            paintNanos[paintCount++ % PAINT_SAMPLES] = System.nanoTime() - t0;
            return;
        }
        GC bg = null;
        try {
            if (baseDirty || viewport.scale() != baseScale) {
                bg = new GC(base);
                paintBase(bg, r);
            } else {
                if (viewport.originX() != baseOriginX || viewport.originY() != baseOriginY) {
                    bg = scrollBase(r);
                }
                if (dirtyRegion != null) {
                    bg = bg == null ? new GC(base) : bg;
                    paintBaseRegion(bg, dirtyRegion.intersection(r));
                }
            }
        } finally {
            if (bg != null) {
                bg.dispose();
                baseDirty = false;
                dirtyRegion = null;
                baseScale = viewport.scale();
                baseOriginX = viewport.originX();
                baseOriginY = viewport.originY();
            }
        }
        gc.drawImage(base, 0, 0);
        paintOverlay(gc, r);
        paintNanos[paintCount++ % PAINT_SAMPLES] = System.nanoTime() - t0;
    }

    /** The last full frame, scaled and moved to where the new zoom puts it. */
    private void paintZoomPreview(GC gc, Rectangle r) {
        double k = viewport.scale() / baseScale;
        double dx = (baseOriginX - viewport.originX()) * viewport.scale(), dy = (baseOriginY - viewport.originY()) * viewport.scale();
        gc.setBackground(color(new RGB(0x2b, 0x2d, 0x30)));
        gc.fillRectangle(r);
        gc.setInterpolation(SWT.LOW);
        gc.drawImage(base, 0, 0, r.width, r.height, (int) Math.round(dx), (int) Math.round(dy), (int) Math.round(r.width * k),
                (int) Math.round(r.height * k));
    }

    /**
     * After a pan at the same zoom, moves what the base layer holds and paints only the strips that
     * came into view: the cost of a pan follows the area uncovered, not the number of shapes.
     */
    private GC scrollBase(Rectangle r) {
        double sdx = (baseOriginX - viewport.originX()) * viewport.scale(), sdy = (baseOriginY - viewport.originY()) * viewport.scale();
        int dx = (int) Math.round(sdx), dy = (int) Math.round(sdy);
        if (Math.abs(sdx - dx) > 1e-3 || Math.abs(sdy - dy) > 1e-3 || Math.abs(dx) >= r.width || Math.abs(dy) >= r.height) {
            GC gc = new GC(base);
            paintBase(gc, r);
            return gc;
        }
        // the old layer is drawn shifted into a second image (copying an image onto itself is not reliable)
        if (spare == null || !spare.getBounds().equals(base.getBounds())) {
            if (spare != null) {
                spare.dispose();
            }
            spare = new Image(getDisplay(), r.width, r.height);
        }
        GC gc = new GC(spare);
        gc.drawImage(base, dx, dy);
        Image old = base;
        base = spare;
        spare = old;
        if (dirtyRegion != null) {
            // a region waiting to be repainted moved with the content
            dirtyRegion = new Rectangle(dirtyRegion.x + dx, dirtyRegion.y + dy, dirtyRegion.width, dirtyRegion.height);
        }
        if (dx != 0) {
            paintBaseRegion(gc, dx > 0 ? new Rectangle(0, 0, dx, r.height) : new Rectangle(r.width + dx, 0, -dx, r.height));
        }
        if (dy != 0) {
            paintBaseRegion(gc, dy > 0 ? new Rectangle(0, 0, r.width, dy) : new Rectangle(0, r.height + dy, r.width, -dy));
        }
        return gc;
    }

    private void paintBaseRegion(GC gc, Rectangle clip) {
        gc.setClipping(clip);
        try {
            paintBase(gc, clip);
        } finally {
            gc.setClipping((Rectangle) null);
        }
    }

    /** Paints the tiles and the unselected figures inside {@code area} (view pixels) of the base layer. */
    private void paintBase(GC gc, Rectangle area) {
        gc.setBackground(color(new RGB(0x2b, 0x2d, 0x30)));
        gc.fillRectangle(area);
        if (image == null) {
            return;
        }
        paintTiles(gc, area);
        // captions reach above their shape: look a little beyond the area for shapes whose caption shows in it
        double margin = 24 / viewport.scale();
        List<Figure> visible = scene.visible(viewport.toImageX(area.x) - margin, viewport.toImageY(area.y) - margin,
                viewport.toImageX(area.x + area.width) + margin, viewport.toImageY(area.y + area.height) + margin);
        int inView = area.width == viewport.viewWidth() && area.height == viewport.viewHeight() ? visible.size()
                : scene.visibleCount(viewport.originX(), viewport.originY(), viewport.maxImageX(), viewport.maxImageY());
        boolean many = inView > 1500;
        gc.setAntialias(many ? SWT.OFF : SWT.ON);
        gc.setLineWidth(many ? 1 : 2);
        if (many) {
            paintOutlinesBatched(gc, visible);
        } else {
            for (Figure f : visible) {
                if (!selected.contains(f.key())) {
                    paintFigure(gc, f, f.shape(), false, true);
                }
            }
        }
        if (inView <= 400) {
            for (Figure f : visible) {
                if (!selected.contains(f.key())) {
                    paintCaption(gc, f, f.shape());
                }
            }
        }
        if (problem != null) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
            gc.drawText("Cannot show the image: " + problem, 8, 8, false);
        }
    }

    private int[] tileRange(int level, Rectangle area) {
        double size = image.tileSize() * (double) (1L << level);
        int cols = (int) Math.ceil(image.levelWidth(level) / (double) image.tileSize());
        int rows = (int) Math.ceil(image.levelHeight(level) / (double) image.tileSize());
        int c0 = Math.max(0, (int) Math.floor(viewport.toImageX(area.x) / size));
        int r0 = Math.max(0, (int) Math.floor(viewport.toImageY(area.y) / size));
        int c1 = Math.min(cols - 1, (int) Math.floor(viewport.toImageX(area.x + area.width) / size));
        int r1 = Math.min(rows - 1, (int) Math.floor(viewport.toImageY(area.y + area.height) / size));
        return new int[] {c0, r0, c1, r1};
    }

    private void paintTiles(GC gc, Rectangle area) {
        int level = viewport.level(image.levels());
        int ts = image.tileSize();
        int[] range = tileRange(level, area);
        gc.setInterpolation(viewport.scale() >= 2 ? SWT.NONE : SWT.LOW);
        for (int row = range[1]; row <= range[3]; row++) {
            for (int col = range[0]; col <= range[2]; col++) {
                Image tile = tiles.get(level, col, row, window);
                double step = 1L << level;
                double x0 = col * ts * step, y0 = row * ts * step;
                if (tile != null) {
                    Rectangle b = tile.getBounds();
                    drawScaled(gc, tile, 0, 0, b.width, b.height, x0, y0, x0 + b.width * step, y0 + b.height * step);
                } else {
                    paintCoarser(gc, level, col, row);
                }
            }
        }
    }

    /** Fills a missing tile's place from a coarser level that is loaded, so the view is never empty while tiles arrive. */
    private void paintCoarser(GC gc, int level, int col, int row) {
        int ts = image.tileSize();
        for (int l = level + 1; l < image.levels(); l++) {
            int shift = l - level;
            int c = col >> shift, rw = row >> shift;
            Image coarse = tiles.peek(l, c, rw, window);
            if (coarse == null) {
                continue;
            }
            double stepFine = 1L << level, stepCoarse = 1L << l;
            double x0 = col * ts * stepFine, y0 = row * ts * stepFine;
            double x1 = Math.min(image.width(), x0 + ts * stepFine), y1 = Math.min(image.height(), y0 + ts * stepFine);
            Rectangle b = coarse.getBounds();
            int sx = (int) Math.floor(x0 / stepCoarse) - c * ts, sy = (int) Math.floor(y0 / stepCoarse) - rw * ts;
            int sw = Math.max(1, Math.min(b.width - sx, (int) Math.ceil((x1 - x0) / stepCoarse)));
            int sh = Math.max(1, Math.min(b.height - sy, (int) Math.ceil((y1 - y0) / stepCoarse)));
            if (sx >= 0 && sy >= 0 && sx < b.width && sy < b.height) {
                drawScaled(gc, coarse, sx, sy, sw, sh, x0, y0, x0 + sw * stepCoarse, y0 + sh * stepCoarse);
            }
            tiles.get(level, col, row, window);
            return;
        }
    }

    private void drawScaled(GC gc, Image img, int sx, int sy, int sw, int sh, double ix0, double iy0, double ix1, double iy1) {
        int dx0 = (int) Math.round(viewport.toViewX(ix0)), dy0 = (int) Math.round(viewport.toViewY(iy0));
        int dx1 = (int) Math.round(viewport.toViewX(ix1)), dy1 = (int) Math.round(viewport.toViewY(iy1));
        if (dx1 > dx0 && dy1 > dy0) {
            gc.drawImage(img, sx, sy, sw, sh, dx0, dy0, dx1 - dx0, dy1 - dy0);
        }
    }

    private void paintFigure(GC gc, Figure f, Shape shape, boolean highlighted, boolean fill) {
        Color c = color(host.color(f.label()));
        gc.setForeground(c);
        gc.setBackground(c);
        boolean own = f.annotator().equals(host.activeAnnotator());
        gc.setLineStyle(own ? SWT.LINE_SOLID : SWT.LINE_DASH);
        int fillAlpha = highlighted ? 80 : 40;
        switch (shape) {
            case BoundingBox b -> {
                int x = vx(b.x()), y = vy(b.y()), w = vx(b.x() + b.width()) - x, h = vy(b.y() + b.height()) - y;
                if (fill) {
                    gc.setAlpha(fillAlpha);
                    gc.fillRectangle(x, y, w, h);
                    gc.setAlpha(255);
                }
                gc.drawRectangle(x, y, w, h);
            }
            case RotatedBox rb -> paintRing(gc, Geometry.handles(rb, 0), 8, true, fill, fillAlpha);
            case Polygon p -> {
                if (p.holes().isEmpty()) {
                    paintRing(gc, toDoubles(p.points()), p.points().size(), true, fill, fillAlpha);
                } else {
                    paintPolygonWithHoles(gc, p, fill, fillAlpha);
                }
            }
            case Polyline p -> paintRing(gc, toDoubles(p.points()), p.points().size(), false, false, 0);
            case Keypoints k -> paintKeypoints(gc, k, host.template(f.label()), c, highlighted);
            case Mask m -> paintMask(gc, f, m, highlighted);
            case Tag t -> {
            }
        }
        gc.setLineStyle(SWT.LINE_SOLID);
    }

    /**
     * Draws thousands of unfilled outlines cheaply: one colour switch per label and style, shapes
     * smaller than a few pixels on screen as their bounds, and outlines without vertices closer than
     * two pixels to the previous one. Without fills, the order among shapes does not show, so z-order
     * is not needed here.
     */
    private void paintOutlinesBatched(GC gc, List<Figure> visible) {
        Map<String, List<Figure>> groups = new LinkedHashMap<>();
        for (Figure f : visible) {
            if (selected.contains(f.key())) {
                continue;
            }
            Shape s = f.shape();
            if (!(s instanceof BoundingBox || s instanceof RotatedBox || s instanceof Polygon || s instanceof Polyline)) {
                paintFigure(gc, f, s, false, false);
                continue;
            }
            String style = f.label() + (f.annotator().equals(host.activeAnnotator()) ? "" : "\u0000dashed");
            groups.computeIfAbsent(style, k -> new ArrayList<>()).add(f);
        }
        int[] buffer = new int[256];
        for (List<Figure> group : groups.values()) {
            Figure first = group.get(0);
            gc.setForeground(color(host.color(first.label())));
            gc.setLineStyle(first.annotator().equals(host.activeAnnotator()) ? SWT.LINE_SOLID : SWT.LINE_DASH);
            for (Figure f : group) {
                int x0 = vx(f.minX()), y0 = vy(f.minY()), x1 = vx(f.maxX()), y1 = vy(f.maxY());
                Shape s = f.shape();
                if (s instanceof BoundingBox || x1 - x0 < 8 && y1 - y0 < 8) {
                    gc.drawRectangle(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
                    continue;
                }
                double[] pts = f.outline();
                int n = 0;
                if (buffer.length < pts.length) {
                    buffer = new int[pts.length];
                }
                for (int i = 0; i + 1 < pts.length; i += 2) {
                    int x = vx(pts[i]), y = vy(pts[i + 1]);
                    if (n == 0 || Math.abs(x - buffer[n - 2]) >= 2 || Math.abs(y - buffer[n - 1]) >= 2) {
                        buffer[n++] = x;
                        buffer[n++] = y;
                    }
                }
                int[] v = Arrays.copyOf(buffer, n);
                if (s instanceof Polyline) {
                    gc.drawPolyline(v);
                } else {
                    gc.drawPolygon(v);
                    if (s instanceof Polygon p) {
                        for (List<Double> hole : p.holes()) {
                            paintRing(gc, toDoubles(hole), hole.size(), true, false, 0);
                        }
                    }
                }
            }
        }
        gc.setLineStyle(SWT.LINE_SOLID);
    }

    private void paintRing(GC gc, double[] pts, int n, boolean closed, boolean fill, int fillAlpha) {
        int[] v = new int[n];
        for (int i = 0; i < n; i += 2) {
            v[i] = vx(pts[i]);
            v[i + 1] = vy(pts[i + 1]);
        }
        if (closed) {
            if (fill) {
                gc.setAlpha(fillAlpha);
                gc.fillPolygon(v);
                gc.setAlpha(255);
            }
            gc.drawPolygon(v);
        } else {
            gc.drawPolyline(v);
        }
    }

    private void paintPolygonWithHoles(GC gc, Polygon p, boolean fill, int fillAlpha) {
        Path path = new Path(getDisplay());
        try {
            addRing(path, p.points());
            p.holes().forEach(h -> addRing(path, h));
            if (fill) {
                gc.setFillRule(SWT.FILL_EVEN_ODD);
                gc.setAlpha(fillAlpha);
                gc.fillPath(path);
                gc.setAlpha(255);
            }
            gc.drawPath(path);
        } finally {
            path.dispose();
        }
    }

    private void addRing(Path path, List<Double> ring) {
        for (int i = 0; i + 1 < ring.size(); i += 2) {
            float x = (float) viewport.toViewX(ring.get(i)), y = (float) viewport.toViewY(ring.get(i + 1));
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.close();
    }

    private void paintKeypoints(GC gc, Keypoints k, KeypointTemplate template, Color c, boolean highlighted) {
        List<Double> p = k.points();
        if (template != null && template.size() == k.size()) {
            for (int[] bone : template.skeleton()) {
                if (p.get(3 * bone[0] + 2) > 0 && p.get(3 * bone[1] + 2) > 0) {
                    gc.drawLine(vx(p.get(3 * bone[0])), vy(p.get(3 * bone[0] + 1)), vx(p.get(3 * bone[1])), vy(p.get(3 * bone[1] + 1)));
                }
            }
        }
        int r = highlighted ? 4 : 3;
        for (int i = 0; i < k.size(); i++) {
            double v = p.get(3 * i + 2);
            if (v == 0) {
                continue;
            }
            int x = vx(p.get(3 * i)), y = vy(p.get(3 * i + 1));
            if (v == 2) {
                gc.fillOval(x - r, y - r, 2 * r + 1, 2 * r + 1);
            } else {
                gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
                gc.fillOval(x - r, y - r, 2 * r + 1, 2 * r + 1);
                gc.setBackground(c);
                gc.drawOval(x - r, y - r, 2 * r, 2 * r);
            }
        }
    }

    private void paintMask(GC gc, Figure f, Mask m, boolean highlighted) {
        if ((long) m.width() * m.height() > MAX_MASK_PIXELS) {
            return;
        }
        Image img = maskImages.get(f);
        if (img == null) {
            img = maskImage(f.maskBits(), m.width(), m.height(), host.color(f.label()));
            maskImages.put(f, img);
        }
        gc.setAlpha(highlighted ? 170 : 120);
        paintImageRegion(gc, img, m.width(), m.height());
        gc.setAlpha(255);
    }

    /** Draws an image the size of the picture over the visible part of it only. */
    private void paintImageRegion(GC gc, Image img, int w, int h) {
        int x0 = Math.max(0, (int) Math.floor(viewport.originX())), y0 = Math.max(0, (int) Math.floor(viewport.originY()));
        int x1 = Math.min(w, (int) Math.ceil(viewport.maxImageX())), y1 = Math.min(h, (int) Math.ceil(viewport.maxImageY()));
        if (x1 > x0 && y1 > y0) {
            gc.setInterpolation(SWT.NONE);
            drawScaled(gc, img, x0, y0, x1 - x0, y1 - y0, x0, y0, x1, y1);
        }
    }

    private Image maskImage(boolean[] columnMajor, int w, int h, RGB rgb) {
        ImageData data = new ImageData(w, h, 1, new PaletteData(new RGB(0, 0, 0), rgb));
        byte[] alpha = new byte[w * h];
        for (int x = 0; x < w; x++) {
            int col = x * h;
            for (int y = 0; y < h; y++) {
                if (columnMajor[col + y]) {
                    data.setPixel(x, y, 1);
                    alpha[y * w + x] = (byte) 255;
                }
            }
        }
        data.alphaData = alpha;
        return new Image(getDisplay(), data);
    }

    private void paintCaption(GC gc, Figure f, Shape shape) {
        if (f.label().isEmpty() || shape instanceof Mask || viewport.scale() * (f.maxY() - f.minY()) < 14) {
            return;
        }
        Point size = gc.textExtent(f.label());
        int x = vx(f.minX()), y = vy(f.minY()) - size.y - 1;
        if (y < 0) {
            y = vy(f.minY()) + 1;
        }
        gc.setBackground(color(host.color(f.label())));
        gc.setAlpha(200);
        gc.fillRectangle(x, y, size.x + 6, size.y + 1);
        gc.setAlpha(255);
        RGB rgb = host.color(f.label());
        boolean light = rgb.red * 0.299 + rgb.green * 0.587 + rgb.blue * 0.114 > 150;
        gc.setForeground(getDisplay().getSystemColor(light ? SWT.COLOR_BLACK : SWT.COLOR_WHITE));
        gc.drawText(f.label(), x + 3, y, true);
    }

    private void paintOverlay(GC gc, Rectangle r) {
        if (image == null) {
            return;
        }
        gc.setAntialias(SWT.ON);
        gc.setLineWidth(2);
        for (Figure f : selection()) {
            if (scene.isHidden(f.label())) {
                continue;
            }
            Shape s = preview.getOrDefault(f.key(), f.shape());
            paintFigure(gc, f, s, true, true);
            paintCaption(gc, f, s);
            if (isEditable(f)) {
                paintHandles(gc, s);
            }
        }
        gc.setLineWidth(2);
        paintDrawing(gc);
        if (mouseInside && tool != Tool.SELECT && mouseX >= 0) {
            gc.setLineWidth(1);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
            gc.setAlpha(150);
            gc.setLineDash(new int[] {4, 4});
            gc.drawLine(0, mouseY, r.width, mouseY);
            gc.drawLine(mouseX, 0, mouseX, r.height);
            gc.setLineStyle(SWT.LINE_SOLID);
            gc.setAlpha(255);
            if (tool == Tool.BRUSH || tool == Tool.ERASER) {
                int rr = (int) Math.round(brushRadius * viewport.scale());
                gc.drawOval(mouseX - rr, mouseY - rr, 2 * rr, 2 * rr);
            }
        }
        if (drag == Drag.RUBBER) {
            gc.setLineWidth(1);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
            gc.setLineDash(new int[] {3, 3});
            Rectangle band = band();
            gc.drawRectangle(band);
            gc.setLineStyle(SWT.LINE_SOLID);
        }
    }

    private void paintHandles(GC gc, Shape s) {
        double[] h = Geometry.handles(s, Geometry.KNOB_DISTANCE / viewport.scale());
        gc.setLineWidth(1);
        Color white = getDisplay().getSystemColor(SWT.COLOR_WHITE);
        Color black = getDisplay().getSystemColor(SWT.COLOR_BLACK);
        if (s instanceof RotatedBox rb) {
            gc.setForeground(white);
            gc.drawLine(vx((h[0] + h[2]) / 2), vy((h[1] + h[3]) / 2), vx(h[8]), vy(h[9]));
        }
        for (int i = 0; i + 1 < h.length; i += 2) {
            if (s instanceof Keypoints k && k.visibility(i / 2) == 0) {
                continue;
            }
            int x = vx(h[i]) - HANDLE / 2, y = vy(h[i + 1]) - HANDLE / 2;
            gc.setBackground(white);
            gc.fillRectangle(x, y, HANDLE, HANDLE);
            gc.setForeground(black);
            gc.drawRectangle(x, y, HANDLE, HANDLE);
        }
    }

    private void paintDrawing(GC gc) {
        String label = host.currentLabel();
        Color c = color(host.color(label));
        gc.setForeground(c);
        gc.setBackground(c);
        if (drag == Drag.BOX) {
            BoundingBox b = Geometry.box(pressX, pressY, lastX, lastY);
            gc.drawRectangle(vx(b.x()), vy(b.y()), vx(b.x() + b.width()) - vx(b.x()), vy(b.y() + b.height()) - vy(b.y()));
        }
        if (!drawing.isEmpty() && (tool == Tool.POLYGON || tool == Tool.POLYLINE)) {
            int n = drawing.size();
            int[] v = new int[n + 2];
            for (int i = 0; i < n; i += 2) {
                v[i] = vx(drawing.get(i));
                v[i + 1] = vy(drawing.get(i + 1));
            }
            v[n] = mouseX;
            v[n + 1] = mouseY;
            gc.drawPolyline(v);
            for (int i = 0; i < n; i += 2) {
                gc.fillRectangle(v[i] - 3, v[i + 1] - 3, 7, 7);
            }
        }
        if (!drawing.isEmpty() && tool == Tool.KEYPOINTS) {
            paintKeypoints(gc, new Keypoints(drawing, drawingTemplate.name(), drawingBox), drawingTemplate, c, true);
        }
        if (brushImage != null) {
            gc.setAlpha(150);
            paintImageRegion(gc, brushImage, image.width(), image.height());
            gc.setAlpha(255);
        }
    }

    private Color color(RGB rgb) {
        String key = rgb.toString();
        Color c = colors.get(key);
        if (c == null) {
            c = new Color(getDisplay(), rgb);
            colors.put(key, c);
        }
        return c;
    }

    private int vx(double x) {
        return (int) Math.round(viewport.toViewX(x));
    }

    private int vy(double y) {
        return (int) Math.round(viewport.toViewY(y));
    }

    // ---------------------------------------------------------------- mouse

    private double ix(int viewX) {
        return viewport.toImageX(viewX);
    }

    private double iy(int viewY) {
        return viewport.toImageY(viewY);
    }

    private boolean isEditable(Figure f) {
        return f.annotator().equals(host.activeAnnotator()) && scene.isEditable(f);
    }

    private void mouseDown(Event e) {
        setFocus();
        double x = ix(e.x), y = iy(e.y);
        pressX = lastX = x;
        pressY = lastY = y;
        pressViewX = e.x;
        pressViewY = e.y;
        if (image == null) {
            return;
        }
        if (e.button == 2 || e.button == 1 && spaceDown) {
            drag = Drag.PAN;
            setCursor(getDisplay().getSystemCursor(SWT.CURSOR_SIZEALL));
            return;
        }
        if (e.button == 3) {
            // the context menu acts on the shape under the mouse
            Figure hit = scene.pick(x, y, PICK_TOLERANCE / viewport.scale(), null);
            if (hit != null && !selected.contains(hit.key())) {
                selected.clear();
                selected.add(hit.key());
                selectionDone();
            }
            return;
        }
        if (e.button != 1) {
            return;
        }
        boolean shift = (e.stateMask & SWT.SHIFT) != 0, ctrl = (e.stateMask & SWT.MOD1) != 0;
        switch (tool) {
            case SELECT -> selectDown(x, y, shift || ctrl);
            case BOX, ROTATED_BOX -> drag = Drag.BOX;
            case POLYGON, POLYLINE -> polyClick(x, y);
            case KEYPOINTS -> keypointClick(x, y, shift ? 1 : 2);
            case BRUSH, ERASER -> brushDown(x, y);
        }
        redraw();
    }

    private void selectDown(double x, double y, boolean toggle) {
        double tol = PICK_TOLERANCE / viewport.scale();
        double htol = (HANDLE / 2.0 + 2) / viewport.scale();
        if (!toggle) {
            for (Figure f : selection()) {
                if (!isEditable(f)) {
                    continue;
                }
                double[] h = Geometry.handles(f.shape(), Geometry.KNOB_DISTANCE / viewport.scale());
                for (int i = 0; i + 1 < h.length; i += 2) {
                    if (Math.abs(h[i] - x) <= htol && Math.abs(h[i + 1] - y) <= htol) {
                        handleFigure = f;
                        handleIndex = i / 2;
                        drag = Drag.HANDLE;
                        return;
                    }
                }
            }
        }
        Figure hit = scene.pick(x, y, tol, null);
        if (hit == null) {
            if (!toggle && !selected.isEmpty()) {
                selected.clear();
                selectionDone();
            }
            drag = Drag.RUBBER;
            return;
        }
        if (toggle) {
            if (!selected.remove(hit.key())) {
                selected.add(hit.key());
            }
            selectionDone();
            return;
        }
        if (!selected.contains(hit.key())) {
            selected.clear();
            selected.add(hit.key());
            selectionDone();
        }
        drag = Drag.MOVE;
    }

    private void selectionDone() {
        invalidate();
        host.selectionChanged(selection());
        describe();
    }

    private void mouseMove(Event e) {
        mouseX = e.x;
        mouseY = e.y;
        mouseInside = true;
        double x = ix(e.x), y = iy(e.y);
        switch (drag) {
            case PAN -> {
                fitted = false;
                viewport.panBy(e.x - pressViewX, e.y - pressViewY);
                pressViewX = e.x;
                pressViewY = e.y;
                redraw();
            }
            case MOVE -> {
                preview.clear();
                double dx = x - pressX, dy = y - pressY;
                for (Figure f : selection()) {
                    if (isEditable(f)) {
                        preview.put(f.key(), Geometry.translate(f.shape(), dx, dy));
                    }
                }
                redraw();
            }
            case HANDLE -> {
                preview.put(handleFigure.key(), Geometry.moveHandle(handleFigure.shape(), handleIndex, x, y));
                redraw();
            }
            case BRUSH -> {
                paintBrush(lastX, lastY, x, y);
                redraw();
            }
            default -> redraw();
        }
        lastX = x;
        lastY = y;
        describeCursor(x, y);
    }

    private void mouseUp(Event e) {
        Drag was = drag;
        drag = Drag.NONE;
        double x = ix(e.x), y = iy(e.y);
        switch (was) {
            case PAN -> setCursor(getDisplay().getSystemCursor(tool == Tool.SELECT ? SWT.CURSOR_ARROW : SWT.CURSOR_CROSS));
            case MOVE, HANDLE -> commitPreview(was == Drag.MOVE ? "Move" : "Reshape");
            case RUBBER -> {
                Rectangle band = band();
                if (band.width > 2 || band.height > 2) {
                    double x0 = ix(band.x), y0 = iy(band.y), x1 = ix(band.x + band.width), y1 = iy(band.y + band.height);
                    for (Figure f : scene.visible(x0, y0, x1, y1)) {
                        if (scene.isEditable(f) && f.minX() >= x0 && f.maxX() <= x1 && f.minY() >= y0 && f.maxY() <= y1) {
                            selected.add(f.key());
                        }
                    }
                    selectionDone();
                }
            }
            case BOX -> finishBox(x, y);
            case BRUSH -> finishBrush();
            default -> {
            }
        }
        redraw();
    }

    private Rectangle band() {
        int x0 = Math.min(pressViewX, mouseX), y0 = Math.min(pressViewY, mouseY);
        return new Rectangle(x0, y0, Math.abs(mouseX - pressViewX), Math.abs(mouseY - pressViewY));
    }

    private void doubleClick(Event e) {
        double x = ix(e.x), y = iy(e.y);
        if (tool == Tool.POLYGON || tool == Tool.POLYLINE) {
            // the double-click's second press added the last point a second time
            if (drawing.size() >= 4 && drawing.get(drawing.size() - 2).equals(drawing.get(drawing.size() - 4))
                    && drawing.get(drawing.size() - 1).equals(drawing.get(drawing.size() - 3))) {
                drawing.remove(drawing.size() - 1);
                drawing.remove(drawing.size() - 1);
            }
            finishPoly();
            return;
        }
        if (tool == Tool.SELECT && selected.size() == 1) {
            Figure f = selection().get(0);
            int[] inserted = new int[1];
            Shape s = isEditable(f) ? Geometry.insertVertex(f.shape(), x, y, PICK_TOLERANCE / viewport.scale(), inserted) : null;
            if (s != null) {
                replace(f, s, "Add vertex");
            }
        }
    }

    private void wheel(Event e) {
        if (image == null) {
            return;
        }
        fitted = false;
        if ((e.stateMask & SWT.SHIFT) != 0) {
            viewport.panBy(e.count * 20, 0);
        } else if ((e.stateMask & SWT.MOD1) != 0) {
            viewport.panBy(0, e.count * 20);
        } else {
            zoomInteractively(Math.pow(1.2, e.count > 0 ? 1 : -1), e.x, e.y);
        }
        e.doit = false;
        redraw();
        describeCursor(ix(e.x), iy(e.y));
    }

    // ---------------------------------------------------------------- drawing tools

    private void finishBox(double x, double y) {
        BoundingBox b = Geometry.box(pressX, pressY, x, y);
        if (b.width() * viewport.scale() < 3 || b.height() * viewport.scale() < 3) {
            return;
        }
        Shape s = tool == Tool.ROTATED_BOX ? new RotatedBox(b.x() + b.width() / 2, b.y() + b.height() / 2, b.width(), b.height(), 0) : b;
        add(s);
    }

    private void polyClick(double x, double y) {
        int n = drawing.size();
        if (tool == Tool.POLYGON && n >= 6) {
            double tol = (HANDLE + 2) / viewport.scale();
            if (Math.abs(drawing.get(0) - x) <= tol && Math.abs(drawing.get(1) - y) <= tol) {
                finishPoly();
                return;
            }
        }
        drawing.add(x);
        drawing.add(y);
        describe();
    }

    private void finishPoly() {
        int points = drawing.size() / 2;
        if (tool == Tool.POLYGON && points >= 3) {
            add(new Polygon(List.copyOf(drawing)));
        } else if (tool == Tool.POLYLINE && points >= 2) {
            add(new Polyline(List.copyOf(drawing)));
        }
        drawing.clear();
        describe();
        redraw();
    }

    private void keypointClick(double x, double y, int visibility) {
        if (drawing.isEmpty()) {
            drawingTemplate = host.template(host.currentLabel());
            drawingBox = selection().stream().filter(f -> f.shape() instanceof BoundingBox && isEditable(f)).map(Figure::id).findFirst()
                    .orElse("");
        }
        drawing.add(x);
        drawing.add(y);
        drawing.add((double) visibility);
        if (drawing.size() / 3 >= drawingTemplate.size()) {
            finishKeypoints();
        }
        describe();
    }

    private void skipKeypoint() {
        if (tool != Tool.KEYPOINTS) {
            return;
        }
        if (drawing.isEmpty()) {
            drawingTemplate = host.template(host.currentLabel());
        }
        drawing.add(0.0);
        drawing.add(0.0);
        drawing.add(0.0);
        if (drawing.size() / 3 >= drawingTemplate.size()) {
            finishKeypoints();
        }
        describe();
        redraw();
    }

    private void finishKeypoints() {
        if (drawing.isEmpty()) {
            return;
        }
        while (drawing.size() / 3 < drawingTemplate.size()) {
            drawing.add(0.0);
            drawing.add(0.0);
            drawing.add(0.0);
        }
        if (labelledCount(drawing) > 0) {
            add(new Keypoints(List.copyOf(drawing), drawingTemplate.name(), drawingBox));
        }
        drawing.clear();
        describe();
        redraw();
    }

    private static int labelledCount(List<Double> xyv) {
        int n = 0;
        for (int i = 2; i < xyv.size(); i += 3) {
            n += xyv.get(i) > 0 ? 1 : 0;
        }
        return n;
    }

    private void brushDown(double x, double y) {
        if ((long) image.width() * image.height() > MAX_MASK_PIXELS) {
            host.status("Masks can be painted on images of up to 64 megapixels; this one has "
                    + (long) image.width() * image.height() / 1_000_000 + ".");
            return;
        }
        String label = host.currentLabel();
        brushTarget = null;
        for (Figure f : scene.all()) {
            if (f.shape() instanceof Mask m && f.annotator().equals(host.activeAnnotator()) && f.label().equals(label)
                    && m.width() == image.width() && m.height() == image.height()) {
                brushTarget = f;
                break;
            }
        }
        if (tool == Tool.ERASER && brushTarget == null) {
            Figure hit = scene.pick(x, y, 0, host.activeAnnotator());
            brushTarget = hit != null && hit.shape() instanceof Mask ? hit : null;
            if (brushTarget == null) {
                return;
            }
        }
        if (brushTarget != null && scene.isLocked(brushTarget.label())) {
            return;
        }
        brushBits = brushTarget == null ? new boolean[image.width() * image.height()] : brushTarget.maskBits().clone();
        drag = Drag.BRUSH;
        paintBrush(x, y, x, y);
    }

    private void paintBrush(double x0, double y0, double x1, double y1) {
        int w = image.width(), h = image.height();
        boolean value = tool == Tool.BRUSH;
        double len = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(len / Math.max(1, brushRadius / 2.0)));
        int r = brushRadius, r2 = r * r;
        for (int s = 0; s <= steps; s++) {
            double cx = x0 + (x1 - x0) * s / steps, cy = y0 + (y1 - y0) * s / steps;
            int ax = (int) Math.floor(cx), ay = (int) Math.floor(cy);
            for (int dx = -r; dx <= r; dx++) {
                int px = ax + dx;
                if (px < 0 || px >= w) {
                    continue;
                }
                for (int dy = -r; dy <= r; dy++) {
                    int py = ay + dy;
                    if (py >= 0 && py < h && dx * dx + dy * dy <= r2) {
                        brushBits[px * h + py] = value;
                    }
                }
            }
        }
        if (brushImage != null) {
            brushImage.dispose();
        }
        brushImage = maskImage(brushBits, w, h, tool == Tool.BRUSH ? host.color(brushTarget == null ? host.currentLabel() : brushTarget.label())
                : new RGB(255, 255, 255));
    }

    private void finishBrush() {
        if (brushImage != null) {
            brushImage.dispose();
            brushImage = null;
        }
        boolean[] bits = brushBits;
        brushBits = null;
        if (bits == null) {
            return;
        }
        boolean any = false;
        for (boolean b : bits) {
            if (b) {
                any = true;
                break;
            }
        }
        Mask mask = new Mask(image.height(), image.width(), CocoRle.fromMask(bits));
        if (brushTarget == null) {
            if (any) {
                add(mask);
            }
        } else if (!any) {
            host.execute(new RemoveAnnotation(host.itemId(), brushTarget.annotator(), brushTarget.id()));
        } else {
            replace(brushTarget, mask, tool == Tool.BRUSH ? "Paint mask" : "Erase mask");
        }
        brushTarget = null;
    }

    private void cancelDrawing() {
        drawing.clear();
        drag = Drag.NONE;
        preview.clear();
        if (brushImage != null) {
            brushImage.dispose();
            brushImage = null;
        }
        brushBits = null;
    }

    // ---------------------------------------------------------------- edits

    private void add(Shape s) {
        String label = host.currentLabel();
        Annotation a = Annotation.create(Ids.random(), typeOf(s), label, s.toPayload(), host.user());
        if (host.execute(new AddAnnotation(host.itemId(), host.activeAnnotator(), a, -1, host.guidelineVersion()))) {
            selected.clear();
            selected.add(Figure.key(host.activeAnnotator(), a.id()));
            host.selectionChanged(selection());
        }
    }

    private void replace(Figure f, Shape s, String what) {
        Annotation after = f.annotation().withPayload(s.toPayload(), host.user());
        host.execute(new ReplaceAnnotation(host.itemId(), f.annotator(), after, what + " " + describe(f)));
    }

    private void commitPreview(String what) {
        if (preview.isEmpty()) {
            return;
        }
        List<EditCommand> edits = new ArrayList<>();
        for (Map.Entry<String, Shape> e : preview.entrySet()) {
            Figure f = scene.get(e.getKey());
            if (f != null && !e.getValue().equals(f.shape())) {
                Annotation after = f.annotation().withPayload(e.getValue().toPayload(), host.user());
                edits.add(new ReplaceAnnotation(host.itemId(), f.annotator(), after, what + " " + describe(f)));
            }
        }
        preview.clear();
        if (edits.size() == 1) {
            host.execute(edits.get(0));
        } else if (!edits.isEmpty()) {
            host.execute(new CompoundEdit(what + " " + edits.size() + " shapes", edits));
        }
        invalidate();
    }

    /** Deletes the selected figures of the edited set. */
    public void deleteSelection() {
        List<EditCommand> edits = new ArrayList<>();
        for (Figure f : selection()) {
            if (isEditable(f)) {
                edits.add(new RemoveAnnotation(host.itemId(), f.annotator(), f.id()));
            }
        }
        if (edits.size() == 1) {
            host.execute(edits.get(0));
        } else if (!edits.isEmpty()) {
            host.execute(new CompoundEdit("Delete " + edits.size() + " shapes", edits));
        }
    }

    /** Gives the selected figures of the edited set another label. */
    public void relabelSelection(String label) {
        List<EditCommand> edits = new ArrayList<>();
        for (Figure f : selection()) {
            if (isEditable(f) && !f.label().equals(label)) {
                edits.add(new ReplaceAnnotation(host.itemId(), f.annotator(), f.annotation().withLabel(label, host.user()),
                        "Label '" + label + "'"));
            }
        }
        if (edits.size() == 1) {
            host.execute(edits.get(0));
        } else if (!edits.isEmpty()) {
            host.execute(new CompoundEdit("Label " + edits.size() + " shapes '" + label + "'", edits));
        }
    }

    /**
     * Puts the selected shapes of the edited set on top of (or under) all others, through their
     * {@value Figure#Z_ORDER} attribute, as one edit.
     */
    public void reorderSelection(boolean front) {
        int max = Integer.MIN_VALUE, min = Integer.MAX_VALUE;
        for (Figure f : scene.all()) {
            max = Math.max(max, f.z());
            min = Math.min(min, f.z());
        }
        List<EditCommand> edits = new ArrayList<>();
        int z = front ? max + 1 : min - 1;
        for (Figure f : selection()) {
            if (isEditable(f)) {
                Map<String, Object> attributes = new LinkedHashMap<>(f.annotation().attributes());
                attributes.put(Figure.Z_ORDER, z);
                edits.add(new ReplaceAnnotation(host.itemId(), f.annotator(), f.annotation().withAttributes(attributes, host.user()),
                        (front ? "Bring " : "Send ") + describe(f) + (front ? " to front" : " to back")));
            }
        }
        if (edits.size() == 1) {
            host.execute(edits.get(0));
        } else if (!edits.isEmpty()) {
            host.execute(new CompoundEdit((front ? "Bring " : "Send ") + edits.size() + " shapes " + (front ? "to front" : "to back"), edits));
        }
    }

    private void nudge(double dx, double dy) {
        for (Figure f : selection()) {
            if (isEditable(f)) {
                preview.put(f.key(), Geometry.translate(f.shape(), dx, dy));
            }
        }
        commitPreview("Nudge");
    }

    /** Copies the selected figures to the editor clipboard. */
    public int copySelection() {
        List<Annotation> copied = selection().stream().map(Figure::annotation).toList();
        if (!copied.isEmpty()) {
            ShapeClipboard.put(host.itemId(), copied);
        }
        return copied.size();
    }

    /** Pastes the clipboard into the edited set (offset by 10 pixels when pasted into the item it came from). */
    public int paste() {
        List<Annotation> copied = ShapeClipboard.get();
        if (copied.isEmpty()) {
            return 0;
        }
        double offset = host.itemId().equals(ShapeClipboard.sourceItem()) ? 10 : 0;
        List<EditCommand> edits = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Annotation a : copied) {
            Shape s;
            try {
                s = Geometry.translate(Shape.fromPayload(a.typeId(), a.payload()), offset, offset);
            } catch (RuntimeException e) {
                continue;
            }
            Annotation copy = Annotation.create(Ids.random(), a.typeId(), a.label(), s.toPayload(), host.user()).withAttributes(a.attributes(),
                    host.user());
            edits.add(new AddAnnotation(host.itemId(), host.activeAnnotator(), copy, -1, host.guidelineVersion()));
            keys.add(Figure.key(host.activeAnnotator(), copy.id()));
        }
        if (!edits.isEmpty() && host.execute(edits.size() == 1 ? edits.get(0) : new CompoundEdit("Paste " + edits.size() + " shapes", edits))) {
            select(keys, false);
        }
        return edits.size();
    }

    private static String typeOf(Shape s) {
        return switch (s) {
            case BoundingBox b -> BoundingBox.TYPE;
            case RotatedBox r -> RotatedBox.TYPE;
            case Polygon p -> Polygon.TYPE;
            case Polyline p -> Polyline.TYPE;
            case Keypoints k -> Keypoints.TYPE;
            case Mask m -> Mask.TYPE;
            case Tag t -> Tag.TYPE;
        };
    }

    // ---------------------------------------------------------------- keyboard

    private void keyDown(Event e) {
        char ch = Character.toLowerCase(e.character);
        boolean ctrl = (e.stateMask & SWT.MOD1) != 0, shift = (e.stateMask & SWT.SHIFT) != 0;
        boolean busy = !drawing.isEmpty();
        if (e.character == ' ') {
            if (tool == Tool.KEYPOINTS && busy) {
                skipKeypoint();
            } else {
                spaceDown = true;
            }
            return;
        }
        if (ctrl) {
            switch (e.keyCode) {
                case 'c' -> copySelection();
                case 'v' -> paste();
                case 'a' -> select(scene.all().stream().filter(f -> f.isSpatial() && scene.isEditable(f)).map(Figure::key).toList(), false);
                case ']' -> reorderSelection(true);
                case '[' -> reorderSelection(false);
                default -> host.keyPressed(e.keyCode, e.stateMask, e.character);
            }
            return;
        }
        switch (e.keyCode) {
            case SWT.ESC -> {
                if (busy || drag != Drag.NONE) {
                    cancelDrawing();
                    redraw();
                } else if (!selected.isEmpty()) {
                    selected.clear();
                    selectionDone();
                } else if (tool != Tool.SELECT) {
                    setTool(Tool.SELECT);
                }
                return;
            }
            case SWT.CR, SWT.KEYPAD_CR -> {
                if (tool == Tool.KEYPOINTS) {
                    finishKeypoints();
                } else if (busy) {
                    finishPoly();
                }
                return;
            }
            case SWT.BS, SWT.DEL -> {
                if (busy && e.keyCode == SWT.BS) {
                    int stride = tool == Tool.KEYPOINTS ? 3 : 2;
                    for (int i = 0; i < stride; i++) {
                        drawing.remove(drawing.size() - 1);
                    }
                    describe();
                    redraw();
                } else if (!busy) {
                    deleteHoveredVertexOrSelection();
                }
                return;
            }
            case SWT.TAB -> {
                cycle(shift ? -1 : 1);
                return;
            }
            case SWT.ARROW_LEFT, SWT.ARROW_RIGHT, SWT.ARROW_UP, SWT.ARROW_DOWN -> {
                int dx = e.keyCode == SWT.ARROW_LEFT ? -1 : e.keyCode == SWT.ARROW_RIGHT ? 1 : 0;
                int dy = e.keyCode == SWT.ARROW_UP ? -1 : e.keyCode == SWT.ARROW_DOWN ? 1 : 0;
                if (selection().stream().anyMatch(this::isEditable)) {
                    nudge(dx * (shift ? 10 : 1), dy * (shift ? 10 : 1));
                } else {
                    fitted = false;
                    viewport.panBy(-dx * 60, -dy * 60);
                    redraw();
                }
                return;
            }
            case SWT.KEYPAD_ADD -> {
                zoomBy(1.25);
                return;
            }
            case SWT.KEYPAD_SUBTRACT -> {
                zoomBy(0.8);
                return;
            }
            default -> {
            }
        }
        switch (e.character) {
            case '+', '=' -> zoomBy(1.25);
            case '-', '_' -> zoomBy(0.8);
            case '0' -> actualSize();
            case '[' -> setBrushRadius(brushRadius - Math.max(1, brushRadius / 5));
            case ']' -> setBrushRadius(brushRadius + Math.max(1, brushRadius / 5));
            default -> {
                if (ch == 'f') {
                    fit();
                    return;
                }
                if (ch == 'x' && tool == Tool.KEYPOINTS) {
                    skipKeypoint();
                    return;
                }
                for (Tool t : Tool.values()) {
                    if (t.key == ch) {
                        setTool(t);
                        return;
                    }
                }
                host.keyPressed(e.keyCode, e.stateMask, e.character);
            }
        }
    }

    private void setBrushRadius(int r) {
        brushRadius = Math.max(1, Math.min(500, r));
        describe();
        redraw();
    }

    private void deleteHoveredVertexOrSelection() {
        if (selected.size() == 1 && mouseX >= 0) {
            Figure f = selection().get(0);
            double htol = (HANDLE / 2.0 + 2) / viewport.scale();
            double x = ix(mouseX), y = iy(mouseY);
            double[] h = Geometry.handles(f.shape(), Geometry.KNOB_DISTANCE / viewport.scale());
            if (isEditable(f) && (f.shape() instanceof Polygon || f.shape() instanceof Polyline || f.shape() instanceof Keypoints)) {
                for (int i = 0; i + 1 < h.length; i += 2) {
                    if (Math.abs(h[i] - x) <= htol && Math.abs(h[i + 1] - y) <= htol) {
                        Shape s = Geometry.deleteVertex(f.shape(), i / 2);
                        if (s != null) {
                            replace(f, s, "Delete vertex");
                            return;
                        }
                    }
                }
            }
        }
        deleteSelection();
    }

    /** Selects the next (or previous) shown figure in set order and brings it into view. */
    public void cycle(int direction) {
        List<Figure> all = scene.all().stream().filter(f -> f.isSpatial() && !scene.isHidden(f.label())).toList();
        if (all.isEmpty()) {
            return;
        }
        int current = -1;
        if (!selected.isEmpty()) {
            String last = selected.iterator().next();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).key().equals(last)) {
                    current = i;
                    break;
                }
            }
        }
        int next = current < 0 ? (direction > 0 ? 0 : all.size() - 1) : Math.floorMod(current + direction, all.size());
        select(List.of(all.get(next).key()), true);
    }

    private void reveal(Figure f) {
        if (f == null || !f.isSpatial()) {
            return;
        }
        boolean inside = f.minX() >= viewport.originX() && f.maxX() <= viewport.maxImageX() && f.minY() >= viewport.originY()
                && f.maxY() <= viewport.maxImageY();
        if (!inside) {
            double w = f.maxX() - f.minX(), h = f.maxY() - f.minY();
            if (w * viewport.scale() > viewport.viewWidth() * 0.8 || h * viewport.scale() > viewport.viewHeight() * 0.8) {
                viewport.zoomTo(Math.min(viewport.viewWidth() * 0.6 / Math.max(1, w), viewport.viewHeight() * 0.6 / Math.max(1, h)), 0, 0);
            }
            fitted = false;
            viewport.centreOn((f.minX() + f.maxX()) / 2, (f.minY() + f.maxY()) / 2);
            invalidate();
        }
    }

    // ---------------------------------------------------------------- status

    private void describeCursor(double x, double y) {
        StringBuilder b = new StringBuilder();
        if (image != null && x >= 0 && y >= 0 && x < image.width() && y < image.height()) {
            b.append("x ").append((int) Math.floor(x)).append("  y ").append((int) Math.floor(y)).append("   ");
        }
        b.append(status());
        host.status(b.toString());
    }

    private void describe() {
        host.status(status());
    }

    private String status() {
        StringBuilder b = new StringBuilder();
        b.append(Math.round(viewport.scale() * 100)).append('%').append("   ").append(tool.title);
        switch (tool) {
            case POLYGON, POLYLINE -> b.append(drawing.isEmpty() ? ": click to start" : ": " + drawing.size() / 2 + " points; Enter or double-click ends, Backspace undoes the last");
            case KEYPOINTS -> {
                KeypointTemplate t = drawing.isEmpty() ? host.template(host.currentLabel()) : drawingTemplate;
                int next = drawing.size() / 3;
                if (next < t.size()) {
                    b.append(": place ").append(t.keypoints().get(next).replace('_', ' ')).append(" (").append(next + 1).append('/')
                            .append(t.size()).append("); Shift+click occluded, X skips, Enter ends");
                }
            }
            case BRUSH, ERASER -> b.append(": radius ").append(brushRadius).append(" px ([ and ] change it)");
            default -> {
                if (selected.size() == 1) {
                    b.append(": ").append(describe(selection().get(0)));
                } else if (selected.size() > 1) {
                    b.append(": ").append(selected.size()).append(" selected");
                }
            }
        }
        return b.toString();
    }

    private static String describe(Figure f) {
        String type = f.annotation().typeId().substring(f.annotation().typeId().indexOf('.') + 1);
        return (f.label().isEmpty() ? "unlabelled" : "'" + f.label() + "'") + " " + type.toLowerCase(Locale.ROOT);
    }

    private static double[] toDoubles(List<Double> xs) {
        double[] a = new double[xs.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = xs.get(i);
        }
        return a;
    }

    private void disposeResources() {
        if (tiles != null) {
            tiles.dispose();
        }
        if (base != null) {
            base.dispose();
        }
        if (spare != null) {
            spare.dispose();
        }
        if (brushImage != null) {
            brushImage.dispose();
        }
        colors.values().forEach(Color::dispose);
        maskImages.values().forEach(Image::dispose);
    }

    /** Keys of the selected figures (for tests). */
    public Set<String> selectedKeys() {
        return Set.copyOf(selected);
    }

    /** Simulates a key press (tests drive the canvas without a window manager). */
    public void key(int keyCode, char character, int stateMask) {
        Event e = new Event();
        e.keyCode = keyCode;
        e.character = character;
        e.stateMask = stateMask;
        keyDown(e);
    }

    /** Simulates a mouse gesture at view coordinates (tests). */
    public void mouse(int type, int x, int y, int button, int stateMask) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.button = button;
        e.stateMask = stateMask;
        e.count = 1;
        switch (type) {
            case SWT.MouseDown -> mouseDown(e);
            case SWT.MouseMove -> mouseMove(e);
            case SWT.MouseUp -> mouseUp(e);
            case SWT.MouseDoubleClick -> doubleClick(e);
            default -> throw new IllegalArgumentException("not a mouse event: " + type);
        }
    }
}
