package dev.vellum.modality.image.io;

import java.util.ArrayList;
import java.util.List;

import dev.vellum.modality.image.codec.CocoRle;
import dev.vellum.modality.image.model.Mask;

/** What the CVAT importer and exporter share: the id and the mask conversions. */
final class CvatFormat {
    private CvatFormat() {
    }

    /** The format id. */
    static final String ID = "cvat-images";

    /**
     * A CVAT mask as a full-image mask: CVAT's runs alternate background and foreground (starting
     * with background) row by row over the box at left, top of width x height pixels.
     *
     * @throws IllegalArgumentException when the runs do not cover the box or it leaves the image
     */
    static Mask fromCvat(int[] runs, int left, int top, int width, int height, int imageWidth, int imageHeight) {
        if (left < 0 || top < 0 || width <= 0 || height <= 0 || left + width > imageWidth || top + height > imageHeight) {
            throw new IllegalArgumentException("the mask's box " + left + "," + top + " " + width + " x " + height + " is not inside the image "
                    + imageWidth + " x " + imageHeight);
        }
        long total = 0;
        for (int r : runs) {
            total += r;
        }
        if (total != (long) width * height) {
            throw new IllegalArgumentException("the runs cover " + total + " pixels but the mask's box is " + width + " x " + height);
        }
        boolean[] full = new boolean[imageWidth * imageHeight];
        int p = 0;
        for (int i = 0; i < runs.length; i++) {
            if (i % 2 == 1) {
                for (int k = p; k < p + runs[i]; k++) {
                    int x = left + k % width, y = top + k / width;
                    full[x * imageHeight + y] = true;
                }
            }
            p += runs[i];
        }
        return new Mask(imageHeight, imageWidth, CocoRle.fromMask(full));
    }

    /** CVAT's runs, left, top, width and height of a mask: cropped to its bounds (a 1 x 1 box when empty). */
    static int[][] toCvat(Mask m) {
        int[] b = CocoRle.bounds(m.counts(), m.height());
        int left = b[0], top = b[1], w = Math.max(1, b[2]), h = Math.max(1, b[3]);
        boolean[] px = CocoRle.toMask(m.counts(), m.height(), m.width());
        List<Integer> runs = new ArrayList<>();
        boolean current = false;
        int run = 0;
        for (int y = top; y < top + h; y++) {
            for (int x = left; x < left + w; x++) {
                boolean v = x < m.width() && y < m.height() && px[x * m.height() + y];
                if (v != current) {
                    runs.add(run);
                    run = 0;
                    current = v;
                }
                run++;
            }
        }
        runs.add(run);
        return new int[][] {runs.stream().mapToInt(Integer::intValue).toArray(), {left, top, w, h}};
    }
}
