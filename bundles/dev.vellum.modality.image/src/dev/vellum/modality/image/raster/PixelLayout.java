package dev.vellum.modality.image.raster;

/**
 * How samples are kept once decoded: 1 (grey), 2 (grey, alpha), 3 (RGB) or 4 (RGBA) bands of 8 or
 * 16 bits. Palette, packed and other colour models are expanded to 8-bit RGB(A) on decoding;
 * 16-bit samples stay raw so a window/level can be changed without decoding again.
 *
 * @param bands   samples per pixel, 1 to 4
 * @param sixteen whether samples are 16 bits (else 8)
 * @param signed  whether 16-bit samples are signed
 */
record PixelLayout(int bands, boolean sixteen, boolean signed) {
    PixelLayout {
        if (bands < 1 || bands > 4) {
            throw new IllegalArgumentException("bands " + bands);
        }
    }

    boolean grey() {
        return bands <= 2;
    }

    boolean alpha() {
        return bands == 2 || bands == 4;
    }

    /** Bands that carry colour (all but alpha). */
    int colourBands() {
        return alpha() ? bands - 1 : bands;
    }

    int bytesPerSample() {
        return sixteen ? 2 : 1;
    }
}
