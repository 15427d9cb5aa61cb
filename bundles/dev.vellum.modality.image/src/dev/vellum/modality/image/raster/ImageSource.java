package dev.vellum.modality.image.raster;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * One image file opened with the ImageIO reader that accepts it: header facts, orientation, and
 * decoding of regions into {@link Samples}. Every failure becomes an {@link IOException} that
 * names the file. Not thread-safe (ImageIO readers are not).
 */
final class ImageSource implements Closeable {
    private final Path file;
    private final ImageInputStream input;
    private final ImageReader reader;
    private final String format;

    private ImageSource(Path file, ImageInputStream input, ImageReader reader, String format) {
        this.file = file;
        this.input = input;
        this.reader = reader;
        this.format = format;
    }

    static ImageSource open(Path file) throws IOException {
        ImagePlugins.register();
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
        if (in == null) {
            throw new IOException(file + ": cannot be opened for reading");
        }
        try {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(file + ": not an image in a readable format (PNG, JPEG, BMP, GIF, TIFF, WebP)");
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            // ignoreMetadata false: the TIFF orientation tag is read from the image metadata
            reader.setInput(in, false, false);
            return new ImageSource(file, in, reader, format);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(file.toString())
                    ? io : failure(file, e);
        }
    }

    /** An IOException naming the file and what the reader said. */
    static IOException failure(Path file, Throwable e) {
        String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return new IOException(file + ": cannot read the image (" + why + ")", e);
    }

    Path file() {
        return file;
    }

    String format() {
        return format;
    }

    /** Whether a region can be decoded without decoding what lies before it (tiles or strips). */
    boolean randomAccess() {
        return format.equals("tif") || format.equals("tiff");
    }

    int pages() throws IOException {
        try {
            // only TIFF is asked to count: for other formats counting may mean reading the whole file
            int n = reader.getNumImages(randomAccess());
            return n < 1 ? 1 : n;
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    void checkPage(int page) throws IOException {
        int pages = pages();
        if (page < 0 || page >= pages) {
            throw new IOException(file + ": has no page " + page + " (" + pages + (pages == 1 ? " page)" : " pages)"));
        }
    }

    /** Width as stored, before orientation. */
    int storedWidth(int page) throws IOException {
        try {
            return reader.getWidth(page);
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    int storedHeight(int page) throws IOException {
        try {
            return reader.getHeight(page);
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    private ImageTypeSpecifier type(int page) throws IOException {
        try {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(page);
            if (types == null || !types.hasNext()) {
                throw new IOException(file + ": the reader offers no pixel type for page " + page);
            }
            return types.next();
        } catch (IOException | RuntimeException e) {
            throw e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(file.toString())
                    ? io : failure(file, e);
        }
    }

    /** How the decoded samples of {@code page} are kept. */
    PixelLayout layout(int page) throws IOException {
        ImageTypeSpecifier t = type(page);
        return layoutOf(t.getColorModel(), t.getSampleModel());
    }

    static PixelLayout layoutOf(ColorModel cm, SampleModel sm) {
        if (direct(cm, sm)) {
            int dt = sm.getDataType();
            return new PixelLayout(sm.getNumBands(), dt != DataBuffer.TYPE_BYTE, dt == DataBuffer.TYPE_SHORT);
        }
        return new PixelLayout(cm.hasAlpha() ? 4 : 3, false, false);
    }

    /** Whether the samples can be kept as they are: grey or RGB components of 8 or 16 bits. */
    private static boolean direct(ColorModel cm, SampleModel sm) {
        if (!(cm instanceof ComponentColorModel) || sm.getNumBands() != cm.getNumComponents() || sm.getNumBands() > 4) {
            return false;
        }
        int dt = sm.getDataType();
        if (dt != DataBuffer.TYPE_BYTE && dt != DataBuffer.TYPE_USHORT && dt != DataBuffer.TYPE_SHORT) {
            return false;
        }
        int cs = cm.getColorSpace().getType();
        return cs == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1
                || cs == ColorSpace.TYPE_RGB && cm.getNumColorComponents() == 3;
    }

    /** Bits per stored sample as the file has them (the palette index size for palette images). */
    int bitsPerSample(int page) throws IOException {
        ImageTypeSpecifier t = type(page);
        ColorModel cm = t.getColorModel();
        if (cm instanceof ComponentColorModel) {
            return cm.getComponentSize(0);
        }
        return t.getSampleModel().getSampleSize(0);
    }

    /**
     * The EXIF orientation, 1 to 8: for JPEG from the APP1 Exif segment, for TIFF from the
     * Orientation tag; 1 when the file has none or it is out of range.
     */
    int orientation(int page) throws IOException {
        int o = 1;
        try {
            if (format.equals("jpeg") || format.equals("jpg")) {
                o = jpegOrientation();
            } else if (randomAccess()) {
                IIOMetadata md = reader.getImageMetadata(page);
                if (md != null) {
                    TIFFField f = TIFFDirectory.createFromMetadata(md).getTIFFField(BaselineTIFFTagSet.TAG_ORIENTATION);
                    if (f != null) {
                        o = f.getAsInt(0);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a damaged metadata block must not hide pixels that decode fine
            o = 1;
        }
        return o >= 1 && o <= 8 ? o : 1;
    }

    private int jpegOrientation() throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return 1;
            }
            byte[] data;
            try (InputStream s = exif.get(0).data()) {
                data = s.readAllBytes();
            }
            // the TIFF structure starts after the "Exif" identifier's padding: find its byte order mark
            int start = 0;
            while (start + 1 < data.length && start < 4
                    && !(data[start] == 'I' && data[start + 1] == 'I' || data[start] == 'M' && data[start + 1] == 'M')) {
                start++;
            }
            try (ImageInputStream tiff = new MemoryCacheImageInputStream(
                    new ByteArrayInputStream(data, start, data.length - start))) {
                Directory ifd0 = new TIFFReader().read(tiff);
                Entry e = ifd0.getEntryById(TIFF.TAG_ORIENTATION);
                return e == null ? 1 : ((Number) e.getValue()).intValue();
            }
        }
    }

    /** Header facts of {@code page}, as the annotator sees them. */
    ImageInfo info(int page) throws IOException {
        checkPage(page);
        int o = orientation(page);
        int w = storedWidth(page);
        int h = storedHeight(page);
        boolean swap = o >= 5;
        return new ImageInfo(swap ? h : w, swap ? w : h, o, bitsPerSample(page), layout(page).bands(), pages(),
                canonical(format));
    }

    private static String canonical(String format) {
        return switch (format) {
            case "jpg" -> "jpeg";
            case "tif" -> "tiff";
            default -> format;
        };
    }

    /**
     * Decodes a region of the stored image (null: all of it) into {@code layout}, which must be
     * {@link #layout(int)} of the page.
     */
    Samples read(int page, Rectangle region, PixelLayout layout) throws IOException {
        return read(page, region, layout, () -> false);
    }

    /**
     * As {@link #read(int, Rectangle, PixelLayout)}, aborting the decoding as soon as
     * {@code canceled} says so (readers check between rows), with a {@link CancellationException}.
     */
    Samples read(int page, Rectangle region, PixelLayout layout, BooleanSupplier canceled) throws IOException {
        BufferedImage img;
        IIOReadProgressListener abortWhenCanceled = new IIOReadProgressAdapter() {
            @Override
            public void imageProgress(ImageReader source, float percentageDone) {
                if (canceled.getAsBoolean()) {
                    source.abort();
                }
            }
        };
        reader.addIIOReadProgressListener(abortWhenCanceled);
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            if (region != null) {
                param.setSourceRegion(region);
            }
            img = reader.read(page, param);
            if (canceled.getAsBoolean()) {
                throw new CancellationException(file + ": reading was canceled");
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            if (e instanceof CancellationException c) {
                throw c;
            }
            if (e instanceof OutOfMemoryError) {
                throw new IOException(file + ": too large to decode in the memory available", e);
            }
            throw failure(file, e);
        } finally {
            reader.removeIIOReadProgressListener(abortWhenCanceled);
        }
        if (img == null) {
            throw new IIOException(file + ": the reader returned no pixels");
        }
        return toSamples(img, layout);
    }

    static Samples toSamples(BufferedImage img, PixelLayout layout) {
        int w = img.getWidth();
        int h = img.getHeight();
        Samples out = Samples.allocate(w, h, layout);
        Raster r = img.getRaster();
        int b = layout.bands();
        if (direct(img.getColorModel(), r.getSampleModel()) && r.getNumBands() == b) {
            int[] row = new int[w * b];
            for (int y = 0; y < h; y++) {
                r.getPixels(r.getMinX(), r.getMinY() + y, w, 1, row);
                int o = y * w * b;
                if (out.bytes != null) {
                    for (int i = 0; i < row.length; i++) {
                        out.bytes[o + i] = (byte) row[i];
                    }
                } else {
                    for (int i = 0; i < row.length; i++) {
                        out.shorts[o + i] = (short) row[i];
                    }
                }
            }
        } else {
            int[] argb = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, argb, 0, w);
                int o = y * w * b;
                for (int x = 0; x < w; x++) {
                    int p = argb[x];
                    out.bytes[o++] = (byte) (p >> 16);
                    out.bytes[o++] = (byte) (p >> 8);
                    out.bytes[o++] = (byte) p;
                    if (b == 4) {
                        out.bytes[o++] = (byte) (p >>> 24);
                    }
                }
            }
        }
        return out;
    }

    /** A listener that ignores everything but what it overrides. */
    private abstract static class IIOReadProgressAdapter implements IIOReadProgressListener {
        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {
        }

        @Override
        public void sequenceComplete(ImageReader source) {
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
        }

        @Override
        public void imageComplete(ImageReader source) {
        }

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
        }

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {
        }

        @Override
        public void thumbnailComplete(ImageReader source) {
        }

        @Override
        public void readAborted(ImageReader source) {
        }
    }

    @Override
    public void close() {
        reader.dispose();
        try {
            input.close();
        } catch (IOException e) {
            // nothing was written: a failed close loses nothing
        }
    }
}
