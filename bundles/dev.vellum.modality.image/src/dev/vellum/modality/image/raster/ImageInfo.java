package dev.vellum.modality.image.raster;

/**
 * What an image file holds, read from its header without decoding pixels.
 *
 * @param width         width as the annotator sees it, after the EXIF orientation is applied
 * @param height        height as the annotator sees it, after the EXIF orientation is applied
 * @param orientation   the EXIF orientation (1 to 8; 1 when the file has none)
 * @param bitsPerSample bits per sample of the stored pixels (8, 16...)
 * @param bands         samples per pixel (1 for grayscale, 3 for RGB, 4 with alpha)
 * @param pages         images in the file (more than 1 for multi-page TIFF)
 * @param format        the reader's format name, e.g. {@code png}, {@code tiff}, {@code webp}
 */
public record ImageInfo(int width, int height, int orientation, int bitsPerSample, int bands, int pages,
        String format) {

    /** Whether the pixels need a window/level mapping to be shown (more than 8 bits per sample). */
    public boolean isHighBitDepth() {
        return bitsPerSample > 8;
    }
}
