package dev.vellum.core.ui.widgets;

import dev.vellum.core.model.AnnotationState;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.swt.graphics.Device;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;

/**
 * Small coloured marks shown beside review states and labels, so every view of the workbench uses
 * the same colour for the same state. An instance owns its images: create one per view and
 * {@link #dispose()} it with the view's widgets.
 */
public final class ColorMarks {
    /** Width and height of every mark, in pixels: the size of a tree or table row icon. */
    public static final int SIZE = 16;

    private final Device device;
    private final Map<String, Image> images = new HashMap<>();

    /** @param device the display the images are for */
    public ColorMarks(Device device) {
        this.device = device;
    }

    /** The colour of a review state; {@code null} stands for "not started". */
    public static RGB colorOf(AnnotationState state) {
        if (state == null) {
            return new RGB(0x9e, 0x9e, 0x9e);
        }
        return switch (state) {
            case IN_PROGRESS -> new RGB(0x2f, 0x80, 0xed);
            case SUBMITTED -> new RGB(0xe0, 0x9b, 0x00);
            case IN_REVIEW -> new RGB(0x8e, 0x44, 0xad);
            case ACCEPTED -> new RGB(0x27, 0xa0, 0x5a);
            case REJECTED -> new RGB(0xd6, 0x3b, 0x3b);
            case AUDITED -> new RGB(0x0f, 0x6e, 0x62);
        };
    }

    /** Words for a review state; {@code null} stands for "not started". */
    public static String nameOf(AnnotationState state) {
        return state == null ? "Not started" : state.displayName();
    }

    /** A filled dot in the colour of {@code state} ({@code null}: a hollow grey ring for "not started"). */
    public Image state(AnnotationState state) {
        return state == null ? ring(colorOf(null)) : dot(colorOf(state));
    }

    /**
     * A rounded square in a label class colour.
     *
     * @param hexColor {@code #rrggbb}; anything else gives grey
     */
    public Image label(String hexColor) {
        return square(parse(hexColor));
    }

    /** A filled dot of any colour. */
    public Image dot(RGB rgb) {
        return images.computeIfAbsent("dot" + rgb, k -> render(rgb, Shape.DOT));
    }

    private Image ring(RGB rgb) {
        return images.computeIfAbsent("ring" + rgb, k -> render(rgb, Shape.RING));
    }

    private Image square(RGB rgb) {
        return images.computeIfAbsent("square" + rgb, k -> render(rgb, Shape.SQUARE));
    }

    /** Releases the images; marks handed out before must not be used afterwards. */
    public void dispose() {
        images.values().forEach(Image::dispose);
        images.clear();
    }

    private enum Shape {
        DOT, RING, SQUARE
    }

    // Drawn pixel by pixel with computed coverage so the edges are anti-aliased on every platform,
    // which GC drawing on a transparent image is not.
    private Image render(RGB rgb, Shape shape) {
        ImageData data = new ImageData(SIZE, SIZE, 24, new PaletteData(0xff0000, 0x00ff00, 0x0000ff));
        double c = (SIZE - 1) / 2.0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double coverage = switch (shape) {
                    case DOT -> clamp(4.5 - Math.hypot(x - c, y - c) + 0.5);
                    case RING -> {
                        double d = Math.hypot(x - c, y - c);
                        yield Math.min(clamp(4.5 - d + 0.5), clamp(d - 3.0 + 0.5));
                    }
                    case SQUARE -> roundedSquare(x - c, y - c, 5.5, 2.0);
                };
                data.setPixel(x, y, data.palette.getPixel(rgb));
                data.setAlpha(x, y, (int) Math.round(255 * coverage));
            }
        }
        return new Image(device, data);
    }

    private static double roundedSquare(double dx, double dy, double half, double radius) {
        double qx = Math.abs(dx) - (half - radius);
        double qy = Math.abs(dy) - (half - radius);
        double outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
        return clamp(0.5 - outside);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static RGB parse(String hex) {
        if (hex != null && hex.matches("#[0-9a-fA-F]{6}")) {
            int v = Integer.parseInt(hex.substring(1), 16);
            return new RGB(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
        }
        return new RGB(0x80, 0x80, 0x80);
    }
}
