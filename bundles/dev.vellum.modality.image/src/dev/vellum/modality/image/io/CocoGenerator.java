package dev.vellum.modality.image.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a synthetic COCO instances file for benchmarks ({@code vellum cli bench coco}): images of
 * 640 x 480 named {@code images/000001.jpg}..., ten categories, and annotations spread at random
 * over the images (as in real COCO files, not grouped by image), each with a box and, unless
 * {@code polygonPoints} is 0, a polygon of that many points around the box. Coordinates have two
 * decimals, as COCO's own files do. The same arguments and seed always give the same bytes.
 */
public final class CocoGenerator {
    private static final String[] CATEGORIES = {"person", "bicycle", "car", "motorcycle", "bus", "truck", "dog", "cat", "chair",
        "bottle"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    private final int images;
    private final int annotations;
    private final int polygonPoints;
    private final long seed;

    /**
     * @param images        how many images, at least 1
     * @param annotations   how many annotations, at least 0
     * @param polygonPoints points of each annotation's segmentation polygon: 0 for none, else at least 3
     * @param seed          the random seed
     */
    public CocoGenerator(int images, int annotations, int polygonPoints, long seed) {
        if (images < 1 || annotations < 0) {
            throw new IllegalArgumentException("a COCO file needs at least one image and no negative annotation count");
        }
        if (polygonPoints != 0 && polygonPoints < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 points (or 0 for none), not " + polygonPoints);
        }
        this.images = images;
        this.annotations = annotations;
        this.polygonPoints = polygonPoints;
        this.seed = seed;
    }

    /**
     * Writes the file (atomically: a temporary file next to it, then a rename).
     *
     * @return the size in bytes
     */
    public long write(Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                    JsonGenerator g = JsonFactory.builder().build().createGenerator(os, JsonEncoding.UTF8)) {
                write(g);
            }
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return Files.size(out);
    }

    private void write(JsonGenerator g) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        g.writeStartObject();
        g.writeObjectFieldStart("info");
        g.writeStringField("description", "Vellum synthetic COCO benchmark (seed " + seed + ")");
        g.writeEndObject();
        g.writeArrayFieldStart("images");
        for (int i = 1; i <= images; i++) {
            g.writeStartObject();
            g.writeNumberField("id", i);
            g.writeStringField("file_name", String.format("images/%06d.jpg", i));
            g.writeNumberField("width", WIDTH);
            g.writeNumberField("height", HEIGHT);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("categories");
        for (int c = 0; c < CATEGORIES.length; c++) {
            g.writeStartObject();
            g.writeNumberField("id", c + 1);
            g.writeStringField("name", CATEGORIES[c]);
            g.writeStringField("supercategory", "");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("annotations");
        for (int a = 1; a <= annotations; a++) {
            double w = hundredths(8 + random.nextDouble() * 200);
            double h = hundredths(8 + random.nextDouble() * 200);
            double x = hundredths(random.nextDouble() * (WIDTH - w));
            double y = hundredths(random.nextDouble() * (HEIGHT - h));
            g.writeStartObject();
            g.writeNumberField("id", a);
            g.writeNumberField("image_id", 1 + random.nextInt(images));
            g.writeNumberField("category_id", 1 + random.nextInt(CATEGORIES.length));
            g.writeArrayFieldStart("segmentation");
            double area = w * h;
            if (polygonPoints > 0) {
                // points on the ellipse inscribed in the box, so the polygon lies inside it
                g.writeStartArray();
                double[] xs = new double[polygonPoints];
                double[] ys = new double[polygonPoints];
                for (int k = 0; k < polygonPoints; k++) {
                    double t = 2 * Math.PI * k / polygonPoints;
                    xs[k] = hundredths(x + w / 2 + w / 2 * Math.cos(t));
                    ys[k] = hundredths(y + h / 2 + h / 2 * Math.sin(t));
                    g.writeNumber(xs[k]);
                    g.writeNumber(ys[k]);
                }
                g.writeEndArray();
                area = 0;
                for (int k = 0; k < polygonPoints; k++) {
                    int n = (k + 1) % polygonPoints;
                    area += xs[k] * ys[n] - xs[n] * ys[k];
                }
                area = Math.abs(area) / 2;
            }
            g.writeEndArray();
            g.writeNumberField("area", hundredths(area));
            g.writeArrayFieldStart("bbox");
            g.writeNumber(x);
            g.writeNumber(y);
            g.writeNumber(w);
            g.writeNumber(h);
            g.writeEndArray();
            g.writeNumberField("iscrowd", 0);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static double hundredths(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
