package dev.vellum.modality.image.raster;

import java.io.IOException;

/**
 * An image opened for display as square tiles at several resolutions, so that a view decodes only
 * what it shows. Level 0 is full resolution; level {@code k} is downsampled by {@code 2^k}, and
 * the last level fits in one tile. Coordinates are those the annotator sees: EXIF orientation is
 * already applied, so annotations line up with the pixels shown.
 * <p>
 * {@link #tile} is safe to call from several threads at once; a view calls it from background
 * threads and caches what it gets.
 */
public interface TiledImage extends AutoCloseable {
    /** The header facts of the image. */
    ImageInfo info();

    /** Width at full resolution, as shown. */
    default int width() {
        return info().width();
    }

    /** Height at full resolution, as shown. */
    default int height() {
        return info().height();
    }

    /** Tile edge length in pixels at every level. */
    int tileSize();

    /** Number of resolution levels, at least 1. */
    int levels();

    /** Width of {@code level} in pixels: {@code ceil(width / 2^level)}. */
    default int levelWidth(int level) {
        return (int) Math.max(1, (width() + (1L << level) - 1) >> level);
    }

    /** Height of {@code level} in pixels: {@code ceil(height / 2^level)}. */
    default int levelHeight(int level) {
        return (int) Math.max(1, (height() + (1L << level) - 1) >> level);
    }

    /**
     * The pixels of one tile.
     *
     * @param window how to map high-bit-depth samples to grey; ignored for 8-bit images, and the
     *               {@link #defaultWindow()} when null
     * @throws IOException naming the file when it cannot be read
     */
    TilePixels tile(int level, int column, int row, Window window) throws IOException;

    /** The window that shows the whole range of sample values (from the file's minimum to maximum, or the type's range). */
    Window defaultWindow();

    /** Releases readers and files. */
    @Override
    void close();
}
