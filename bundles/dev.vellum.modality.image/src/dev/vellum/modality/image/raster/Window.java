package dev.vellum.modality.image.raster;

/**
 * The window/level mapping that shows high-bit-depth (medical-style) pixels: sample values from
 * {@code center - width/2} to {@code center + width/2} map linearly onto black to white; values
 * outside clip.
 *
 * @param center the sample value shown as mid grey
 * @param width  the range of sample values spread over black to white; at least 1
 */
public record Window(double center, double width) {
    public Window {
        if (!(width >= 1)) {
            throw new IllegalArgumentException("window width must be at least 1, was " + width);
        }
    }

    /** The 0..255 grey a sample value shows as. */
    public int grey(double sample) {
        double v = (sample - (center - width / 2)) / width * 255.0;
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) Math.round(v);
    }
}
