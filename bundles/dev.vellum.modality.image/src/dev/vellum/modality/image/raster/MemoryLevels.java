package dev.vellum.modality.image.raster;

/**
 * Levels of an image small enough to decode at once: level 0 as decoded, the others computed the
 * first time they are asked for.
 */
final class MemoryLevels implements StoredLevels {
    private final Samples[] levels;
    private final int[] range;

    MemoryLevels(Samples full, int tile) {
        this.levels = new Samples[StoredLevels.levelsFor(full.width, full.height, tile)];
        this.levels[0] = full;
        // 8-bit colour is shown as it is, so its range is never asked for a window
        this.range = full.layout.sixteen() || full.layout.grey() ? full.range() : new int[] {0, 255};
    }

    @Override
    public PixelLayout layout() {
        return levels[0].layout;
    }

    @Override
    public int width() {
        return levels[0].width;
    }

    @Override
    public int height() {
        return levels[0].height;
    }

    @Override
    public int levels() {
        return levels.length;
    }

    @Override
    public int[] range() {
        return range.clone();
    }

    private synchronized Samples level(int k) {
        if (levels[k] == null) {
            levels[k] = level(k - 1).half();
        }
        return levels[k];
    }

    @Override
    public Samples read(int level, int x, int y, int w, int h) {
        return level(level).region(x, y, w, h);
    }

    @Override
    public void close() {
        // nothing held but memory
    }
}
