package dev.vellum.modality.image.raster;

import dev.vellum.core.spi.Progress;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Opens image files for display. (Interim: decodes the whole image; the tiled pyramid replaces it.)
 */
public final class RasterImages {
    private RasterImages() {
    }

    /** Header facts of an image. */
    public static ImageInfo probe(Path file) throws IOException {
        try (TiledImage t = open(file, 0, null, Progress.NONE)) {
            return t.info();
        }
    }

    /** Whether an image needs a pyramid built before it can be shown. */
    public static boolean needsPyramid(ImageInfo info) {
        return false;
    }

    /** Whether the pyramid of an image is built. */
    public static boolean hasPyramid(Path file, int page, Path cacheFolder) {
        return true;
    }

    /** Opens an image for display. */
    public static TiledImage open(Path file, int page, Path cacheFolder, Progress progress) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not an image this Vellum can read");
        }
        ImageInfo info = new ImageInfo(img.getWidth(), img.getHeight(), 1, 8, img.getColorModel().getNumComponents(), 1, "");
        return new TiledImage() {
            @Override
            public ImageInfo info() {
                return info;
            }

            @Override
            public int tileSize() {
                return 512;
            }

            @Override
            public int levels() {
                int l = 1;
                while (Math.max(levelWidth(l - 1), levelHeight(l - 1)) > 512) {
                    l++;
                }
                return l;
            }

            @Override
            public TilePixels tile(int level, int column, int row, Window window) {
                int step = 1 << level;
                int x0 = column * 512, y0 = row * 512;
                int w = Math.min(512, levelWidth(level) - x0), h = Math.min(512, levelHeight(level) - y0);
                int[] argb = new int[w * h];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        argb[y * w + x] = img.getRGB(Math.min(img.getWidth() - 1, (x0 + x) * step), Math.min(img.getHeight() - 1, (y0 + y) * step));
                    }
                }
                return new TilePixels(w, h, argb);
            }

            @Override
            public Window defaultWindow() {
                return new Window(127.5, 256);
            }

            @Override
            public void close() {
            }
        };
    }
}
