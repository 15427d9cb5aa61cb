package dev.vellum.modality.image.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.ui.internal.Figure;
import dev.vellum.modality.image.ui.internal.Geometry;
import dev.vellum.modality.image.ui.internal.Scene;
import dev.vellum.modality.image.ui.internal.Viewport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The editor's geometry, scene and viewport, without SWT. */
class GeometryTest {
    @Test
    void boxHandlesResizeFromTheOppositeCornerAndNormalise() {
        BoundingBox b = new BoundingBox(10, 10, 20, 10);
        assertEquals(new BoundingBox(10, 10, 30, 20), Geometry.moveHandle(b, 2, 40, 30));
        // dragging the top-left corner past the bottom-right flips, it does not go negative
        assertEquals(new BoundingBox(30, 20, 10, 5), Geometry.moveHandle(b, 0, 40, 25));
        assertEquals(new BoundingBox(10, 5, 20, 15), Geometry.moveHandle(b, 4, 99, 5));
    }

    @Test
    void rotatedBoxKnobSetsTheAngleAndCornersResizeInTheBoxFrame() {
        RotatedBox r = new RotatedBox(50, 50, 20, 10, 0);
        RotatedBox turned = (RotatedBox) Geometry.moveHandle(r, 4, 60, 50);
        assertEquals(90, turned.angle(), 1e-9, "knob dragged to the right of the centre: a quarter turn clockwise");
        RotatedBox bigger = (RotatedBox) Geometry.moveHandle(r, 2, 70, 60);
        assertEquals(30, bigger.width(), 1e-9);
        assertEquals(15, bigger.height(), 1e-9);
        assertEquals(55, bigger.cx(), 1e-9);
        assertEquals(52.5, bigger.cy(), 1e-9);
        RotatedBox rotated = new RotatedBox(0, 0, 20, 10, 90);
        // corner 2 sits at (-5, 10) and its opposite at (5, -10); at 90 degrees the width runs down the screen
        RotatedBox resized = (RotatedBox) Geometry.moveHandle(rotated, 2, -7, 12);
        assertEquals(22, resized.width(), 1e-9);
        assertEquals(12, resized.height(), 1e-9);
        assertEquals(90, resized.angle(), 1e-9);
    }

    @Test
    void verticesAreInsertedOnTheNearestEdgeAndPolygonsKeepThree() {
        Polygon square = new Polygon(List.of(0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0));
        int[] at = new int[1];
        Polygon more = (Polygon) Geometry.insertVertex(square, 10.2, 5, 1, at);
        assertEquals(2, at[0]);
        assertEquals(List.of(0.0, 0.0, 10.0, 0.0, 10.2, 5.0, 10.0, 10.0, 0.0, 10.0), more.points());
        assertNull(Geometry.insertVertex(square, 5, 5, 1, at), "the middle is far from every edge");
        Polygon triangle = (Polygon) Geometry.deleteVertex(square, 0);
        assertEquals(6, triangle.points().size());
        assertNull(Geometry.deleteVertex(triangle, 0), "a polygon keeps at least three vertices");
    }

    @Test
    void holesAreNotInsideThePolygon() {
        Polygon p = new Polygon(List.of(0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0), List.of(List.of(4.0, 4.0, 6.0, 4.0, 6.0, 6.0, 4.0, 6.0)));
        assertTrue(Geometry.insidePolygon(p, 2, 2));
        assertFalse(Geometry.insidePolygon(p, 5, 5));
        assertFalse(Geometry.insidePolygon(p, 11, 5));
    }

    private static Item item(Annotation... annotations) {
        AnnotationSet set = new AnnotationSet("alice", AnnotationState.IN_PROGRESS, 0, Instant.EPOCH, Instant.EPOCH, List.of(annotations));
        return new Item("i", "", List.of(new Asset("a.png", "image", "", Map.of())), Map.of(), List.of(), List.of(set));
    }

    private static Annotation box(String id, double x, double y, double w, double h, int z) {
        Annotation a = Annotation.create(id, BoundingBox.TYPE, "car", new BoundingBox(x, y, w, h).toPayload(), "alice");
        return z == 0 ? a : a.withAttributes(Map.of(Figure.Z_ORDER, z), "alice");
    }

    @Test
    void pickPrefersTheTopmostThenTheSmallest() {
        Scene scene = new Scene(1000, 1000);
        scene.update(item(box("big", 0, 0, 500, 500, 0), box("small", 100, 100, 20, 20, 0), box("top", 300, 300, 100, 100, 1)), List.of("alice"));
        assertEquals("small", scene.pick(110, 110, 0, null).id());
        assertEquals("big", scene.pick(50, 50, 0, null).id());
        assertEquals("top", scene.pick(350, 350, 0, null).id(), "higher z wins over the smaller area");
        assertNull(scene.pick(900, 900, 0, null));
    }

    @Test
    void updatesAreIncremental() {
        Scene scene = new Scene(1000, 1000);
        Annotation a = box("a", 0, 0, 10, 10, 0), b = box("b", 20, 20, 10, 10, 0);
        scene.update(item(a, b), List.of("alice"));
        Figure fa = scene.get(Figure.key("alice", "a"));
        Annotation moved = b.withPayload(new BoundingBox(600, 600, 10, 10).toPayload(), "alice");
        assertTrue(scene.update(item(a, moved), List.of("alice")));
        assertSame(fa, scene.get(Figure.key("alice", "a")), "the unchanged figure is kept");
        assertEquals(1, scene.visible(590, 590, 700, 700).size());
        assertEquals(0, scene.visible(15, 15, 40, 40).size(), "the old place of b is empty in the index");
        assertFalse(scene.update(item(a, moved), List.of("alice")));
    }

    @Test
    void visibleQueriesTenThousandBoxesQuickly() {
        List<Annotation> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(box("b" + i, i % 100 * 200, i / 100 * 200, 50, 50, 0));
        }
        Scene scene = new Scene(20_000, 20_000);
        scene.update(item(many.toArray(Annotation[]::new)), List.of("alice"));
        assertEquals(25, scene.visible(0, 0, 999, 999).size());
        assertEquals("b101", scene.pick(225, 225, 0, null).id());
    }

    @Test
    void viewportLevelsFollowTheZoom() {
        Viewport v = new Viewport();
        v.setViewSize(1000, 800);
        v.fit(20_000, 20_000);
        assertEquals(0.0392, v.scale(), 1e-4);
        assertEquals(4, v.level(10), "1/25 zoom draws level 4 (1/16)");
        assertEquals(2, v.level(3), "never beyond the coarsest level");
        v.zoomTo(1, 0, 0);
        assertEquals(0, v.level(10));
    }
}
