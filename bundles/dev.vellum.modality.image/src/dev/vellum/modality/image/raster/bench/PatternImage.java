package dev.vellum.modality.image.raster.bench;

import java.awt.Image;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.Vector;

/**
 * A deterministic RGB test pattern of any size whose pixels are computed when a tile or region is
 * asked for, so an image far larger than the heap can be written: a red ramp left to right, a
 * green ramp top to bottom, a 100-pixel checkerboard in blue, and white grid lines every 1000
 * pixels. {@link #getData()} (the whole image at once) is refused on purpose.
 */
public final class PatternImage implements RenderedImage {
    /** Grid line spacing in pixels. */
    public static final int GRID = 1000;

    private final int width;
    private final int height;
    private final int tile;
    private final ColorModel colorModel = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
            false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    private final SampleModel sampleModel;

    /** A pattern of {@code width} x {@code height} pixels offered in {@code tile}-pixel tiles. */
    public PatternImage(int width, int height, int tile) {
        if (width < 1 || height < 1 || tile < 16) {
            throw new IllegalArgumentException(width + " x " + height + " in tiles of " + tile);
        }
        this.width = width;
        this.height = height;
        this.tile = tile;
        this.sampleModel = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, tile, tile, 3, 3 * tile, new int[] {0, 1, 2});
    }

    /** The pixel at ({@code x}, {@code y}) of a {@code width} x {@code height} pattern, as 0xRRGGBB. */
    public static int rgb(int x, int y, int width, int height) {
        if (x % GRID < 3 || y % GRID < 3) {
            return 0xFFFFFF;
        }
        int r = (int) ((long) x * 255 / Math.max(1, width - 1));
        int g = (int) ((long) y * 255 / Math.max(1, height - 1));
        int b = ((x / 100 + y / 100) & 1) == 0 ? 40 : 200;
        return r << 16 | g << 8 | b;
    }

    private void fill(WritableRaster raster) {
        Rectangle r = raster.getBounds().intersection(new Rectangle(0, 0, width, height));
        int[] row = new int[r.width * 3];
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x, i = 0; x < r.x + r.width; x++) {
                int p = rgb(x, y, width, height);
                row[i++] = p >> 16 & 0xFF;
                row[i++] = p >> 8 & 0xFF;
                row[i++] = p & 0xFF;
            }
            raster.setPixels(r.x, y, r.width, 1, row);
        }
    }

    @Override
    public Raster getTile(int tileX, int tileY) {
        WritableRaster raster = Raster.createWritableRaster(sampleModel, new Point(tileX * tile, tileY * tile));
        fill(raster);
        return raster;
    }

    @Override
    public Raster getData(Rectangle rect) {
        WritableRaster raster = Raster.createWritableRaster(
                new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, rect.width, rect.height, 3, 3 * rect.width,
                        new int[] {0, 1, 2}),
                new DataBufferByte(rect.width * rect.height * 3), new Point(rect.x, rect.y));
        fill(raster);
        return raster;
    }

    /** Refused: the point of this image is never to exist whole. */
    @Override
    public Raster getData() {
        throw new UnsupportedOperationException("the " + width + " x " + height + " pattern is only made region by region");
    }

    @Override
    public WritableRaster copyData(WritableRaster raster) {
        if (raster == null) {
            return (WritableRaster) getData();
        }
        fill(raster);
        return raster;
    }

    @Override
    public Vector<RenderedImage> getSources() {
        return null;
    }

    @Override
    public Object getProperty(String name) {
        return Image.UndefinedProperty;
    }

    @Override
    public String[] getPropertyNames() {
        return null;
    }

    @Override
    public ColorModel getColorModel() {
        return colorModel;
    }

    @Override
    public SampleModel getSampleModel() {
        return sampleModel;
    }

    @Override
    public int getWidth() {
        return width;
    }

    @Override
    public int getHeight() {
        return height;
    }

    @Override
    public int getMinX() {
        return 0;
    }

    @Override
    public int getMinY() {
        return 0;
    }

    @Override
    public int getNumXTiles() {
        return (width + tile - 1) / tile;
    }

    @Override
    public int getNumYTiles() {
        return (height + tile - 1) / tile;
    }

    @Override
    public int getMinTileX() {
        return 0;
    }

    @Override
    public int getMinTileY() {
        return 0;
    }

    @Override
    public int getTileWidth() {
        return tile;
    }

    @Override
    public int getTileHeight() {
        return tile;
    }

    @Override
    public int getTileGridXOffset() {
        return 0;
    }

    @Override
    public int getTileGridYOffset() {
        return 0;
    }
}
