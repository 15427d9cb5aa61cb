package dev.vellum.modality.image.raster.bench;

import dev.vellum.core.spi.Progress;
import dev.vellum.modality.image.raster.RasterImages;
import dev.vellum.modality.image.raster.TiledImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Measures the raster layer on a large image: building its pyramid (time, peak heap), opening the
 * built pyramid, and fetching the tiles a 1440 x 900 view needs at fit zoom and at 1:1.
 */
public final class RasterBenchmark {
    /** The view the tile timings are for. */
    public static final int VIEW_WIDTH = 1440;
    public static final int VIEW_HEIGHT = 900;

    private RasterBenchmark() {
    }

    /**
     * Writes a {@link PatternImage} as a tiled, deflate-compressed TIFF, tile by tile (the
     * pattern is never whole in memory), to a temporary file then moved into place.
     */
    public static void writePatternTiff(Path out, int width, int height) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no TIFF writer");
        }
        ImageWriter writer = writers.next();
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
        try {
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(tmp.toFile())) {
                writer.setOutput(ios);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
                param.setTiling(512, 512, 0, 0);
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("Deflate");
                writer.write(null, new IIOImage(new PatternImage(width, height, 512), null, null), param);
            } finally {
                writer.dispose();
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Builds the pyramid of {@code image} in a fresh {@code cache}, then opens it {@code repeat}
     * times and fetches a view's tiles at fit zoom and at 1:1 (centred), each time from a newly
     * opened image so no decoded tile is reused. Timings in milliseconds; medians over the runs.
     */
    public static Map<String, Object> run(Path image, Path cache, int repeat) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        doc.put("image", image.toString());
        doc.put("fileMb", Files.size(image) / (1024 * 1024));
        doc.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        if (Files.exists(cache.resolve("pyramids"))) {
            deleteTree(cache.resolve("pyramids"));
        }
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(heapBefore);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap sampler");
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        int levels;
        try (TiledImage built = RasterImages.openWithPyramid(image, 0, cache, Progress.NONE)) {
            levels = built.levels();
            doc.put("width", built.width());
            doc.put("height", built.height());
        } finally {
            sampler.interrupt();
        }
        double buildS = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("seconds", Math.round(buildS * 100) / 100.0);
        build.put("peakHeapUsedMb", peak.get() / (1024 * 1024));
        build.put("levels", levels);
        build.put("pyramidMb", folderSize(RasterImages.pyramidFolder(image, 0, cache)) / (1024 * 1024));
        doc.put("build", build);

        List<Double> open = new ArrayList<>();
        List<Double> fit = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        int fitTiles = 0;
        int fullTiles = 0;
        long heapOpen = 0;
        for (int r = 0; r < Math.max(1, repeat); r++) {
            long a = System.nanoTime();
            try (TiledImage img = RasterImages.open(image, 0, cache, failIfBuilding())) {
                open.add((System.nanoTime() - a) / 1e6);
                a = System.nanoTime();
                fitTiles = fetchFit(img);
                fit.add((System.nanoTime() - a) / 1e6);
                a = System.nanoTime();
                fullTiles = fetchOneToOne(img);
                full.add((System.nanoTime() - a) / 1e6);
                System.gc();
                heapOpen = Math.max(heapOpen, memory.getHeapMemoryUsage().getUsed());
            }
        }
        doc.put("openMs", median(open));
        doc.put("fitViewTiles", fitTiles);
        doc.put("fitViewMs", median(fit));
        doc.put("oneToOneViewTiles", fullTiles);
        doc.put("oneToOneViewMs", median(full));
        doc.put("runs", open.size());
        doc.put("heapUsedWhileOpenMb", heapOpen / (1024 * 1024));
        return doc;
    }

    /** Fetches every tile of the level a fit-to-view zoom shows; returns how many. */
    static int fetchFit(TiledImage img) throws IOException {
        double scale = Math.min((double) VIEW_WIDTH / img.width(), (double) VIEW_HEIGHT / img.height());
        int level = 0;
        while (level + 1 < img.levels() && Math.pow(2, level + 1) <= 1 / scale) {
            level++;
        }
        return fetch(img, level, 0, 0, img.levelWidth(level), img.levelHeight(level));
    }

    /** Fetches the level-0 tiles under a view centred on the image; returns how many. */
    static int fetchOneToOne(TiledImage img) throws IOException {
        int x = Math.max(0, img.width() / 2 - VIEW_WIDTH / 2);
        int y = Math.max(0, img.height() / 2 - VIEW_HEIGHT / 2);
        return fetch(img, 0, x, y, Math.min(VIEW_WIDTH, img.width() - x), Math.min(VIEW_HEIGHT, img.height() - y));
    }

    private static int fetch(TiledImage img, int level, int x, int y, int w, int h) throws IOException {
        int t = img.tileSize();
        int n = 0;
        for (int row = y / t; row <= (y + h - 1) / t; row++) {
            for (int col = x / t; col <= (x + w - 1) / t; col++) {
                img.tile(level, col, row, null);
                n++;
            }
        }
        return n;
    }

    private static Progress failIfBuilding() {
        return new Progress() {
            @Override
            public void begin(String task, int totalWork) {
                throw new IllegalStateException("the pyramid was built again instead of reused");
            }

            @Override
            public void worked(int work) {
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        };
    }

    private static double median(List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        return Math.round(s.get(s.size() / 2) * 100) / 100.0;
    }

    private static long folderSize(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
