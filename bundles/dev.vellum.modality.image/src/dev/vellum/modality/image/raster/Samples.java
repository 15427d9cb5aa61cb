package dev.vellum.modality.image.raster;

/**
 * A rectangle of decoded samples, interleaved row by row, in one {@link PixelLayout}: bytes for
 * 8-bit images, shorts for 16-bit ones. The unit every level, strip and tile is made of.
 */
final class Samples {
    final int width;
    final int height;
    final PixelLayout layout;
    /** 8-bit samples, or null. */
    final byte[] bytes;
    /** 16-bit samples, or null. */
    final short[] shorts;

    private Samples(int width, int height, PixelLayout layout, byte[] bytes, short[] shorts) {
        this.width = width;
        this.height = height;
        this.layout = layout;
        this.bytes = bytes;
        this.shorts = shorts;
    }

    static Samples allocate(int width, int height, PixelLayout layout) {
        long n = (long) width * height * layout.bands();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(width + " x " + height + " pixels do not fit in one block");
        }
        return layout.sixteen() ? new Samples(width, height, layout, null, new short[(int) n])
                : new Samples(width, height, layout, new byte[(int) n], null);
    }

    static Samples ofBytes(int width, int height, PixelLayout layout, byte[] bytes) {
        return new Samples(width, height, layout, bytes, null);
    }

    static Samples ofShorts(int width, int height, PixelLayout layout, short[] shorts) {
        return new Samples(width, height, layout, null, shorts);
    }

    int bands() {
        return layout.bands();
    }

    /** The sample as a number: unsigned for 8 bits and unsigned 16 bits, signed for signed 16 bits. */
    int sample(int x, int y, int band) {
        int i = (y * width + x) * layout.bands() + band;
        if (bytes != null) {
            return bytes[i] & 0xFF;
        }
        return layout.signed() ? shorts[i] : shorts[i] & 0xFFFF;
    }

    /** A copy of a rectangle inside this block. */
    Samples region(int x, int y, int w, int h) {
        if (x == 0 && y == 0 && w == width && h == height) {
            return this;
        }
        Samples out = allocate(w, h, layout);
        int b = layout.bands();
        for (int row = 0; row < h; row++) {
            int from = ((y + row) * width + x) * b;
            int to = row * w * b;
            if (bytes != null) {
                System.arraycopy(bytes, from, out.bytes, to, w * b);
            } else {
                System.arraycopy(shorts, from, out.shorts, to, w * b);
            }
        }
        return out;
    }

    /** Copies {@code src} into this block with its top left corner at ({@code x}, {@code y}). */
    void paste(Samples src, int x, int y) {
        int b = layout.bands();
        for (int row = 0; row < src.height; row++) {
            int from = row * src.width * b;
            int to = ((y + row) * width + x) * b;
            if (bytes != null) {
                System.arraycopy(src.bytes, from, bytes, to, src.width * b);
            } else {
                System.arraycopy(src.shorts, from, shorts, to, src.width * b);
            }
        }
    }

    /** This block with {@code below} appended under it (same width). */
    Samples stack(Samples below) {
        Samples out = allocate(width, height + below.height, layout);
        out.paste(this, 0, 0);
        out.paste(below, 0, height);
        return out;
    }

    /**
     * Half the size in each direction, each sample the rounded mean of the (up to) 2 x 2 samples it
     * covers. Applied to a block whose top row is even, it gives the same samples as applied to the
     * whole level, which is what lets the pyramid be built strip by strip.
     */
    Samples half() {
        int nw = (width + 1) / 2;
        int nh = (height + 1) / 2;
        int b = layout.bands();
        Samples out = allocate(nw, nh, layout);
        boolean signed = layout.signed();
        int pairs = width / 2; // output columns made of two input columns
        for (int y = 0; y < nh; y++) {
            int r0 = 2 * y * width * b;
            int r1 = Math.min(2 * y + 1, height - 1) * width * b;
            boolean tworows = 2 * y + 1 < height;
            int o = y * nw * b;
            if (bytes != null && tworows) {
                // the bulk of the work: whole 2 x 2 blocks of 8-bit samples
                byte[] in = bytes;
                byte[] dst = out.bytes;
                int n = pairs * b;
                for (int x = 0, i = o, col = 0; x < pairs; x++, col += b) {
                    for (int k = 0; k < b; k++, i++, col++) {
                        dst[i] = (byte) (((in[r0 + col] & 0xFF) + (in[r0 + col + b] & 0xFF) + (in[r1 + col] & 0xFF)
                                + (in[r1 + col + b] & 0xFF) + 2) >> 2);
                    }
                }
                if (pairs < nw) {
                    int col = 2 * pairs * b;
                    for (int k = 0; k < b; k++) {
                        dst[o + n + k] = (byte) (((in[r0 + col + k] & 0xFF) + (in[r1 + col + k] & 0xFF) + 1) >> 1);
                    }
                }
                continue;
            }
            int rows = tworows ? 2 : 1;
            for (int x = 0; x < nw; x++) {
                int c0 = 2 * x * b;
                int c1 = Math.min(2 * x + 1, width - 1) * b;
                int cols = 2 * x + 1 < width ? 2 : 1;
                int n = rows * cols;
                for (int k = 0; k < b; k++) {
                    int sum;
                    if (bytes != null) {
                        sum = (bytes[r0 + c0 + k] & 0xFF);
                        if (cols == 2) {
                            sum += bytes[r0 + c1 + k] & 0xFF;
                        }
                        if (rows == 2) {
                            sum += bytes[r1 + c0 + k] & 0xFF;
                            if (cols == 2) {
                                sum += bytes[r1 + c1 + k] & 0xFF;
                            }
                        }
                        out.bytes[o++] = (byte) ((sum + n / 2) / n);
                    } else {
                        sum = s(r0 + c0 + k, signed);
                        if (cols == 2) {
                            sum += s(r0 + c1 + k, signed);
                        }
                        if (rows == 2) {
                            sum += s(r1 + c0 + k, signed);
                            if (cols == 2) {
                                sum += s(r1 + c1 + k, signed);
                            }
                        }
                        out.shorts[o++] = (short) Math.floorDiv(sum + n / 2, n);
                    }
                }
            }
        }
        return out;
    }

    private int s(int i, boolean signed) {
        return signed ? shorts[i] : shorts[i] & 0xFFFF;
    }

    /**
     * Smallest and largest colour sample (alpha left out), as {@code {min, max}}; {@code {MAX,
     * MIN}} for an empty block.
     */
    int[] range() {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int b = layout.bands();
        int colour = layout.colourBands();
        boolean signed = layout.signed();
        int n = width * height * b;
        for (int i = 0; i < n; i += b) {
            for (int k = 0; k < colour; k++) {
                int v = bytes != null ? bytes[i + k] & 0xFF : s(i + k, signed);
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            }
        }
        return new int[] {min, max};
    }

    /**
     * The pixels as 0xAARRGGBB, colour samples mapped through {@code lut}: indexed by the
     * unsigned sample (the raw 16 bits for 16-bit samples), giving 0..255.
     */
    int[] toArgb(int[] lut) {
        int n = width * height;
        int[] argb = new int[n];
        int b = layout.bands();
        for (int p = 0, i = 0; p < n; p++, i += b) {
            int r, g, bl, a;
            if (bytes != null) {
                r = lut[bytes[i] & 0xFF];
                if (b >= 3) {
                    g = lut[bytes[i + 1] & 0xFF];
                    bl = lut[bytes[i + 2] & 0xFF];
                } else {
                    g = r;
                    bl = r;
                }
                a = b == 2 ? bytes[i + 1] & 0xFF : b == 4 ? bytes[i + 3] & 0xFF : 255;
            } else {
                r = lut[shorts[i] & 0xFFFF];
                if (b >= 3) {
                    g = lut[shorts[i + 1] & 0xFFFF];
                    bl = lut[shorts[i + 2] & 0xFFFF];
                } else {
                    g = r;
                    bl = r;
                }
                a = b == 2 ? (shorts[i + 1] & 0xFFFF) >>> 8 : b == 4 ? (shorts[i + 3] & 0xFFFF) >>> 8 : 255;
            }
            argb[p] = a << 24 | r << 16 | g << 8 | bl;
        }
        return argb;
    }
}
