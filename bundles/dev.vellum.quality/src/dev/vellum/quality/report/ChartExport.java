package dev.vellum.quality.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Charts to images through Vellum's own code: PNG rendered with Java2D and written by ImageIO, SVG
 * drawn by JFreeSVG. (jfreechart-swt's own "Save as" menu refers to a class JFreeChart 1.5 renamed.)
 * Every file is written to a temporary file beside the target and moved over it, so a reader never
 * sees half a chart.
 */
public final class ChartExport {
    /** Default size in layout units: a chart readable on a page and on a screen. */
    public static final int WIDTH = 760;
    /** @see #WIDTH */
    public static final int HEIGHT = 420;

    private ChartExport() {
    }

    /**
     * Draws {@code chart} into an image of {@code width x height} layout units times {@code scale}
     * pixels (2 for a sharp image on a high-density screen).
     */
    public static BufferedImage render(JFreeChart chart, int width, int height, double scale) {
        if (width <= 0 || height <= 0 || !(scale > 0)) {
            throw new IllegalArgumentException("chart size must be positive, was " + width + " x " + height + " at scale " + scale);
        }
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes {@code chart} as a PNG of {@code width x height} layout units at {@code scale}.
     *
     * @throws IOException naming the file when it cannot be written
     */
    public static void writePng(JFreeChart chart, Path file, int width, int height, double scale) throws IOException {
        BufferedImage image = render(chart, width, height, scale);
        atomically(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is installed");
            }
        });
    }

    /**
     * The chart as a standalone SVG document of {@code width x height} user units. Without JFreeSVG's
     * DOCTYPE: it names the SVG 1.0 DTD on the web, which XML parsers then try to download.
     */
    public static String svgDocument(JFreeChart chart, int width, int height) {
        // with a view box too, so a viewer that resizes the image scales the drawing instead of cropping it
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + svg(chart, width, height, "vellum").getSVGElement(null, true, new org.jfree.svg.ViewBox(0, 0, width, height), null, null)
                + "\n";
    }

    /**
     * The chart as an {@code <svg>} element to place inside an HTML page: scales to the width of its
     * container (a view box, no fixed size); {@code idPrefix} keeps the ids of its clip paths and
     * gradients apart from those of other charts on the same page.
     */
    public static String svgElement(JFreeChart chart, int width, int height, String idPrefix) {
        SVGGraphics2D g = svg(chart, width, height, idPrefix);
        return g.getSVGElement(null, false, new org.jfree.svg.ViewBox(0, 0, width, height), null, null);
    }

    /**
     * Writes {@code chart} as an SVG document.
     *
     * @throws IOException naming the file when it cannot be written
     */
    public static void writeSvg(JFreeChart chart, Path file, int width, int height) throws IOException {
        byte[] bytes = svgDocument(chart, width, height).getBytes(StandardCharsets.UTF_8);
        atomically(file, out -> out.write(bytes));
    }

    private static SVGGraphics2D svg(JFreeChart chart, int width, int height, String idPrefix) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(idPrefix);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g;
    }

    /** What writes a file's bytes. */
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes a file through a temporary file in the same folder, flushed to disk, then moved over the
     * target.
     *
     * @throws IOException naming the file
     */
    static void atomically(Path file, Writer writer) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // Not Files.createTempFile: its owner-only permissions would carry over to the exported file.
            tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.CREATE_NEW);
                    OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel))) {
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
