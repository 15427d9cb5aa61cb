package dev.vellum.quality.ui.viewers;

import dev.vellum.quality.report.ChartExport;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageDataProvider;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.JFreeChart;

/**
 * Shows a JFreeChart in SWT by drawing it with Java2D into an image the size of the canvas, the same
 * drawing {@link ChartExport} writes to PNG, so what is seen is what is exported. (jfreechart-swt's
 * ChartComposite was built against JFreeChart 1.0 and its save menu fails with 1.5; an image also
 * keeps AWT's fonts and anti-aliasing identical on screen and in files.) The image is redrawn when
 * the canvas is resized, a moment after the last resize.
 */
public final class ChartCanvas extends Canvas {
    private static final int RESIZE_DELAY_MS = 80;

    private JFreeChart chart;
    private Image image;
    private Point imageSize = new Point(0, 0);
    private boolean renderPending;

    public ChartCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        addListener(SWT.Paint, e -> {
            Rectangle area = getClientArea();
            if (image != null && !image.isDisposed()) {
                e.gc.drawImage(image, 0, 0);
            }
            // whatever the image does not cover yet (the canvas grew, no chart) stays white
            e.gc.setBackground(getBackground());
            if (area.width > imageSize.x) {
                e.gc.fillRectangle(imageSize.x, 0, area.width - imageSize.x, area.height);
            }
            if (area.height > imageSize.y) {
                e.gc.fillRectangle(0, imageSize.y, Math.min(area.width, imageSize.x), area.height - imageSize.y);
            }
        });
        addListener(SWT.Resize, e -> scheduleRender());
        addListener(SWT.Dispose, e -> disposeImage());
    }

    /** Shows {@code newChart} (null for none). */
    public void setChart(JFreeChart newChart) {
        checkWidget();
        this.chart = newChart;
        render();
    }

    /** The chart shown, or null. */
    public JFreeChart getChart() {
        return chart;
    }

    /** The image on screen now, or null before the first drawing (for tests). */
    public Image getImage() {
        return image;
    }

    private void scheduleRender() {
        if (renderPending) {
            return;
        }
        renderPending = true;
        getDisplay().timerExec(RESIZE_DELAY_MS, () -> {
            renderPending = false;
            if (!isDisposed()) {
                render();
            }
        });
    }

    /** Draws the chart now at the canvas's size. */
    public void render() {
        checkWidget();
        Rectangle area = getClientArea();
        disposeImage();
        if (chart == null || area.width < 20 || area.height < 20) {
            redraw();
            return;
        }
        JFreeChart drawn = chart;
        int w = area.width;
        int h = area.height;
        // The provider draws at the zoom SWT asks for, so high-density screens get sharp charts.
        ImageDataProvider provider = zoom -> toImageData(ChartExport.render(drawn, w, h, zoom / 100.0));
        image = new Image(getDisplay(), provider);
        imageSize = new Point(w, h);
        redraw();
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
        imageSize = new Point(0, 0);
    }

    /** An RGB image as SWT image data (direct palette, no copy per pixel through the palette). */
    static ImageData toImageData(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        for (int y = 0; y < h; y++) {
            data.setPixels(0, y, w, pixels, y * w);
        }
        return data;
    }
}
