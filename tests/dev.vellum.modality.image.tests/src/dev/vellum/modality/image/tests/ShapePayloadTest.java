package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.JsonTrees;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.PayloadException;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.model.Tag;

class ShapePayloadTest {
    private static final List<Shape> SHAPES = List.of(new BoundingBox(1.5, 2, 30, 40), new RotatedBox(10, 20, 8, 4, 33.5),
            new Polygon(List.of(0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0), List.of(List.of(2.0, 2.0, 4.0, 2.0, 4.0, 4.0))),
            new Polyline(List.of(1.0, 1.0, 5.0, 5.0, 9.0, 1.0)), new Keypoints(List.of(1.0, 2.0, 2.0, 0.0, 0.0, 0.0), "person", "box-1"),
            new Mask(10, 5, new int[] {0, 20, 30}), new Tag());

    private static final List<String> TYPES = List.of(BoundingBox.TYPE, RotatedBox.TYPE, Polygon.TYPE, Polyline.TYPE, Keypoints.TYPE, Mask.TYPE,
            Tag.TYPE);

    @Test
    void everyShapeSurvivesTheJsonTreeAndAnAnnotation() {
        for (int i = 0; i < SHAPES.size(); i++) {
            Shape s = SHAPES.get(i);
            // Through the store's JSON tree representation (numbers become BigDecimal) and back.
            Annotation a = Annotation.create("a" + i, TYPES.get(i), "car", JsonTrees.copy(s.toPayload()), "ann");
            assertEquals(s, Shape.fromPayload(a.typeId(), a.payload()), TYPES.get(i));
        }
    }

    @Test
    void areasAndBounds() {
        assertEquals(1200, SHAPES.get(0).area());
        assertEquals(32, SHAPES.get(1).area(), 1e-9);
        assertEquals(98, SHAPES.get(2).area(), 1e-9);
        assertEquals(20, SHAPES.get(5).area());
        assertEquals(new BoundingBox(0, 0, 2, 10), ((Mask) SHAPES.get(5)).bounds(), "20 pixels fill the first two columns of 10");
        BoundingBox r = new RotatedBox(0, 0, 4, 2, 90).bounds();
        assertEquals(2, r.width(), 1e-9);
        assertEquals(4, r.height(), 1e-9);
        assertEquals(Math.sqrt(32) * 2, ((Polyline) SHAPES.get(3)).length(), 1e-9);
    }

    @Test
    void masksReadUncompressedCountsAndWriteTheCompressedString() {
        Mask m = Mask.fromPayload(Map.of("rle", Map.of("size", List.of(10, 5), "counts", List.of(0, 20, 30))));
        assertEquals(new Mask(10, 5, new int[] {0, 20, 30}), m);
        assertEquals("0d0n0", ((Map<?, ?>) m.toPayload().get("rle")).get("counts"));
    }

    @Test
    void malformedPayloadsSayWhatIsWrong() {
        assertEquals("image.bbox: 'width' must be a number and is missing",
                assertThrows(PayloadException.class, () -> BoundingBox.fromPayload(Map.of("x", 1, "y", 2, "height", 3))).getMessage());
        assertEquals("image.bbox: width and height must not be negative (-1.0 x 3.0)",
                assertThrows(PayloadException.class, () -> BoundingBox.fromPayload(Map.of("x", 1, "y", 2, "width", -1, "height", 3))).getMessage());
        assertEquals("image.polygon: 'points' needs at least 3 points, found 2",
                assertThrows(PayloadException.class, () -> Polygon.fromPayload(Map.of("points", List.of(0, 0, 1, 1)))).getMessage());
        assertEquals("image.polygon: 'points' must hold x,y pairs, found an odd count 7",
                assertThrows(PayloadException.class, () -> Polygon.fromPayload(Map.of("points", List.of(0, 0, 1, 1, 2, 2, 3)))).getMessage());
        assertEquals("image.keypoints: visibility of point 1 must be 0, 1 or 2, found 5.0",
                assertThrows(PayloadException.class, () -> Keypoints.fromPayload(Map.of("points", List.of(0, 0, 2, 1, 1, 5)))).getMessage());
        assertEquals("image.mask: rle: the runs cover 50 pixels but the mask is 10 x 6 = 60", assertThrows(PayloadException.class,
                () -> Mask.fromPayload(Map.of("rle", Map.of("size", List.of(10, 6), "counts", List.of(0, 20, 30))))).getMessage());
        assertEquals("image.polyline: 'points' item 1 must be a number, found y",
                assertThrows(PayloadException.class, () -> Polyline.fromPayload(Map.of("points", List.of(0, "y", 1, 1)))).getMessage());
        assertEquals("'image.circle' is not an image annotation type",
                assertThrows(PayloadException.class, () -> Shape.fromPayload("image.circle", Map.of())).getMessage());
    }
}
