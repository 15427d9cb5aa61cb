package dev.vellum.modality.image.raster;

import java.io.IOException;

/**
 * The resolution levels of an image in stored orientation, whichever way they are held (decoded
 * in memory, or a pyramid on disk). Level {@code k} is level {@code k - 1} halved by
 * {@link Samples#half()}. Safe for concurrent reads.
 */
interface StoredLevels extends AutoCloseable {
    PixelLayout layout();

    int width();

    int height();

    int levels();

    /** Smallest and largest colour sample at full resolution, {@code {min, max}}. */
    int[] range();

    /** A rectangle of level {@code level}, in that level's stored coordinates. */
    Samples read(int level, int x, int y, int w, int h) throws IOException;

    @Override
    void close();

    /** Levels needed for the smallest to fit in one {@code tile} x {@code tile} tile. */
    static int levelsFor(int width, int height, int tile) {
        int levels = 1;
        long size = Math.max(width, height);
        while (size > tile) {
            size = (size + 1) / 2;
            levels++;
        }
        return levels;
    }
}
