package dev.vellum.modality.image.ui.viewers;

import dev.vellum.modality.image.raster.TiledImage;
import dev.vellum.modality.image.raster.TilePixels;
import dev.vellum.modality.image.raster.Window;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.widgets.Display;

/**
 * The tiles of one image as SWT images: fetched on background threads, kept in a bounded
 * least-recently-used cache (about 96 MB of pixels), disposed when evicted. {@link #get} never
 * blocks the UI thread: a missing tile is requested and {@code arrived} runs when it is there.
 */
final class TileCache {
    private static final int MAX_TILES = 96;

    private record Key(int level, int column, int row, Window window) {
    }

    private final Display display;
    private final TiledImage image;
    private final Consumer<String> failed;
    private final TileListener arrived;
    private final ExecutorService loader;
    private final Map<Key, Image> images = new LinkedHashMap<>(64, 0.75f, true);
    private final Set<Key> pending = new HashSet<>();
    private boolean disposed;

    /** Told on the UI thread when a tile has arrived. */
    interface TileListener {
        void arrived(int level, int column, int row);
    }

    TileCache(Display display, TiledImage image, TileListener arrived, Consumer<String> failed) {
        this.display = display;
        this.image = image;
        this.arrived = arrived;
        this.failed = failed;
        this.loader = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "vellum-image-tiles");
            t.setDaemon(true);
            return t;
        });
    }

    /** The tile's image if it is loaded; otherwise null, and it is requested. UI thread only. */
    Image get(int level, int column, int row, Window window) {
        Key key = new Key(level, column, row, window);
        Image img = images.get(key);
        if (img == null && !disposed && pending.add(key)) {
            try {
                loader.execute(() -> load(key));
            } catch (RejectedExecutionException e) {
                pending.remove(key);
            }
        }
        return img;
    }

    /** The tile's image if it is loaded, without requesting it. */
    Image peek(int level, int column, int row, Window window) {
        return images.get(new Key(level, column, row, window));
    }

    /**
     * Loads a tile now, on this thread (for benchmarks and tests).
     *
     * @return whether it was not loaded before
     */
    boolean loadNow(int level, int column, int row, Window window) throws IOException {
        Key key = new Key(level, column, row, window);
        if (images.containsKey(key)) {
            return false;
        }
        put(key, toImageData(image.tile(level, column, row, window)));
        return true;
    }

    private void load(Key key) {
        ImageData data;
        try {
            data = toImageData(image.tile(key.level(), key.column(), key.row(), key.window()));
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage();
            display.asyncExec(() -> {
                pending.remove(key);
                if (!disposed) {
                    failed.accept(message);
                }
            });
            return;
        }
        display.asyncExec(() -> {
            pending.remove(key);
            if (!disposed) {
                put(key, data);
                arrived.arrived(key.level(), key.column(), key.row());
            }
        });
    }

    private void put(Key key, ImageData data) {
        images.put(key, new Image(display, data));
        while (images.size() > MAX_TILES) {
            var eldest = images.entrySet().iterator().next();
            eldest.getValue().dispose();
            images.remove(eldest.getKey());
        }
    }

    static ImageData toImageData(TilePixels p) {
        ImageData data = new ImageData(p.width(), p.height(), 32, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        for (int y = 0; y < p.height(); y++) {
            data.setPixels(0, y, p.width(), p.argb(), y * p.width());
        }
        boolean opaque = true;
        int[] argb = p.argb();
        for (int i = 0; i < argb.length && opaque; i++) {
            opaque = argb[i] >>> 24 == 0xFF;
        }
        if (!opaque) {
            byte[] alpha = new byte[argb.length];
            for (int i = 0; i < argb.length; i++) {
                alpha[i] = (byte) (argb[i] >>> 24);
            }
            data.alphaData = alpha;
        }
        return data;
    }

    /** Drops every tile (after the window changed, the old ones are useless). */
    void clear() {
        images.values().forEach(Image::dispose);
        images.clear();
    }

    void dispose() {
        disposed = true;
        loader.shutdownNow();
        clear();
    }
}
