package dev.vellum.modality.image.raster;

import dev.vellum.core.spi.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;

/**
 * Opens image files for display. Images up to {@value #MAX_MEMORY_PIXELS} pixels are decoded once
 * into memory; larger ones are served from a pyramid of tiles built once into the project's cache
 * folder ({@code <cache>/pyramids/<key>/}, the key made from the file's path, size, modification
 * time and page) and reused by later opens. Reads PNG, JPEG, BMP, GIF, TIFF (tiled, striped,
 * multi-page, 8 and 16 bits) and WebP; applies the EXIF orientation of JPEG and TIFF files.
 */
public final class RasterImages {
    /** Largest image, in pixels, decoded into memory rather than through a pyramid (4096 x 4096). */
    public static final long MAX_MEMORY_PIXELS = 4096L * 4096L;
    /** Largest decoded size, in bytes, kept in memory (a 4096 x 4096 RGBA image). */
    private static final long MAX_MEMORY_BYTES = MAX_MEMORY_PIXELS * 4;
    /** Tile edge at every level. */
    public static final int TILE_SIZE = 256;

    private RasterImages() {
    }

    /**
     * The header facts of the first page, without decoding pixels.
     *
     * @throws IOException naming the file when it is missing, not an image, or damaged
     */
    public static ImageInfo probe(Path file) throws IOException {
        return probe(file, 0);
    }

    /** The header facts of one page (0 for the first), without decoding pixels. */
    public static ImageInfo probe(Path file, int page) throws IOException {
        try (ImageSource src = ImageSource.open(file)) {
            return src.info(page);
        }
    }

    /**
     * Whether opening the image goes through a pyramid on disk (built on the first open, which
     * may take a while and is worth a progress dialog) rather than decoding it into memory.
     */
    public static boolean needsPyramid(ImageInfo info) {
        long pixels = (long) info.width() * info.height();
        long bytes = pixels * info.bands() * (info.isHighBitDepth() ? 2 : 1);
        return pixels > MAX_MEMORY_PIXELS || bytes > MAX_MEMORY_BYTES;
    }

    /** Whether a complete pyramid of this page of this file (as it is now) is in the cache folder. */
    public static boolean hasPyramid(Path file, int page, Path cacheFolder) throws IOException {
        return Pyramid.complete(pyramidFolder(file, page, cacheFolder));
    }

    /**
     * Where the pyramid of a page lives. The key changes when the file is replaced or touched,
     * so a stale pyramid is never shown; old ones are left for the cache to be cleared.
     */
    public static Path pyramidFolder(Path file, int page, Path cacheFolder) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        String identity = file.toAbsolutePath().normalize() + "\n" + a.size() + "\n" + a.lastModifiedTime().toMillis()
                + "\n" + page + "\n" + Pyramid.FORMAT + "\n" + TILE_SIZE;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return cacheFolder.resolve("pyramids").resolve(HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Opens a page for display: decoded into memory when small, else through its pyramid,
     * building it first when the cache has none (reporting to {@code progress}).
     *
     * @param page        0 for the first page
     * @param cacheFolder where pyramids are kept; only used for large images
     * @throws IOException           naming the file when it cannot be read
     * @throws CancellationException when {@code progress} was canceled during a build; the cache
     *                               is left without a partial pyramid
     */
    public static TiledImage open(Path file, int page, Path cacheFolder, Progress progress) throws IOException {
        return open(file, page, cacheFolder, progress, false);
    }

    /**
     * As {@link #open}, but always through a pyramid, whatever the size: what {@code open} does
     * for large images (benchmarks and tests use it on small ones).
     */
    public static TiledImage openWithPyramid(Path file, int page, Path cacheFolder, Progress progress) throws IOException {
        return open(file, page, cacheFolder, progress, true);
    }

    private static TiledImage open(Path file, int page, Path cacheFolder, Progress progress, boolean forcePyramid)
            throws IOException {
        Progress p = progress == null ? Progress.NONE : progress;
        try (ImageSource src = ImageSource.open(file)) {
            ImageInfo info = src.info(page);
            if (!forcePyramid && !needsPyramid(info)) {
                Samples all = src.read(page, null, src.layout(page), p::isCanceled);
                return new OrientedTiles(file, info, new MemoryLevels(all, TILE_SIZE), TILE_SIZE);
            }
            Path dir = pyramidFolder(file, page, cacheFolder);
            if (Pyramid.complete(dir)) {
                try {
                    return new OrientedTiles(file, info, Pyramid.open(dir), TILE_SIZE);
                } catch (IOException damaged) {
                    // a cache is disposable: a damaged one is built again
                    Pyramid.deleteTree(dir);
                }
            }
            Pyramid.build(src, page, dir, TILE_SIZE, p);
            return new OrientedTiles(file, info, Pyramid.open(dir), TILE_SIZE);
        }
    }
}
