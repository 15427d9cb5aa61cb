package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.spi.Progress;
import dev.vellum.modality.image.raster.ImageInfo;
import dev.vellum.modality.image.raster.RasterImages;
import dev.vellum.modality.image.raster.TilePixels;
import dev.vellum.modality.image.raster.TiledImage;
import dev.vellum.modality.image.raster.Window;
import dev.vellum.modality.image.raster.bench.PatternImage;
import dev.vellum.modality.image.raster.bench.RasterBenchmark;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The raster layer: every format opens with its pixels where they belong, EXIF orientation on a
 * real camera JPEG, window/level, and the pyramid cache (equal to in-memory levels, reused,
 * cancellable, rebuilt when damaged).
 */
class RasterImagesTest {
    private static final int RED = 0xFFFF0000;
    private static final int GREEN = 0xFF00FF00;
    private static final int BLUE = 0xFF0000FF;
    private static final int WHITE = 0xFFFFFFFF;

    @TempDir
    Path tmp;

    private Path cache() {
        return tmp.resolve("cache");
    }

    private Path resource(String name) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(RasterImagesTest.class);
        Enumeration<URL> urls = bundle.findEntries("resources/raster", name, false);
        if (urls == null || !urls.hasMoreElements()) {
            throw new IOException("no resource " + name + " in " + bundle.getSymbolicName());
        }
        Path p = tmp.resolve("in").resolve(name);
        Files.createDirectories(p.getParent());
        try (InputStream in = urls.nextElement().openStream()) {
            Files.copy(in, p);
        }
        return p;
    }

    /** Red left half, blue right half, a green square at (8..15, 8..15): exact in every lossless format. */
    private static BufferedImage quadrants(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = x < w / 2 ? RED : BLUE;
                if (x >= 8 && x < 16 && y >= 8 && y < 16) {
                    c = GREEN;
                }
                img.setRGB(x, y, c);
            }
        }
        return img;
    }

    private static int pixel(TiledImage img, int level, int x, int y, Window window) throws IOException {
        int t = img.tileSize();
        TilePixels tile = img.tile(level, x / t, y / t, window);
        return tile.argb()[(y % t) * tile.width() + x % t];
    }

    private static int channelDistance(int a, int b) {
        int d = 0;
        for (int s = 0; s < 24; s += 8) {
            d = Math.max(d, Math.abs((a >> s & 0xFF) - (b >> s & 0xFF)));
        }
        return d;
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "bmp", "gif", "tiff"})
    void eachWrittenFormatOpensWithItsPixels(String format) throws IOException {
        Path file = tmp.resolve("q." + format);
        assertTrue(ImageIO.write(quadrants(300, 200, BufferedImage.TYPE_INT_RGB), format, file.toFile()));

        ImageInfo info = RasterImages.probe(file);
        assertEquals(300, info.width());
        assertEquals(200, info.height());
        assertEquals(1, info.orientation());
        assertEquals(format, info.format());
        assertFalse(RasterImages.needsPyramid(info));

        int tolerance = format.equals("jpeg") ? 24 : 0;
        try (TiledImage img = RasterImages.open(file, 0, cache(), Progress.NONE)) {
            assertEquals(2, img.levels(), "300 px needs a second level to fit one 256 tile");
            assertTrue(channelDistance(RED, pixel(img, 0, 40, 100, null)) <= tolerance);
            assertTrue(channelDistance(BLUE, pixel(img, 0, 280, 190, null)) <= tolerance, "pixel in the second tile");
            if (!format.equals("jpeg")) { // JPEG averages colour over 16 x 16 blocks: the 8 x 8 square is not kept
                assertEquals(GREEN, pixel(img, 0, 11, 11, null));
            }
            assertEquals(0xFF, pixel(img, 0, 11, 11, null) >>> 24, "opaque");
        }
        assertFalse(Files.exists(cache()), "small images need no cache");
    }

    @Test
    void webpOpensThroughTheRegisteredPlugin() throws IOException {
        Path file = resource("quadrants.webp");
        ImageInfo info = RasterImages.probe(file);
        assertEquals(new ImageInfo(64, 48, 1, 8, info.bands(), 1, "webp"), info);
        try (TiledImage img = RasterImages.open(file, 0, cache(), Progress.NONE)) {
            assertEquals(RED, pixel(img, 0, 2, 40, null) | 0xFF000000);
            assertEquals(BLUE, pixel(img, 0, 60, 2, null) | 0xFF000000);
            assertEquals(GREEN, pixel(img, 0, 15, 8, null) | 0xFF000000);
            assertEquals(RED, pixel(img, 0, 16, 8, null) | 0xFF000000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"labelme_img1.png", "voc_segmentation.png", "coco_a.jpg", "C1_P01_N1_S2_1.JPG"})
    void sharedFilesOpenWithTheSamePixelsImageIoDecodes(String name) throws IOException {
        Path file = resource(name);
        BufferedImage raw = ImageIO.read(file.toFile());
        ImageInfo info = RasterImages.probe(file);
        assertEquals(raw.getWidth(), info.width());
        assertEquals(raw.getHeight(), info.height());
        try (TiledImage img = RasterImages.open(file, 0, cache(), Progress.NONE)) {
            for (int[] p : new int[][] {{0, 0}, {raw.getWidth() - 1, raw.getHeight() - 1}, {raw.getWidth() / 2, raw.getHeight() / 3}}) {
                assertEquals(shown(raw, p[0], p[1]), pixel(img, 0, p[0], p[1], null), name + " at " + p[0] + "," + p[1]);
            }
        }
    }

    /**
     * What a viewer shows: the grey sample itself for grey images (Java's getRGB would convert
     * them from linear grey), else the sRGB colour.
     */
    private static int shown(BufferedImage raw, int x, int y) {
        if (raw.getColorModel().getNumColorComponents() == 1 && raw.getColorModel() instanceof java.awt.image.ComponentColorModel) {
            int s = raw.getRaster().getSample(x, y, 0);
            return 0xFF000000 | s * 0x010101;
        }
        return raw.getRGB(x, y);
    }

    @Test
    void tiledMultiPageTiffServesEachPage() throws IOException {
        Path file = tmp.resolve("pages.tif");
        BufferedImage first = quadrants(600, 400, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage second = quadrants(100, 60, BufferedImage.TYPE_BYTE_GRAY);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
            param.setTiling(128, 128, 0, 0);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(first, null, null), param);
            writer.writeToSequence(new IIOImage(second, null, null), writer.getDefaultWriteParam());
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        ImageInfo info = RasterImages.probe(file);
        assertEquals(2, info.pages());
        assertEquals(600, info.width());
        ImageInfo page2 = RasterImages.probe(file, 1);
        assertEquals(100, page2.width());
        assertEquals(60, page2.height());
        assertEquals(1, page2.bands(), "grey page");

        try (TiledImage a = RasterImages.openWithPyramid(file, 0, cache(), Progress.NONE);
                TiledImage b = RasterImages.open(file, 1, cache(), Progress.NONE)) {
            assertEquals(RED, pixel(a, 0, 299, 399, null));
            assertEquals(BLUE, pixel(a, 0, 300, 0, null));
            assertEquals(GREEN, pixel(a, 0, 8, 15, null));
            int grey = pixel(b, 0, 90, 30, null);
            assertEquals(grey & 0xFF, grey >> 8 & 0xFF, "grey shows as grey");
            assertEquals(second.getRaster().getSample(90, 30, 0), grey & 0xFF, "the stored grey sample");
        }
        IOException noPage = assertThrows(IOException.class, () -> RasterImages.probe(file, 2));
        assertTrue(noPage.getMessage().contains(file.toString()) && noPage.getMessage().contains("page 2"), noPage.getMessage());
    }

    // ---- EXIF orientation

    /** A copy of the camera JPEG with its EXIF Orientation set to {@code value}. */
    private Path cameraJpeg(int value) throws IOException {
        byte[] bytes = Files.readAllBytes(resource("C1_P01_N1_S2_1.JPG"));
        int exif = indexOf(bytes, new byte[] {'E', 'x', 'i', 'f', 0, 0});
        int tiff = exif + 6;
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.order(bytes[tiff] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = tiff + buf.getInt(tiff + 4);
        int entries = buf.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            int e = ifd + 2 + 12 * i;
            if ((buf.getShort(e) & 0xFFFF) == 274) {
                buf.putShort(e + 8, (short) value);
                Path out = tmp.resolve("camera-" + value + ".jpg");
                Files.write(out, bytes);
                return out;
            }
        }
        throw new AssertionError("the camera JPEG has no Orientation entry");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void realCameraJpegKeepsItsNormalOrientation() throws IOException {
        // the photo's tag says 1 (normal); labelImg's annotation of it gives 1363 x 2188 too
        ImageInfo info = RasterImages.probe(resource("C1_P01_N1_S2_1.JPG"));
        assertEquals(new ImageInfo(1363, 2188, 1, 8, 3, 1, "jpeg"), info);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 6, 8})
    void exifOrientationTurnsTheCameraJpeg(int orientation) throws IOException {
        Path file = cameraJpeg(orientation);
        BufferedImage raw = ImageIO.read(file.toFile()); // ImageIO ignores the tag: stored pixels
        int w = raw.getWidth();
        int h = raw.getHeight();
        ImageInfo info = RasterImages.probe(file);
        assertEquals(orientation, info.orientation());
        boolean swapped = orientation >= 5;
        assertEquals(swapped ? h : w, info.width());
        assertEquals(swapped ? w : h, info.height());
        try (TiledImage img = RasterImages.open(file, 0, cache(), Progress.NONE)) {
            // the stored top-left pixel is where the turn or mirror puts it
            int[] shownAt = switch (orientation) {
                case 2 -> new int[] {w - 1, 0};
                case 3 -> new int[] {w - 1, h - 1};
                case 6 -> new int[] {h - 1, 0}; // turned clockwise: top-left goes top-right
                default -> new int[] {0, w - 1}; // 8, turned anticlockwise: top-left goes bottom-left
            };
            assertEquals(raw.getRGB(0, 0), pixel(img, 0, shownAt[0], shownAt[1], null));
            // and every pixel of a tile inside the image follows the same map
            TilePixels t = img.tile(0, 1, 2, null);
            for (int j = 0; j < t.height(); j++) {
                for (int i = 0; i < t.width(); i++) {
                    int x = 256 + i;
                    int y = 512 + j;
                    int expected = switch (orientation) {
                        case 2 -> raw.getRGB(w - 1 - x, y);
                        case 3 -> raw.getRGB(w - 1 - x, h - 1 - y);
                        case 6 -> raw.getRGB(y, h - 1 - x);
                        default -> raw.getRGB(w - 1 - y, x);
                    };
                    assertEquals(expected, t.argb()[j * t.width() + i], "shown " + x + "," + y);
                }
            }
            if (orientation == 6) {
                try (TiledImage pyramid = RasterImages.openWithPyramid(file, 0, cache(), Progress.NONE)) {
                    assertSameTiles(img, pyramid);
                }
            }
        }
    }

    @Test
    void tiffOrientationTagIsApplied() throws IOException {
        Path file = tmp.resolve("turned.tif");
        BufferedImage img = quadrants(40, 30, BufferedImage.TYPE_3BYTE_BGR);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            TIFFDirectory dir = TIFFDirectory.createFromMetadata(md);
            TIFFTag tag = BaselineTIFFTagSet.getInstance().getTag(BaselineTIFFTagSet.TAG_ORIENTATION);
            dir.addTIFFField(new TIFFField(tag, TIFFTag.TIFF_SHORT, 1, new char[] {8}));
            writer.write(null, new IIOImage(img, null, dir.getAsMetadata()), param);
        } finally {
            writer.dispose();
        }
        ImageInfo info = RasterImages.probe(file);
        assertEquals(8, info.orientation());
        assertEquals(30, info.width());
        assertEquals(40, info.height());
        try (TiledImage t = RasterImages.open(file, 0, cache(), Progress.NONE)) {
            // turned anticlockwise: the red left half is at the bottom, the green square near the bottom left
            assertEquals(RED, pixel(t, 0, 0, 39, null));
            assertEquals(BLUE, pixel(t, 0, 29, 0, null));
            assertEquals(GREEN, pixel(t, 0, 8, 40 - 1 - 8, null));
        }
    }

    // ---- window/level

    private Path sixteenBitGreyPng(int w, int h, int from, int to) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, x == 0 && y == 0 ? to : from + (x + y) % 3);
            }
        }
        r.setSample(w - 1, h - 1, 0, 3000);
        Path file = tmp.resolve("grey16-" + w + ".png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void sixteenBitGreyIsShownThroughTheWindow() throws IOException {
        Path file = sixteenBitGreyPng(64, 32, 1000, 5000);
        ImageInfo info = RasterImages.probe(file);
        assertEquals(16, info.bitsPerSample());
        assertTrue(info.isHighBitDepth());
        for (boolean pyramid : new boolean[] {false, true}) {
            try (TiledImage img = pyramid ? RasterImages.openWithPyramid(file, 0, cache(), Progress.NONE)
                    : RasterImages.open(file, 0, cache(), Progress.NONE)) {
                assertEquals(new Window(3000, 4000), img.defaultWindow(), "from the smallest to the largest sample");
                assertEquals(0xFF000000, pixel(img, 0, 1, 0, null), "1000 is black in the default window");
                assertEquals(WHITE, pixel(img, 0, 0, 0, null), "5000 is white");
                assertEquals(0xFF808080, pixel(img, 0, 63, 31, null), "3000 is mid grey");
                Window narrow = new Window(2000, 1000);
                assertEquals(0xFF000000, pixel(img, 0, 1, 0, narrow));
                assertEquals(WHITE, pixel(img, 0, 63, 31, narrow), "3000 clips to white in 1500..2500");
                Window wide = new Window(3000, 510);
                assertEquals(0xFF808080, pixel(img, 0, 63, 31, wide));
            }
        }
    }

    @Test
    void eightBitGreyAppliesAWindowOnlyWhenGiven() throws IOException {
        BufferedImage grey = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 20; x++) {
            for (int y = 0; y < 10; y++) {
                grey.getRaster().setSample(x, y, 0, 50 + x * 5);
            }
        }
        Path file = tmp.resolve("grey8.png");
        ImageIO.write(grey, "png", file.toFile());
        try (TiledImage img = RasterImages.open(file, 0, cache(), Progress.NONE)) {
            assertEquals(new Window(97.5, 95), img.defaultWindow(), "50..145");
            assertEquals(0xFF323232, pixel(img, 0, 0, 0, null), "shown as stored without a window");
            assertEquals(0xFF000000, pixel(img, 0, 0, 0, img.defaultWindow()));
            assertEquals(WHITE, pixel(img, 0, 19, 0, img.defaultWindow()));
        }
    }

    // ---- pyramid

    private static void assertSameTiles(TiledImage expected, TiledImage actual) throws IOException {
        assertEquals(expected.levels(), actual.levels());
        for (int level = 0; level < expected.levels(); level++) {
            int t = expected.tileSize();
            for (int row = 0; row * t < expected.levelHeight(level); row++) {
                for (int col = 0; col * t < expected.levelWidth(level); col++) {
                    TilePixels e = expected.tile(level, col, row, null);
                    TilePixels a = actual.tile(level, col, row, null);
                    assertEquals(e.width(), a.width());
                    assertEquals(e.height(), a.height());
                    assertArrayEquals(e.argb(), a.argb(), "level " + level + " tile " + col + "," + row);
                }
            }
        }
    }

    private Path noise(int w, int h, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, random.nextInt() | (x % 7 == 0 ? 0 : 0xFF000000));
            }
        }
        Path file = tmp.resolve("noise-" + w + "x" + h + "." + format);
        ImageIO.write(img, format, file.toFile());
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "tiff"})
    void pyramidEqualsDirectDownsampling(String format) throws IOException {
        Path file = noise(1101, 701, format);
        BufferedImage raw = ImageIO.read(file.toFile());
        try (TiledImage memory = RasterImages.open(file, 0, cache(), Progress.NONE);
                TiledImage pyramid = RasterImages.openWithPyramid(file, 0, cache(), Progress.NONE)) {
            assertEquals(4, pyramid.levels(), "1101 -> 551 -> 276 -> 138");
            assertEquals(138, pyramid.levelWidth(3));
            assertEquals(88, pyramid.levelHeight(3));
            assertSameTiles(memory, pyramid);
            // level 1 is the rounded mean of each 2 x 2 block, alpha included; the odd last column halves 1 x 2 blocks
            for (int[] p : new int[][] {{0, 0}, {137, 200}, {550, 350}, {300, 10}}) {
                int x = p[0];
                int y = p[1];
                int expected = 0;
                for (int shift = 0; shift < 32; shift += 8) {
                    int sum = 0;
                    int n = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            if (2 * x + dx < raw.getWidth() && 2 * y + dy < raw.getHeight()) {
                                sum += raw.getRGB(2 * x + dx, 2 * y + dy) >>> shift & 0xFF;
                                n++;
                            }
                        }
                    }
                    expected |= (sum + n / 2) / n << shift;
                }
                assertEquals(expected, pixel(pyramid, 1, x, y, null), "level 1 at " + x + "," + y);
            }
        }
    }

    @Test
    void builtPyramidIsReusedAndRebuiltWhenTheFileChanges() throws IOException {
        Path file = noise(600, 300, "png");
        AtomicInteger builds = new AtomicInteger();
        Progress counting = new Progress() {
            @Override
            public void begin(String task, int totalWork) {
                builds.incrementAndGet();
            }

            @Override
            public void worked(int work) {
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        };
        assertFalse(RasterImages.hasPyramid(file, 0, cache()));
        try (TiledImage img = RasterImages.openWithPyramid(file, 0, cache(), counting)) {
            assertEquals(600, img.width());
        }
        assertEquals(1, builds.get());
        assertTrue(RasterImages.hasPyramid(file, 0, cache()));
        Path dir = RasterImages.pyramidFolder(file, 0, cache());
        FileTime built = Files.getLastModifiedTime(dir.resolve("level-0.tiles"));
        try (TiledImage img = RasterImages.openWithPyramid(file, 0, cache(), counting)) {
            pixel(img, 0, 599, 299, null);
        }
        assertEquals(1, builds.get(), "the second open reads the pyramid built by the first");
        assertEquals(built, Files.getLastModifiedTime(dir.resolve("level-0.tiles")));

        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 60_000));
        assertFalse(RasterImages.hasPyramid(file, 0, cache()), "a changed file has no pyramid yet");

        // a damaged cache is built again rather than shown or reported
        Path again = RasterImages.pyramidFolder(file, 0, cache());
        try (TiledImage img = RasterImages.openWithPyramid(file, 0, cache(), counting)) {
            assertEquals(300, img.height());
        }
        Files.write(again.resolve("level-0.tiles"), new byte[] {1, 2, 3});
        try (TiledImage img = RasterImages.openWithPyramid(file, 0, cache(), counting)) {
            pixel(img, 0, 10, 10, null);
        }
        assertEquals(3, builds.get());
    }

    @Test
    void cancelingTheBuildLeavesNoCache() throws IOException {
        Path file = noise(700, 1300, "tiff");
        AtomicInteger strips = new AtomicInteger();
        Progress cancelAfterOneStrip = new Progress() {
            @Override
            public void begin(String task, int totalWork) {
                assertEquals(1300, totalWork);
            }

            @Override
            public void worked(int work) {
                strips.incrementAndGet();
            }

            @Override
            public boolean isCanceled() {
                return strips.get() >= 1;
            }
        };
        assertThrows(CancellationException.class, () -> RasterImages.openWithPyramid(file, 0, cache(), cancelAfterOneStrip));
        assertEquals(1, strips.get(), "stopped at the first check after the cancel");
        assertFalse(RasterImages.hasPyramid(file, 0, cache()));
        try (Stream<Path> left = Files.list(cache().resolve("pyramids"))) {
            assertEquals(List.of(), left.toList(), "no partial pyramid is left");
        }
    }

    @Test
    void needsPyramidAboveSixteenMegapixels() {
        assertFalse(RasterImages.needsPyramid(new ImageInfo(4096, 4096, 1, 8, 4, 1, "png")));
        assertTrue(RasterImages.needsPyramid(new ImageInfo(4097, 4096, 1, 8, 3, 1, "png")));
        assertFalse(RasterImages.needsPyramid(new ImageInfo(20000, 300, 1, 8, 3, 1, "tiff")), "6 M pixels fit, however wide");
        assertTrue(RasterImages.needsPyramid(new ImageInfo(4096, 4096, 1, 16, 3, 1, "tiff")), "96 MB of 16-bit RGB");
    }

    // ---- bad input

    @Test
    void damagedFilesGiveAnErrorNamingTheFile() throws IOException {
        Path garbage = tmp.resolve("garbage.png");
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        Files.write(garbage, noise);
        IOException e = assertThrows(IOException.class, () -> RasterImages.probe(garbage));
        assertTrue(e.getMessage().startsWith(garbage.toString()), e.getMessage());
        e = assertThrows(IOException.class, () -> RasterImages.open(garbage, 0, cache(), Progress.NONE));
        assertTrue(e.getMessage().startsWith(garbage.toString()), e.getMessage());

        Path whole = noise(300, 300, "png");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = tmp.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(300, RasterImages.probe(cut).width(), "the header is intact");
        e = assertThrows(IOException.class, () -> RasterImages.open(cut, 0, cache(), Progress.NONE));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        e = assertThrows(IOException.class, () -> RasterImages.openWithPyramid(cut, 0, cache(), Progress.NONE));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        try (Stream<Path> left = Files.list(cache().resolve("pyramids"))) {
            assertEquals(List.of(), left.toList(), "a failed build leaves nothing");
        }

        Path missing = tmp.resolve("missing.jpg");
        e = assertThrows(IOException.class, () -> RasterImages.probe(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
    }

    // ---- benchmark tools

    @Test
    void patternTiffIsWrittenRegionByRegionAndReadsBack() throws IOException {
        Path file = tmp.resolve("pattern.tif");
        RasterBenchmark.writePatternTiff(file, 2100, 1300);
        ImageInfo info = RasterImages.probe(file);
        assertEquals(2100, info.width());
        assertEquals(1300, info.height());
        List<int[]> points = new ArrayList<>(List.of(new int[] {1000, 5}, new int[] {150, 50}, new int[] {2099, 1299},
                new int[] {1500, 1001}, new int[] {640, 777}));
        try (TiledImage img = RasterImages.openWithPyramid(file, 0, cache(), Progress.NONE)) {
            for (int[] p : points) {
                assertEquals(0xFF000000 | PatternImage.rgb(p[0], p[1], 2100, 1300), pixel(img, 0, p[0], p[1], null),
                        "pattern at " + p[0] + "," + p[1]);
            }
            assertEquals(WHITE, pixel(img, 0, 1000, 5, null), "grid line");
        }
        assertThrows(UnsupportedOperationException.class, () -> new PatternImage(10, 10, 16).getData());
    }

    @Test
    void benchmarkReportsBuildAndViewTimings() throws IOException {
        Path file = tmp.resolve("bench.tif");
        RasterBenchmark.writePatternTiff(file, 3000, 2000);
        var doc = RasterBenchmark.run(file, cache(), 2);
        assertEquals(3000, doc.get("width"));
        @SuppressWarnings("unchecked")
        var build = (java.util.Map<String, Object>) doc.get("build");
        assertEquals(5, build.get("levels"), "3000 -> 1500 -> 750 -> 375 -> 188");
        // fit zoom of 3000 x 2000 into 1440 x 900 shows level 1 (1500 x 1000): 6 x 4 tiles
        assertEquals(24, doc.get("fitViewTiles"));
        // 1:1 centred: x 780..2219, y 550..1449 -> columns 3..8, rows 2..5
        assertEquals(24, doc.get("oneToOneViewTiles"));
        assertEquals(2, doc.get("runs"));
    }
}
