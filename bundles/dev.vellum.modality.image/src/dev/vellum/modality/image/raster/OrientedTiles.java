package dev.vellum.modality.image.raster;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link TiledImage} over stored levels: maps each displayed tile to the stored rectangle that
 * holds it, turns or mirrors it by the EXIF orientation, and maps samples to grey through a
 * lookup table built from the window.
 */
final class OrientedTiles implements TiledImage {
    private static final int[] IDENTITY = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            IDENTITY[i] = i;
        }
    }

    private final Path file;
    private final ImageInfo info;
    private final StoredLevels levels;
    private final int tile;
    private final Window defaultWindow;
    private volatile WindowTable lastTable;

    private record WindowTable(Window window, int[] lut) {
    }

    OrientedTiles(Path file, ImageInfo info, StoredLevels levels, int tile) {
        this.file = file;
        this.info = info;
        this.levels = levels;
        this.tile = tile;
        this.defaultWindow = windowOf(levels.layout(), levels.range());
    }

    /**
     * From the smallest to the largest sample; the whole 8-bit range for colour images, whose
     * samples are shown as they are.
     */
    private static Window windowOf(PixelLayout layout, int[] range) {
        if (!layout.sixteen() && !layout.grey() || range[0] > range[1]) {
            return new Window(127.5, 255);
        }
        double width = Math.max(1, range[1] - range[0]);
        return new Window(range[0] + width / 2, width);
    }

    @Override
    public ImageInfo info() {
        return info;
    }

    @Override
    public int tileSize() {
        return tile;
    }

    @Override
    public int levels() {
        return levels.levels();
    }

    @Override
    public Window defaultWindow() {
        return defaultWindow;
    }

    @Override
    public TilePixels tile(int level, int column, int row, Window window) throws IOException {
        if (level < 0 || level >= levels()) {
            throw new IllegalArgumentException("level " + level + " of " + levels());
        }
        int lw = levelWidth(level);
        int lh = levelHeight(level);
        int x = column * tile;
        int y = row * tile;
        if (column < 0 || row < 0 || x >= lw || y >= lh) {
            throw new IllegalArgumentException("tile " + column + "," + row + " outside level " + level + " (" + lw + " x " + lh + ")");
        }
        int w = Math.min(tile, lw - x);
        int h = Math.min(tile, lh - y);
        int o = info.orientation();
        Rectangle s = Orientation.stored(o, new Rectangle(x, y, w, h), Pyramid.levelSize(levels.width(), level),
                Pyramid.levelSize(levels.height(), level));
        Samples stored;
        try {
            stored = levels.read(level, s.x, s.y, s.width, s.height);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().contains(file.toString()) ? e
                    : new IOException(file + ": " + e.getMessage(), e);
        }
        int[] argb = stored.toArgb(lut(window));
        return new TilePixels(w, h, Orientation.display(o, argb, s.width, s.height));
    }

    /** 8-bit colour ignores the window; 8-bit grey applies one when given; 16-bit always does. */
    private int[] lut(Window window) {
        PixelLayout layout = levels.layout();
        if (!layout.sixteen()) {
            if (window == null || !layout.grey()) {
                return IDENTITY;
            }
        } else if (window == null) {
            window = defaultWindow;
        }
        WindowTable t = lastTable;
        if (t != null && t.window().equals(window)) {
            return t.lut();
        }
        int size = layout.sixteen() ? 65536 : 256;
        int[] lut = new int[size];
        for (int i = 0; i < size; i++) {
            int value = layout.signed() ? (short) i : i;
            lut[i] = window.grey(value);
        }
        lastTable = new WindowTable(window, lut);
        return lut;
    }

    @Override
    public void close() {
        levels.close();
    }
}
