package dev.vellum.modality.image.raster;

import dev.vellum.core.spi.Progress;
import java.awt.Rectangle;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A multi-resolution pyramid of one image page on disk, built once and read many times. A folder
 * holds {@code pyramid.properties} (size, pixel layout, tile size, sample range) and, per level,
 * {@code level-K.tiles} (the tiles one after the other, row by row) with {@code level-K.index}
 * (where each tile starts). A tile is its samples, each minus its left neighbour's (which makes
 * smooth images compress), deflated. 16-bit samples are kept as they are, so a window/level can
 * change without building again.
 * <p>
 * The folder only ever appears complete: it is built under a temporary name beside its final one
 * and renamed when done.
 */
final class Pyramid implements StoredLevels {
    /** Bumped when the folder's layout changes; part of the cache key, so old pyramids are ignored. */
    static final int FORMAT = 1;
    static final String META = "pyramid.properties";
    private static final int MAGIC = 0x56505952; // "VPYR"
    /** Decoded tiles kept for reads that straddle tile edges (a mirrored or rotated view does). */
    private static final int CACHED_TILES = 96;
    /** Decoded bytes per strip read from a format that must decode from the top to reach a row. */
    private static final long SEQUENTIAL_STRIP_BYTES = 64L << 20;

    private final Path dir;
    private final PixelLayout layout;
    private final int width;
    private final int height;
    private final int tile;
    private final int[] range;
    private final FileChannel[] channels;
    private final long[][] offsets;
    private final Map<Long, Samples> cache = new LinkedHashMap<>(CACHED_TILES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Samples> eldest) {
            return size() > CACHED_TILES;
        }
    };

    private Pyramid(Path dir, PixelLayout layout, int width, int height, int tile, int[] range, FileChannel[] channels,
            long[][] offsets) {
        this.dir = dir;
        this.layout = layout;
        this.width = width;
        this.height = height;
        this.tile = tile;
        this.range = range;
        this.channels = channels;
        this.offsets = offsets;
    }

    static boolean complete(Path dir) {
        return Files.isRegularFile(dir.resolve(META));
    }

    /** Opens a complete pyramid folder; an IOException naming the folder when it is damaged. */
    static Pyramid open(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(META), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        FileChannel[] channels = null;
        try {
            if (Integer.parseInt(p.getProperty("format")) != FORMAT) {
                throw new IOException(dir + ": pyramid format " + p.getProperty("format") + ", expected " + FORMAT);
            }
            int width = Integer.parseInt(p.getProperty("width"));
            int height = Integer.parseInt(p.getProperty("height"));
            int tile = Integer.parseInt(p.getProperty("tile"));
            int levels = Integer.parseInt(p.getProperty("levels"));
            PixelLayout layout = new PixelLayout(Integer.parseInt(p.getProperty("bands")),
                    Boolean.parseBoolean(p.getProperty("sixteen")), Boolean.parseBoolean(p.getProperty("signed")));
            int[] range = {Integer.parseInt(p.getProperty("min")), Integer.parseInt(p.getProperty("max"))};
            if (levels != StoredLevels.levelsFor(width, height, tile)) {
                throw new IOException(dir + ": " + levels + " levels do not match " + width + " x " + height);
            }
            channels = new FileChannel[levels];
            long[][] offsets = new long[levels][];
            for (int k = 0; k < levels; k++) {
                int across = ceilDiv(levelSize(width, k), tile);
                int down = ceilDiv(levelSize(height, k), tile);
                offsets[k] = readIndex(dir.resolve("level-" + k + ".index"), across * down);
                channels[k] = FileChannel.open(dir.resolve("level-" + k + ".tiles"), StandardOpenOption.READ);
                if (channels[k].size() != offsets[k][offsets[k].length - 1]) {
                    throw new IOException(dir + ": level " + k + " tiles are cut short");
                }
            }
            return new Pyramid(dir, layout, width, height, tile, range, channels, offsets);
        } catch (RuntimeException e) {
            closeAll(channels);
            throw new IOException(dir.resolve(META) + ": damaged pyramid description (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            closeAll(channels);
            throw e;
        }
    }

    private static long[] readIndex(Path file, int tiles) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != tiles) {
                throw new IOException(file + ": not an index of " + tiles + " tiles");
            }
            long[] o = new long[tiles + 1];
            for (int i = 0; i <= tiles; i++) {
                o[i] = in.readLong();
            }
            return o;
        } catch (EOFException e) {
            throw new IOException(file + ": index cut short", e);
        }
    }

    private static void closeAll(FileChannel[] channels) {
        if (channels != null) {
            for (FileChannel c : channels) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (IOException e) {
                        // read-only: nothing lost
                    }
                }
            }
        }
    }

    static int levelSize(int size, int level) {
        return (int) Math.max(1, ((long) size + (1L << level) - 1) >> level);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public PixelLayout layout() {
        return layout;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int levels() {
        return channels.length;
    }

    @Override
    public int[] range() {
        return range.clone();
    }

    int tileSize() {
        return tile;
    }

    @Override
    public Samples read(int level, int x, int y, int w, int h) throws IOException {
        int c0 = x / tile;
        int r0 = y / tile;
        int c1 = (x + w - 1) / tile;
        int r1 = (y + h - 1) / tile;
        if (c0 == c1 && r0 == r1) {
            return tile(level, c0, r0).region(x - c0 * tile, y - r0 * tile, w, h);
        }
        Samples out = Samples.allocate(w, h, layout);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                Samples t = tile(level, c, r);
                int tx = c * tile;
                int ty = r * tile;
                int ix = Math.max(x, tx);
                int iy = Math.max(y, ty);
                int iw = Math.min(x + w, tx + t.width) - ix;
                int ih = Math.min(y + h, ty + t.height) - iy;
                out.paste(t.region(ix - tx, iy - ty, iw, ih), ix - x, iy - y);
            }
        }
        return out;
    }

    private Samples tile(int level, int column, int row) throws IOException {
        long key = (long) level << 48 | (long) row << 24 | column;
        synchronized (cache) {
            Samples s = cache.get(key);
            if (s != null) {
                return s;
            }
        }
        Samples s = decodeTile(level, column, row);
        synchronized (cache) {
            cache.put(key, s);
        }
        return s;
    }

    private Samples decodeTile(int level, int column, int row) throws IOException {
        int lw = levelSize(width, level);
        int lh = levelSize(height, level);
        int across = ceilDiv(lw, tile);
        int i = row * across + column;
        long start = offsets[level][i];
        int length = (int) (offsets[level][i + 1] - start);
        ByteBuffer buf = ByteBuffer.allocate(length);
        FileChannel ch = channels[level];
        while (buf.hasRemaining()) {
            if (ch.read(buf, start + buf.position()) < 0) {
                throw new IOException(dir.resolve("level-" + level + ".tiles") + ": cut short");
            }
        }
        int tw = Math.min(tile, lw - column * tile);
        int th = Math.min(tile, lh - row * tile);
        byte[] raw = new byte[tw * th * layout.bands() * layout.bytesPerSample()];
        Inflater inf = new Inflater();
        try {
            inf.setInput(buf.array());
            int n = 0;
            while (n < raw.length) {
                int k = inf.inflate(raw, n, raw.length - n);
                if (k == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != raw.length) {
                throw new IOException(dir.resolve("level-" + level + ".tiles") + ": tile " + column + "," + row + " is damaged");
            }
        } catch (DataFormatException e) {
            throw new IOException(dir.resolve("level-" + level + ".tiles") + ": tile " + column + "," + row + " is damaged", e);
        } finally {
            inf.end();
        }
        return undifference(raw, tw, th, layout);
    }

    @Override
    public void close() {
        closeAll(channels);
        synchronized (cache) {
            cache.clear();
        }
    }

    // ---- encoding

    static byte[] difference(Samples t) {
        int b = t.bands();
        int rowLen = t.width * b;
        if (t.bytes != null) {
            byte[] out = new byte[t.bytes.length];
            for (int y = 0; y < t.height; y++) {
                int o = y * rowLen;
                System.arraycopy(t.bytes, o, out, o, Math.min(b, rowLen));
                for (int i = b; i < rowLen; i++) {
                    out[o + i] = (byte) (t.bytes[o + i] - t.bytes[o + i - b]);
                }
            }
            return out;
        }
        byte[] out = new byte[t.shorts.length * 2];
        for (int y = 0; y < t.height; y++) {
            int o = y * rowLen;
            for (int i = 0; i < rowLen; i++) {
                short d = i < b ? t.shorts[o + i] : (short) (t.shorts[o + i] - t.shorts[o + i - b]);
                out[2 * (o + i)] = (byte) (d >> 8);
                out[2 * (o + i) + 1] = (byte) d;
            }
        }
        return out;
    }

    static Samples undifference(byte[] raw, int w, int h, PixelLayout layout) {
        int b = layout.bands();
        int rowLen = w * b;
        if (!layout.sixteen()) {
            for (int y = 0; y < h; y++) {
                int o = y * rowLen;
                for (int i = b; i < rowLen; i++) {
                    raw[o + i] = (byte) (raw[o + i] + raw[o + i - b]);
                }
            }
            return Samples.ofBytes(w, h, layout, raw);
        }
        short[] s = new short[w * h * b];
        for (int y = 0; y < h; y++) {
            int o = y * rowLen;
            for (int i = 0; i < rowLen; i++) {
                short d = (short) ((raw[2 * (o + i)] << 8) | (raw[2 * (o + i) + 1] & 0xFF));
                s[o + i] = i < b ? d : (short) (d + s[o + i - b]);
            }
        }
        return Samples.ofShorts(w, h, layout, s);
    }

    // ---- building

    /**
     * Builds the pyramid of {@code page} into {@code dir}, reading the image in strips of full
     * width (never the whole image at once) and making each level from the one above it as
     * strips arrive.
     *
     * @throws CancellationException when {@code progress} is canceled; nothing is left behind
     */
    static void build(ImageSource src, int page, Path dir, int tile, Progress progress) throws IOException {
        PixelLayout layout = src.layout(page);
        int w = src.storedWidth(page);
        int h = src.storedHeight(page);
        int levels = StoredLevels.levelsFor(w, h, tile);
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".building-");
        LevelWriter[] writers = new LevelWriter[levels];
        boolean done = false;
        try {
            for (int k = levels - 1; k >= 0; k--) {
                writers[k] = new LevelWriter(tmp, k, levelSize(w, k), levelSize(h, k), tile, layout,
                        k + 1 < levels ? writers[k + 1] : null);
            }
            long rowBytes = (long) w * layout.bands() * layout.bytesPerSample();
            // formats read row by row from the top pay for every row above a strip: fewer, taller strips
            int stripRows = src.randomAccess() ? tile
                    : (int) Math.max(tile, Math.min(h, SEQUENTIAL_STRIP_BYTES / Math.max(1, rowBytes) / tile * tile));
            progress.begin("Building the image pyramid of " + src.file().getFileName(), h);
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (int y = 0; y < h; y += stripRows) {
                if (progress.isCanceled()) {
                    throw new CancellationException(src.file() + ": building the image pyramid was canceled");
                }
                int rows = Math.min(stripRows, h - y);
                Samples strip = src.read(page, new Rectangle(0, y, w, rows), layout, progress::isCanceled);
                if (strip.width != w || strip.height != rows) {
                    throw new IOException(src.file() + ": the reader gave " + strip.width + " x " + strip.height
                            + " pixels for a strip of " + w + " x " + rows);
                }
                if (layout.sixteen() || layout.grey()) { // 8-bit colour is shown as it is: no window to fit
                    int[] r = strip.range();
                    min = Math.min(min, r[0]);
                    max = Math.max(max, r[1]);
                }
                for (int sy = 0; sy < rows; sy += tile) {
                    writers[0].accept(strip.region(0, sy, w, Math.min(tile, rows - sy)));
                }
                progress.worked(rows);
            }
            for (LevelWriter lw : writers) {
                lw.finish();
            }
            Properties p = new Properties();
            p.setProperty("format", Integer.toString(FORMAT));
            p.setProperty("source", src.file().toAbsolutePath().toString());
            p.setProperty("page", Integer.toString(page));
            p.setProperty("width", Integer.toString(w));
            p.setProperty("height", Integer.toString(h));
            p.setProperty("tile", Integer.toString(tile));
            p.setProperty("levels", Integer.toString(levels));
            p.setProperty("bands", Integer.toString(layout.bands()));
            p.setProperty("sixteen", Boolean.toString(layout.sixteen()));
            p.setProperty("signed", Boolean.toString(layout.signed()));
            p.setProperty("min", Integer.toString(min));
            p.setProperty("max", Integer.toString(max));
            try (Writer out = Files.newBufferedWriter(tmp.resolve(META), StandardCharsets.UTF_8)) {
                p.store(out, "Vellum image pyramid: a cache, safe to delete");
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!complete(dir)) {
                    throw new IOException(dir + ": cannot store the image pyramid (" + e.getMessage() + ")", e);
                }
                // another build of the same image finished first: its result is as good
                deleteTree(tmp);
            }
            done = true;
        } finally {
            for (LevelWriter lw : writers) {
                if (lw != null) {
                    lw.close();
                }
            }
            if (!done) {
                deleteTree(tmp);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Writes one level's tiles as strips of {@code tile} rows arrive, and hands every two strips,
     * halved, to the next level.
     */
    private static final class LevelWriter implements Closeable {
        private final Path tilesFile;
        private final Path indexFile;
        private final int width;
        private final int height;
        private final int tile;
        private final LevelWriter next;
        private final OutputStream out;
        private final long[] offsets;
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        private final byte[] buffer = new byte[64 * 1024];
        private final ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        private int count;
        private long written;
        private int rows;
        private Samples pending;

        LevelWriter(Path dir, int level, int width, int height, int tile, PixelLayout layout, LevelWriter next)
                throws IOException {
            this.tilesFile = dir.resolve("level-" + level + ".tiles");
            this.indexFile = dir.resolve("level-" + level + ".index");
            this.width = width;
            this.height = height;
            this.tile = tile;
            this.next = next;
            this.offsets = new long[ceilDiv(width, tile) * ceilDiv(height, tile) + 1];
            this.out = new BufferedOutputStream(Files.newOutputStream(tilesFile), 1 << 20);
        }

        void accept(Samples strip) throws IOException {
            for (int x = 0; x < width; x += tile) {
                byte[] raw = difference(strip.region(x, 0, Math.min(tile, width - x), strip.height));
                deflater.reset();
                deflater.setInput(raw);
                deflater.finish();
                encoded.reset();
                while (!deflater.finished()) {
                    int n = deflater.deflate(buffer);
                    encoded.write(buffer, 0, n);
                }
                offsets[count++] = written;
                encoded.writeTo(out);
                written += encoded.size();
            }
            rows += strip.height;
            if (next != null) {
                if (pending == null && rows < height) {
                    pending = strip;
                } else {
                    Samples both = pending == null ? strip : pending.stack(strip);
                    pending = null;
                    next.accept(both.half());
                }
            }
        }

        void finish() throws IOException {
            if (rows != height || count != offsets.length - 1) {
                throw new IOException(tilesFile + ": " + rows + " of " + height + " rows written");
            }
            offsets[count] = written;
            out.close();
            try (DataOutputStream idx = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(indexFile)))) {
                idx.writeInt(MAGIC);
                idx.writeInt(count);
                for (long o : offsets) {
                    idx.writeLong(o);
                }
            }
        }

        @Override
        public void close() {
            deflater.end();
            try {
                out.close();
            } catch (IOException e) {
                // only reached after a failure that is already being reported
            }
        }
    }
}
