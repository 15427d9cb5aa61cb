package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.quality.DegenerateShape;
import dev.vellum.modality.image.quality.KeypointOutsideBox;
import dev.vellum.modality.image.quality.SelfIntersectingPolygon;
import dev.vellum.modality.image.quality.ShapeOutsideImage;

class ImageRulesTest {
    private static final List<Double> SQUARE = List.of(0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0);
    private static final List<Double> BOWTIE = List.of(0.0, 0.0, 10.0, 10.0, 10.0, 0.0, 0.0, 10.0);

    private static Annotation shape(String id, String type, Shape s) {
        return Annotation.create(id, type, "car", s.toPayload(), "ann");
    }

    private static Item item(Map<String, Object> assetMetadata, Annotation... annotations) {
        AnnotationSet set = AnnotationSet.start("ann", 1);
        for (Annotation a : annotations) {
            set.insert(-1, a);
        }
        return new Item("i1", "", List.of(new Asset("a.png", "image", "", assetMetadata)), null, null, List.of(set));
    }

    private static List<Finding> check(ValidationRule rule, Item item) {
        List<Finding> out = new ArrayList<>();
        rule.check(new ValidationRule.ValidationContext(null, null, Map.of()), item, out::add);
        return out;
    }

    @Test
    void shapeOutsideTheImageUsesTheAssetSize() {
        Item item = item(Map.of("width", 100, "height", 50), shape("in", BoundingBox.TYPE, new BoundingBox(0, 0, 100, 50)),
                shape("out", BoundingBox.TYPE, new BoundingBox(90, 40, 20, 5)),
                shape("poly", Polygon.TYPE, new Polygon(List.of(-1.0, 0.0, 10.0, 0.0, 10.0, 10.0))),
                shape("mask", Mask.TYPE, new Mask(10, 5, new int[] {0, 20, 30})));
        List<Finding> f = check(new ShapeOutsideImage(), item);
        assertEquals(List.of("out", "poly", "mask"), f.stream().map(Finding::annotationId).toList());
        assertEquals("image.bbox 'car' spans x 90..110, y 40..45, outside the 100 x 50 image", f.get(0).message());
        assertEquals("mask 'car' is 5 x 10 but the image is 100 x 50", f.get(2).message());
        assertEquals(ShapeOutsideImage.ID, f.get(0).ruleId());
        assertEquals(List.of(), check(new ShapeOutsideImage(), item(null, shape("out", BoundingBox.TYPE, new BoundingBox(90, 40, 20, 5)))),
                "no size, no check");
    }

    @Test
    void degenerateShapesAreThoseBelowTheThreshold() {
        Item item = item(null, shape("thin", BoundingBox.TYPE, new BoundingBox(0, 0, 0.5, 1)), shape("ok", BoundingBox.TYPE, new BoundingBox(0, 0, 1, 1)),
                shape("flat", Polygon.TYPE, new Polygon(List.of(0.0, 0.0, 5.0, 0.0, 10.0, 0.0))),
                shape("dot", Polyline.TYPE, new Polyline(List.of(1.0, 1.0, 1.0, 1.5))));
        List<Finding> f = check(new DegenerateShape(), item);
        assertEquals(List.of("thin", "flat", "dot"), f.stream().map(Finding::annotationId).toList());
        assertEquals("image.bbox 'car' has an area of 0.50 square pixels, below 1", f.get(0).message());
        assertEquals(List.of("thin", "ok", "flat", "dot"), check(new DegenerateShape(4), item).stream().map(Finding::annotationId).toList());
    }

    @Test
    void selfIntersectingPolygonsAndHoles() {
        assertNull(SelfIntersectingPolygon.crossing(SQUARE));
        assertEquals(List.of(0, 2), List.of(SelfIntersectingPolygon.crossing(BOWTIE)[0], SelfIntersectingPolygon.crossing(BOWTIE)[1]));
        Item item = item(null, shape("square", Polygon.TYPE, new Polygon(SQUARE)), shape("bowtie", Polygon.TYPE, new Polygon(BOWTIE)),
                shape("hole", Polygon.TYPE, new Polygon(SQUARE, List.of(List.of(1.0, 1.0, 4.0, 4.0, 4.0, 1.0, 1.0, 4.0)))));
        List<Finding> f = check(new SelfIntersectingPolygon(), item);
        assertEquals(List.of("bowtie", "hole"), f.stream().map(Finding::annotationId).toList());
        assertEquals("polygon 'car' crosses itself: in its outline, edge 1 meets edge 3", f.get(0).message());
        assertEquals("polygon 'car' crosses itself: in hole 1, edge 1 meets edge 3", f.get(1).message());
    }

    @Test
    void keypointsOutsideTheirBox() {
        Item item = item(null, shape("box", BoundingBox.TYPE, new BoundingBox(0, 0, 10, 10)),
                shape("kp", Keypoints.TYPE, new Keypoints(List.of(5.0, 5.0, 2.0, 20.0, 5.0, 1.0, 30.0, 30.0, 0.0), "person", "box")),
                shape("lost", Keypoints.TYPE, new Keypoints(List.of(5.0, 5.0, 2.0), "person", "nothing")),
                shape("free", Keypoints.TYPE, new Keypoints(List.of(50.0, 50.0, 2.0), "person", "")));
        List<Finding> f = check(new KeypointOutsideBox(), item);
        assertEquals(List.of("kp", "lost"), f.stream().map(Finding::annotationId).toList());
        assertEquals("keypoint 2 of 'car' at (20, 5) is outside its box", f.get(0).message());
        assertEquals("keypoints 'car' belong to box 'nothing', which is not a box in this set", f.get(1).message());
    }
}
