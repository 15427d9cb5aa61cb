package dev.vellum.modality.image.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the Pascal VOC importer and exporter share: the id, the classes and the palette. */
final class VocFormat {
    private VocFormat() {
    }

    /** The format id. */
    static final String ID = "voc";

    /** Attribute marking a box that is a {@code <part>} of its object (joined by {@code group}). */
    static final String PART = "part";

    /** The palette index of void (object borders, "don't care") in VOC segmentation PNGs. */
    static final int VOID = 255;

    /** The 21 classes of VOC 2007-2012 in palette order, for segmentation PNGs without a labelmap.txt. */
    static final List<String> STANDARD_CLASSES = List.of("background", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat",
            "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train", "tvmonitor");

    /** VOC's palette colour of index {@code i} as 0xRRGGBB: the bits of i spread over the channels' high bits. */
    static int color(int i) {
        int r = 0, g = 0, b = 0;
        int c = i;
        for (int j = 0; j < 8; j++) {
            r |= (c & 1) << (7 - j);
            g |= (c >> 1 & 1) << (7 - j);
            b |= (c >> 2 & 1) << (7 - j);
            c >>= 3;
        }
        return r << 16 | g << 8 | b;
    }

    /** The palette index of a VOC colour, or -1 when it is none of the 256. */
    static int index(int rgb) {
        for (int i = 0; i < 256; i++) {
            if (color(i) == (rgb & 0xffffff)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A labelmap: class names by palette index and their colours.
     *
     * @param names  by index (0 is the background)
     * @param colors 0xRRGGBB by index
     */
    record LabelMap(List<String> names, List<Integer> colors) {
        static LabelMap standard() {
            List<Integer> c = new ArrayList<>();
            for (int i = 0; i < STANDARD_CLASSES.size(); i++) {
                c.add(color(i));
            }
            return new LabelMap(STANDARD_CLASSES, c);
        }

        /** The index of a colour, or -1. */
        int indexOf(int rgb) {
            return colors.indexOf(rgb & 0xffffff);
        }

        /**
         * Reads Datumaro's {@code labelmap.txt} ({@code name:r,g,b:parts:actions} per line, {@code #} comments).
         *
         * @throws IOException naming the file and line when a colour is malformed
         */
        static LabelMap read(Path file) throws IOException {
            List<String> names = new ArrayList<>();
            List<Integer> colors = new ArrayList<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(":", -1);
                int rgb = color(names.size());
                if (f.length > 1 && !f[1].isBlank()) {
                    String[] c = f[1].split(",");
                    try {
                        rgb = Integer.parseInt(c[0].trim()) << 16 | Integer.parseInt(c[1].trim()) << 8 | Integer.parseInt(c[2].trim());
                    } catch (RuntimeException e) {
                        throw new IOException(file + ": line " + (n + 1) + ": colour '" + f[1] + "' is not r,g,b");
                    }
                }
                names.add(f[0].trim());
                colors.add(rgb);
            }
            return new LabelMap(names, colors);
        }
    }
}
