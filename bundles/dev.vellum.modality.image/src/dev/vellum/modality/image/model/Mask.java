package dev.vellum.modality.image.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vellum.modality.image.codec.CocoRle;

/**
 * A binary mask ({@code image.mask}) in COCO run-length encoding: {@code {rle: {size: [h, w], counts}}}
 * where counts is either the list of runs or pycocotools' compressed string. It is written back in
 * the compressed form.
 *
 * @param height mask height in pixels
 * @param width  mask width in pixels
 * @param counts the uncompressed runs (column-major, starting with background); not copied
 */
public record Mask(int height, int width, int[] counts) implements Shape {
    /** The annotation type id. */
    public static final String TYPE = "image.mask";

    /**
     * Reads a payload.
     *
     * @throws PayloadException when size or counts are malformed, or the runs do not cover h x w pixels
     */
    public static Mask fromPayload(Map<String, Object> p) {
        Payloads.requireMap(p, TYPE);
        if (!(p.get("rle") instanceof Map<?, ?> rle)) {
            throw new PayloadException(TYPE + ": 'rle' must be an object {size: [h, w], counts}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) rle;
        return fromRle(r.get("size"), r.get("counts"), TYPE + ": rle");
    }

    /**
     * Reads a COCO RLE object's size and counts (list or compressed string).
     *
     * @param where names the field in messages
     * @throws PayloadException when they are malformed
     */
    public static Mask fromRle(Object size, Object counts, String where) {
        List<Double> hw = Payloads.numbers(size, where, "size");
        if (hw.size() != 2 || hw.get(0) < 0 || hw.get(1) < 0 || hw.get(0) != Math.rint(hw.get(0)) || hw.get(1) != Math.rint(hw.get(1))) {
            throw new PayloadException(where + ": 'size' must be [height, width] in whole pixels, found " + size);
        }
        int h = hw.get(0).intValue(), w = hw.get(1).intValue();
        int[] c;
        if (counts instanceof String s) {
            try {
                c = CocoRle.decode(s);
            } catch (IllegalArgumentException e) {
                throw new PayloadException(where + ": 'counts' " + e.getMessage());
            }
        } else {
            List<Double> l = Payloads.numbers(counts, where, "counts");
            c = new int[l.size()];
            for (int i = 0; i < c.length; i++) {
                double d = l.get(i);
                if (d < 0 || d != Math.rint(d) || d > Integer.MAX_VALUE) {
                    throw new PayloadException(where + ": 'counts' item " + i + " must be a whole number of pixels, found " + d);
                }
                c[i] = (int) d;
            }
        }
        long total = CocoRle.total(c);
        if (total != (long) h * w) {
            throw new PayloadException(where + ": the runs cover " + total + " pixels but the mask is " + h + " x " + w + " = " + (long) h * w);
        }
        return new Mask(h, w, c);
    }

    @Override
    public Map<String, Object> toPayload() {
        Map<String, Object> rle = new LinkedHashMap<>();
        rle.put("size", List.of(height, width));
        rle.put("counts", CocoRle.encode(counts));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rle", rle);
        return m;
    }

    /** The runs as a list, as COCO's uncompressed form writes them. */
    public List<Integer> countsList() {
        List<Integer> l = new ArrayList<>(counts.length);
        for (int c : counts) {
            l.add(c);
        }
        return l;
    }

    @Override
    public double area() {
        return CocoRle.area(counts);
    }

    @Override
    public BoundingBox bounds() {
        int[] b = CocoRle.bounds(counts, height);
        return new BoundingBox(b[0], b[1], b[2], b[3]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.height == height && m.width == width && Arrays.equals(m.counts, counts);
    }

    @Override
    public int hashCode() {
        return (height * 31 + width) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Mask[" + height + "x" + width + ", counts=" + CocoRle.encode(counts) + "]";
    }
}
