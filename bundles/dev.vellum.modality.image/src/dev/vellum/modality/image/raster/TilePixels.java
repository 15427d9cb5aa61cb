package dev.vellum.modality.image.raster;

/**
 * The pixels of one tile, ready to show.
 *
 * @param width  tile width in pixels (edge tiles are narrower)
 * @param height tile height in pixels (edge tiles are shorter)
 * @param argb   {@code width * height} pixels, row by row, as 0xAARRGGBB
 */
public record TilePixels(int width, int height, int[] argb) {
    public TilePixels {
        if (argb.length != width * height) {
            throw new IllegalArgumentException(argb.length + " pixels for a " + width + " x " + height + " tile");
        }
    }
}
