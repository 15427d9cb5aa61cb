package dev.vellum.modality.image.raster;

import java.awt.Rectangle;

/**
 * The EXIF orientations (1 to 8) as maps between displayed and stored coordinates. 1 is as stored;
 * 2 mirrors left-right; 3 turns 180 degrees; 4 mirrors top-bottom; 5 transposes; 6 turns 90
 * degrees clockwise; 7 transverses; 8 turns 90 degrees anticlockwise. 5 to 8 swap width and
 * height.
 */
final class Orientation {
    private Orientation() {
    }

    static boolean swapsAxes(int orientation) {
        return orientation >= 5;
    }

    /**
     * The stored rectangle that holds the displayed rectangle {@code shown}, in an image stored
     * {@code w} x {@code h} pixels.
     */
    static Rectangle stored(int orientation, Rectangle shown, int w, int h) {
        int x = shown.x;
        int y = shown.y;
        int sw = shown.width;
        int sh = shown.height;
        return switch (orientation) {
            case 2 -> new Rectangle(w - x - sw, y, sw, sh);
            case 3 -> new Rectangle(w - x - sw, h - y - sh, sw, sh);
            case 4 -> new Rectangle(x, h - y - sh, sw, sh);
            case 5 -> new Rectangle(y, x, sh, sw);
            case 6 -> new Rectangle(y, h - x - sw, sh, sw);
            case 7 -> new Rectangle(w - y - sh, h - x - sw, sh, sw);
            case 8 -> new Rectangle(w - y - sh, x, sh, sw);
            default -> new Rectangle(x, y, sw, sh);
        };
    }

    /**
     * The pixels of a stored block ({@code w} x {@code h}, row by row) as displayed: the same
     * array for orientation 1, else a new one of {@code h} x {@code w} for 5 to 8.
     */
    static int[] display(int orientation, int[] stored, int w, int h) {
        if (orientation <= 1 || orientation > 8) {
            return stored;
        }
        int[] out = new int[stored.length];
        int dw = swapsAxes(orientation) ? h : w;
        int dh = swapsAxes(orientation) ? w : h;
        for (int j = 0; j < dh; j++) {
            for (int i = 0; i < dw; i++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - i; sy = j; }
                    case 3 -> { sx = w - 1 - i; sy = h - 1 - j; }
                    case 4 -> { sx = i; sy = h - 1 - j; }
                    case 5 -> { sx = j; sy = i; }
                    case 6 -> { sx = j; sy = h - 1 - i; }
                    case 7 -> { sx = w - 1 - j; sy = h - 1 - i; }
                    default -> { sx = w - 1 - j; sy = i; }
                }
                out[j * dw + i] = stored[sy * w + sx];
            }
        }
        return out;
    }
}
