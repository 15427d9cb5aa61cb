package dev.vellum.modality.image.ui.internal;

/**
 * Which part of an image a view shows, and how large: maps image coordinates (pixels of the image
 * as shown, fractional) to view coordinates and back. No SWT.
 */
public final class Viewport {
    /** The smallest and largest zoom allowed, in view pixels per image pixel. */
    public static final double MIN_SCALE = 1.0 / 256, MAX_SCALE = 64;

    private double scale = 1;
    private double originX;
    private double originY;
    private int viewWidth = 1;
    private int viewHeight = 1;

    /** View pixels per image pixel. */
    public double scale() {
        return scale;
    }

    /** The image x shown at the view's left edge. */
    public double originX() {
        return originX;
    }

    /** The image y shown at the view's top edge. */
    public double originY() {
        return originY;
    }

    public int viewWidth() {
        return viewWidth;
    }

    public int viewHeight() {
        return viewHeight;
    }

    /** Sets the size of the view in pixels. */
    public void setViewSize(int width, int height) {
        viewWidth = Math.max(1, width);
        viewHeight = Math.max(1, height);
    }

    public double toViewX(double imageX) {
        return (imageX - originX) * scale;
    }

    public double toViewY(double imageY) {
        return (imageY - originY) * scale;
    }

    public double toImageX(double viewX) {
        return viewX / scale + originX;
    }

    public double toImageY(double viewY) {
        return viewY / scale + originY;
    }

    /** Image x of the view's right edge. */
    public double maxImageX() {
        return toImageX(viewWidth);
    }

    /** Image y of the view's bottom edge. */
    public double maxImageY() {
        return toImageY(viewHeight);
    }

    /** Shows all of an image, centred, with a small margin. */
    public void fit(int imageWidth, int imageHeight) {
        double s = Math.min((viewWidth - 16.0) / imageWidth, (viewHeight - 16.0) / imageHeight);
        scale = clamp(s > 0 ? s : MIN_SCALE);
        originX = imageWidth / 2.0 - viewWidth / 2.0 / scale;
        originY = imageHeight / 2.0 - viewHeight / 2.0 / scale;
    }

    /** Sets the zoom, keeping the image point under view point (vx, vy) where it is. */
    public void zoomTo(double newScale, double vx, double vy) {
        double ix = toImageX(vx), iy = toImageY(vy);
        scale = clamp(newScale);
        originX = ix - vx / scale;
        originY = iy - vy / scale;
    }

    /** Multiplies the zoom by {@code factor} around view point (vx, vy). */
    public void zoomBy(double factor, double vx, double vy) {
        zoomTo(scale * factor, vx, vy);
    }

    /** Moves the view by a distance in view pixels (content follows the mouse: positive dx shows what is left). */
    public void panBy(double dxView, double dyView) {
        originX -= dxView / scale;
        originY -= dyView / scale;
    }

    /** Centres the view on an image point. */
    public void centreOn(double imageX, double imageY) {
        originX = imageX - viewWidth / 2.0 / scale;
        originY = imageY - viewHeight / 2.0 / scale;
    }

    /**
     * The pyramid level to draw at this zoom: the coarsest whose pixels are still at least as fine
     * as the view's, within {@code 0..levels-1}.
     */
    public int level(int levels) {
        if (scale >= 1) {
            return 0;
        }
        int l = (int) Math.floor(Math.log(1 / scale) / Math.log(2) + 1e-9);
        return Math.max(0, Math.min(levels - 1, l));
    }

    /** Copies another viewport's state (for painting without racing the UI thread). */
    public Viewport copy() {
        Viewport v = new Viewport();
        v.scale = scale;
        v.originX = originX;
        v.originY = originY;
        v.viewWidth = viewWidth;
        v.viewHeight = viewHeight;
        return v;
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }
}
