package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vellum.core.agreement.Assignment;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.modality.image.agreement.Iou;
import dev.vellum.modality.image.agreement.KeypointUnits;
import dev.vellum.modality.image.agreement.Oks;
import dev.vellum.modality.image.agreement.ShapeUnits;
import dev.vellum.modality.image.agreement.TagUnits;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.model.Tag;

/** Agreement units of the image modality: IoU and OKS against hand-computed values, optimal matching, clusters, tags. */
class ImageAgreementTest {
    private static final double EPS = 1e-9;

    private static Annotation a(String id, String type, String label, Shape s) {
        return Annotation.create(id, type, label, s.toPayload(), "x");
    }

    private static Annotation box(String id, String label, double x, double y, double w, double h) {
        return a(id, BoundingBox.TYPE, label, new BoundingBox(x, y, w, h));
    }

    private static AnnotationSet set(String annotator, Annotation... annotations) {
        AnnotationSet s = AnnotationSet.start(annotator, 1);
        for (Annotation x : annotations) {
            s.insert(-1, x);
        }
        return s;
    }

    private static Item item(AnnotationSet... sets) {
        return new Item("img1", "", List.of(new Asset("img1.png", "image", "", null)), null, null, List.of(sets));
    }

    private static List<AgreementUnit> units(dev.vellum.core.spi.AgreementUnits service, AnnotationSet... sets) {
        return service.units(item(sets), List.of(sets), null);
    }

    private static List<Double> square(double x0, double y0, double x1, double y1) {
        return List.of(x0, y0, x1, y0, x1, y1, x0, y1);
    }

    @Test
    void boxIouIsIntersectionOverUnion() {
        // 5 x 5 shared of 100 + 100 - 25
        assertEquals(25.0 / 175, Iou.of(new BoundingBox(0, 0, 10, 10), new BoundingBox(5, 5, 10, 10)), EPS);
        assertEquals(0, Iou.of(new BoundingBox(0, 0, 10, 10), new BoundingBox(10, 0, 10, 10)), "touching edges share no area");
        assertEquals(1, Iou.of(new BoundingBox(3, 4, 5, 6), new BoundingBox(3, 4, 5, 6)), EPS);
    }

    @Test
    void rotatedBoxIouIsExact() {
        // A 2 x 2 square and itself turned 45 degrees share a regular octagon of area 8(sqrt 2 - 1):
        // IoU = (8 sqrt2 - 8) / (16 - 8 sqrt2) = 1 / sqrt 2.
        RotatedBox square = new RotatedBox(0, 0, 2, 2, 0), turned = new RotatedBox(0, 0, 2, 2, 45);
        assertEquals(1 / Math.sqrt(2), Iou.of(square, turned), EPS);
        assertEquals(1, Iou.of(turned, new RotatedBox(0, 0, 2, 2, 135)), EPS, "a square turned by 90 degrees is itself");
    }

    @Test
    void polygonIouSubtractsHoles() {
        // 10 x 10 square with a 2 x 2 hole at x 2..4, y 4..6 (area 96) against the lower half y 0..5 (area 50):
        // the hole takes 2 x 1 from the half, so 48 shared of 96 + 50 - 48 = 98.
        Polygon holed = new Polygon(square(0, 0, 10, 10), List.of(square(2, 4, 4, 6)));
        Polygon half = new Polygon(square(0, 0, 10, 5));
        assertEquals(96, Iou.area(Iou.region(holed)), EPS);
        assertEquals(48.0 / 98, Iou.of(holed, half), EPS);
        assertEquals(48.0 / 98, Iou.of(half, holed), EPS);
        // a triangle: half of the square
        assertEquals(0.5, Iou.of(new Polygon(square(0, 0, 10, 10)), new Polygon(List.of(0.0, 0.0, 10.0, 0.0, 10.0, 10.0))), EPS);
    }

    @Test
    void maskIouWalksTheRuns() {
        // 4 x 4, column-major: columns 0-1 against columns 1-2 share column 1: 4 of 12 pixels.
        Mask left = new Mask(4, 4, new int[] {0, 8, 8}), middle = new Mask(4, 4, new int[] {4, 8, 4});
        assertEquals(4.0 / 12, Iou.of(left, middle), EPS);
        // scattered runs: pixels {1,2,5,9,10,11} and {2,3,9,15}: shared {2,9}, union 8
        Mask a = new Mask(4, 4, new int[] {1, 2, 2, 1, 3, 3, 4}), b = new Mask(4, 4, new int[] {2, 2, 5, 1, 5, 1});
        assertEquals(2.0 / 8, Iou.of(a, b), EPS);
        assertEquals(0, Iou.of(left, new Mask(2, 8, new int[] {0, 8, 8})), "masks of different sizes are on different images");
    }

    @Test
    void eachShapeTypeIsMatchedByItsIou() {
        AnnotationSet one = set("ann1", box("b1", "car", 0, 0, 10, 10), a("r1", RotatedBox.TYPE, "car", new RotatedBox(0, 0, 2, 2, 0)),
                a("p1", Polygon.TYPE, "car", new Polygon(square(0, 0, 10, 10), List.of(square(2, 4, 4, 6)))),
                a("m1", Mask.TYPE, "car", new Mask(4, 4, new int[] {0, 8, 8})));
        AnnotationSet two = set("ann2", box("b2", "car", 5, 5, 10, 10), a("r2", RotatedBox.TYPE, "car", new RotatedBox(0, 0, 2, 2, 45)),
                a("p2", Polygon.TYPE, "car", new Polygon(square(0, 0, 10, 5))), a("m2", Mask.TYPE, "car", new Mask(4, 4, new int[] {4, 8, 4})));
        // At threshold 0.1 every pair matches, and the quality is the IoU of the pair.
        List<AgreementUnit> u = units(new ShapeUnits(0.1, false), one, two);
        assertEquals(List.of("image.bbox", "image.rbox", "image.polygon", "image.mask"), u.stream().map(AgreementUnit::kind).toList());
        double[] expected = {25.0 / 175, 1 / Math.sqrt(2), 48.0 / 98, 4.0 / 12};
        for (int i = 0; i < 4; i++) {
            assertEquals(1, u.get(i).ratings().get("ann1").quality(), "the founder scores 1");
            assertEquals(expected[i], u.get(i).ratings().get("ann2").quality(), EPS, u.get(i).kind());
        }
        // At the default 0.5 only the rotated boxes match; every other shape is a unit of its own.
        List<AgreementUnit> strict = units(new ShapeUnits(), one, two);
        assertEquals(7, strict.size());
        assertEquals(List.of("image.bbox:ann1/b1", "image.bbox:ann2/b2", "image.rbox:ann1/r1", "image.polygon:ann1/p1", "image.polygon:ann2/p2",
                "image.mask:ann1/m1", "image.mask:ann2/m2"), strict.stream().map(AgreementUnit::id).toList());
        assertEquals(List.of("r1"), strict.get(2).ratings().get("ann1").annotationIds());
        assertEquals(List.of("r2"), strict.get(2).ratings().get("ann2").annotationIds());
    }

    @Test
    void hungarianBeatsGreedyOnACraftedCase() {
        // Greedy takes the best pair first (0.82) and strands the rest; the optimum pairs both.
        double[][] iou = {{9.0 / 11, 7.0 / 13}, {7.0 / 13, 0}};
        assertArrayEquals(new int[] {1, 0}, Assignment.maximize(iou));
        // The same as boxes (height 10, so IoU is the overlap of x intervals): ann2 has b1 = [0,10]
        // and b2 = [4,14]; ann1 has a1 = [1,11] (0.82 with b1, 0.54 with b2) and a2 = [-3,7] (0.54 with b1, 0.18 with b2).
        AnnotationSet one = set("ann1", box("a1", "car", 1, 0, 10, 10), box("a2", "car", -3, 0, 10, 10));
        AnnotationSet two = set("ann2", box("b1", "car", 0, 0, 10, 10), box("b2", "car", 4, 0, 10, 10));
        List<AgreementUnit> u = units(new ShapeUnits(), one, two);
        assertEquals(2, u.size(), "both objects matched, none left over");
        assertEquals(List.of("b2"), u.get(0).ratings().get("ann2").annotationIds());
        assertEquals(List.of("b1"), u.get(1).ratings().get("ann2").annotationIds());
        assertEquals(7.0 / 13, u.get(0).ratings().get("ann2").quality(), EPS);
    }

    @Test
    void moreMatchesWinOverMoreIou() {
        // Two pairs of 1.0 (sum 2.0) against three pairs of 0.5 (sum 1.5): the matching with more pairs wins,
        // where maximizing the summed IoU alone would leave c unmatched.
        double[][] sim = {{1.0, 0.5, 0}, {0, 1.0, 0.5}, {0.5, 0, 0}};
        assertArrayEquals(new int[] {1, 2, 0}, Assignment.maximize(sim));
        double[][] wide = {{0.7, 0.9, 0}, {0, 0.8, 0}};
        assertArrayEquals(new int[] {0, 1}, Assignment.maximize(wide), "a rectangular problem");
    }

    @Test
    void theSpatialIndexFindsTheSameMatchingAsAllPairs() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<Annotation> as = new ArrayList<>(), bs = new ArrayList<>();
            List<BoundingBox> ab = new ArrayList<>(), bb = new ArrayList<>();
            for (int k = 0; k < 60; k++) {
                // crowded: boxes of very different sizes, many overlapping
                BoundingBox x = new BoundingBox(random.nextDouble() * 200, random.nextDouble() * 200, 2 + random.nextDouble() * 80,
                        2 + random.nextDouble() * 80);
                BoundingBox y = new BoundingBox(x.x() + random.nextGaussian() * 5, x.y() + random.nextGaussian() * 5, x.width(), x.height());
                ab.add(x);
                bb.add(y);
            }
            Collections.shuffle(bb, random);
            for (int k = 0; k < 60; k++) {
                as.add(box("a" + k, "c", ab.get(k).x(), ab.get(k).y(), ab.get(k).width(), ab.get(k).height()));
                bs.add(box("b" + k, "c", bb.get(k).x(), bb.get(k).y(), bb.get(k).width(), bb.get(k).height()));
            }
            List<Assignment.Edge> all = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                for (int j = 0; j < 60; j++) {
                    double iou = Iou.of(ab.get(i), bb.get(j));
                    if (iou >= 0.5) {
                        all.add(new Assignment.Edge(i, j, iou));
                    }
                }
            }
            int[] brute = Assignment.match(60, 60, all);
            long pairs = java.util.Arrays.stream(brute).filter(j -> j >= 0).count();
            double sum = 0;
            for (int i = 0; i < 60; i++) {
                sum += brute[i] >= 0 ? Iou.of(ab.get(i), bb.get(brute[i])) : 0;
            }
            List<AgreementUnit> u = units(new ShapeUnits(), set("ann1", as.toArray(Annotation[]::new)), set("ann2", bs.toArray(Annotation[]::new)));
            List<AgreementUnit> matched = u.stream().filter(x -> x.ratings().size() == 2).toList();
            assertEquals(pairs, matched.size());
            assertEquals(sum, matched.stream().mapToDouble(x -> x.ratings().get("ann2").quality()).sum(), 1e-9);
            assertEquals(120 - pairs, u.size());
        }
    }

    @Test
    void threeAnnotatorsJoinTheClustersFormedSoFar() {
        AnnotationSet a = set("A", box("a1", "car", 0, 0, 10, 10), box("a2", "car", 100, 100, 10, 10));
        AnnotationSet b = set("B", box("b3", "bus", 200, 200, 10, 10), box("b1", "truck", 1, 0, 10, 10));
        AnnotationSet c = set("C", box("c1", "car", 0, 1, 10, 10), box("c3", "bus", 201, 200, 10, 10));
        List<AgreementUnit> u = units(new ShapeUnits(), a, b, c);
        assertEquals(List.of("image.bbox:A/a1", "image.bbox:A/a2", "image.bbox:B/b3"), u.stream().map(AgreementUnit::id).toList());
        AgreementUnit car = u.get(0);
        assertEquals(List.of("A", "B", "C"), List.copyOf(car.ratings().keySet()));
        assertEquals(AgreementValue.of("car"), car.value("A"));
        assertEquals(AgreementValue.of("truck"), car.value("B"), "a label disagreement is a value disagreement in one unit");
        assertEquals(9.0 / 11, car.ratings().get("B").quality(), EPS);
        // C joins by its mean IoU with A's box (9/11) and B's (81/119)
        assertEquals((9.0 / 11 + 81.0 / 119) / 2, car.ratings().get("C").quality(), EPS);
        // unmatched: A's second box has B and C missing; the bus B founded is joined by C
        assertTrue(u.get(1).isMissing("B") && u.get(1).isMissing("C"));
        assertEquals(List.of("B", "C"), List.copyOf(u.get(2).ratings().keySet()));
        assertEquals("img1/image.bbox:A/a1", car.key());
    }

    @Test
    void sameLabelOnlyKeepsDifferentLabelsApart() {
        AnnotationSet a = set("A", box("a1", "car", 0, 0, 10, 10));
        AnnotationSet b = set("B", box("b1", "truck", 0, 0, 10, 10));
        assertEquals(1, units(new ShapeUnits(), a, b).size());
        assertEquals(2, units(new ShapeUnits(0.5, true), a, b).size());
        assertEquals(0.7, new ShapeUnits(Map.of(ShapeUnits.IOU_THRESHOLD, "0.7")).threshold(), "configurable as a component property");
        assertThrows(IllegalArgumentException.class, () -> new ShapeUnits(1.5, false));
    }

    @Test
    void polygonPartsOfOneObjectAreMatchedAsTheirUnion() {
        Annotation left = a("p1", Polygon.TYPE, "car", new Polygon(square(0, 0, 5, 10))).withAttributes(Map.of("group", "7"), "x");
        Annotation right = a("p2", Polygon.TYPE, "car", new Polygon(square(5, 0, 10, 10))).withAttributes(Map.of("group", "7"), "x");
        AnnotationSet a = set("A", left, right);
        AnnotationSet b = set("B", a("q1", Polygon.TYPE, "car", new Polygon(square(0, 0, 10, 10))));
        List<AgreementUnit> u = units(new ShapeUnits(), a, b);
        assertEquals(1, u.size());
        assertEquals(List.of("p1", "p2"), u.get(0).ratings().get("A").annotationIds());
        assertEquals(1, u.get(0).ratings().get("B").quality(), EPS);
    }

    private static List<Double> person(double... xyv) {
        List<Double> points = new ArrayList<>(Collections.nCopies(17 * 3, 0.0));
        for (int i = 0; i < xyv.length; i += 4) {
            int k = (int) xyv[i];
            points.set(3 * k, xyv[i + 1]);
            points.set(3 * k + 1, xyv[i + 2]);
            points.set(3 * k + 2, xyv[i + 3]);
        }
        return points;
    }

    @Test
    void oksFollowsCoco() {
        // Reference: nose (sigma .026) at (10,10), left shoulder (sigma .079) at (20,20); scale = their extent 10 x 10 = 100.
        // Other: nose 1 px off, shoulder exact. Nose: exp(-1 / (2 * 100 * 0.052^2)) = exp(-1.849112) = 0.157377; mean with 1 = 0.578688.
        Keypoints ref = new Keypoints(person(0, 10, 10, 2, 5, 20, 20, 2), "person", "");
        Keypoints other = new Keypoints(person(0, 11, 10, 2, 5, 20, 20, 1), "person", "");
        assertEquals(0.578688, Oks.of(ref, 100, other, Oks.COCO_PERSON_SIGMAS), 1e-6);
        assertEquals(1, Oks.of(ref, 100, ref, Oks.COCO_PERSON_SIGMAS), EPS);
        Keypoints noShoulder = new Keypoints(person(0, 11, 10, 2), "person", "");
        assertEquals(0.157377 / 2, Oks.of(ref, 100, noShoulder, Oks.COCO_PERSON_SIGMAS), 1e-6, "a point the other left out counts 0");

        AnnotationSet a = set("A", a("k1", Keypoints.TYPE, "person", ref));
        AnnotationSet b = set("B", a("k2", Keypoints.TYPE, "person", other));
        List<AgreementUnit> u = units(new KeypointUnits(), a, b);
        assertEquals(1 + 17, u.size(), "the object and a visibility unit per point");
        assertEquals(0.578688, u.get(0).ratings().get("B").quality(), 1e-6);
        assertEquals("image.keypoints", u.get(0).kind());
        AgreementUnit shoulder = u.get(1 + 5);
        assertEquals("image.keypoint-visibility:A/k1#6", shoulder.id());
        assertEquals(AgreementValue.of(2), shoulder.value("A"));
        assertEquals(AgreementValue.of(1), shoulder.value("B"));
        // Above the OKS of the pair, the people are two units, each missing the other annotator.
        List<AgreementUnit> apart = units(new KeypointUnits(0.6, false), a, b);
        assertEquals(2, apart.size());
        assertTrue(apart.get(0).isMissing("B") && apart.get(1).isMissing("A"));
    }

    @Test
    void oksScaleIsTheNamedBoxWhenThereIsOne() {
        Keypoints ref = new Keypoints(person(0, 10, 10, 2, 5, 20, 20, 2), "person", "box1");
        Keypoints other = new Keypoints(person(0, 11, 10, 2, 5, 20, 20, 2), "person", "");
        // box of 20 x 20 = 400: nose exp(-1 / (2 * 400 * 0.002704)) = exp(-0.462278) = 0.629823
        AnnotationSet a = set("A", box("box1", "person", 5, 5, 20, 20), a("k1", Keypoints.TYPE, "person", ref));
        AnnotationSet b = set("B", a("k2", Keypoints.TYPE, "person", other));
        AgreementUnit u = units(new KeypointUnits(0.5, false), a, b).get(0);
        assertEquals((Math.exp(-1 / (2 * 400 * 0.002704)) + 1) / 2, u.ratings().get("B").quality(), 1e-9);
    }

    @Test
    void tagsArePresentOrAbsentForEveryAnnotator() {
        AnnotationSet a = set("A", a("t1", Tag.TYPE, "indoor", new Tag()), a("t2", Tag.TYPE, "night", new Tag()), box("b", "car", 0, 0, 5, 5));
        AnnotationSet b = set("B", a("t3", Tag.TYPE, "indoor", new Tag()));
        AnnotationSet c = set("C");
        List<AgreementUnit> u = units(new TagUnits(), a, b, c);
        assertEquals(List.of("image.tag:indoor", "image.tag:night"), u.stream().map(AgreementUnit::id).toList());
        assertEquals(List.of("present", "present", "absent"), values(u.get(0), "A", "B", "C"));
        assertEquals(List.of("present", "absent", "absent"), values(u.get(1), "A", "B", "C"));
        assertEquals(List.of("t3"), u.get(0).ratings().get("B").annotationIds());
        assertEquals(List.of(), u.get(1).ratings().get("B").annotationIds());
        assertEquals(List.of(), units(new TagUnits(), set("A", box("b", "car", 0, 0, 5, 5)), set("B")), "no tag, no unit");
    }

    private static List<String> values(AgreementUnit u, String... annotators) {
        return java.util.Arrays.stream(annotators).map(x -> u.value(x).toString()).toList();
    }

    @Test
    void theRegistryCollectsEveryImageServiceAndRejectsTwoSetsOfOneAnnotator() {
        AgreementRegistry registry = new AgreementRegistry();
        registry.addUnits(new ShapeUnits());
        registry.addUnits(new KeypointUnits());
        registry.addUnits(new TagUnits());
        AnnotationSet a = set("A", box("b1", "car", 0, 0, 10, 10), a("t1", Tag.TYPE, "indoor", new Tag()));
        AnnotationSet b = set("B", box("b2", "car", 0, 0, 10, 10));
        Item item = item(a, b);
        List<AgreementUnit> u = registry.units(item, List.of(a, b), null);
        assertEquals(List.of("image.bbox:A/b1", "image.tag:indoor"), u.stream().map(AgreementUnit::id).toList());
        assertThrows(IllegalArgumentException.class, () -> new ShapeUnits().units(item, List.of(a, a), null));
        assertThrows(IllegalStateException.class, () -> registry.addUnits(new TagUnits()));
    }

    @Test
    void malformedPayloadsAndPolylinesMakeNoUnits() {
        Annotation broken = Annotation.create("bad", BoundingBox.TYPE, "car", Map.of("x", 1), "x");
        Annotation line = a("l", dev.vellum.modality.image.model.Polyline.TYPE, "lane",
                new dev.vellum.modality.image.model.Polyline(List.of(0.0, 0.0, 5.0, 5.0)));
        assertEquals(List.of(), units(new ShapeUnits(), set("A", broken, line), set("B")));
    }
}
