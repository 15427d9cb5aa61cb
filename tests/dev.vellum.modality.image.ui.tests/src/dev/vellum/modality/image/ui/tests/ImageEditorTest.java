package dev.vellum.modality.image.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.spi.SetVisibility;
import dev.vellum.core.ui.editors.ItemEditor;
import dev.vellum.core.ui.editors.SetFilter;
import dev.vellum.modality.image.codec.CocoRle;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.KeypointTemplate;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.ui.internal.Figure;
import dev.vellum.modality.image.ui.viewers.ImageCanvas;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.swt.SWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image editor driven as an annotator would: mouse gestures and keys on the canvas. */
class ImageEditorTest {
    @TempDir
    Path tmp;
    private EditorFixture f;
    private ImageCanvas canvas;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    private void open(AnnotationSet... sets) throws Exception {
        f = new EditorFixture(tmp, sets);
        canvas = f.open("a").canvas();
    }

    private static AnnotationSet aliceWith(Annotation... annotations) {
        return new AnnotationSet("alice", AnnotationState.IN_PROGRESS, 0, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), List.of(annotations));
    }

    private static Annotation box(String id, String label, double x, double y, double w, double h) {
        return Annotation.create(id, BoundingBox.TYPE, label, new BoundingBox(x, y, w, h).toPayload(), "alice");
    }

    private int vx(double x) {
        return (int) Math.round(canvas.viewport().toViewX(x));
    }

    private int vy(double y) {
        return (int) Math.round(canvas.viewport().toViewY(y));
    }

    private void drag(double x0, double y0, double x1, double y1, int state) {
        canvas.mouse(SWT.MouseDown, vx(x0), vy(y0), 1, state);
        canvas.mouse(SWT.MouseMove, vx((x0 + x1) / 2), vy((y0 + y1) / 2), 1, state);
        canvas.mouse(SWT.MouseMove, vx(x1), vy(y1), 1, state);
        canvas.mouse(SWT.MouseUp, vx(x1), vy(y1), 1, state);
        f.spin();
    }

    private void click(double x, double y, int state) {
        canvas.mouse(SWT.MouseDown, vx(x), vy(y), 1, state);
        canvas.mouse(SWT.MouseUp, vx(x), vy(y), 1, state);
        f.spin();
    }

    private void key(char c) {
        canvas.key(c, c, 0);
        f.spin();
    }

    private static Shape shape(Annotation a) {
        return Shape.fromPayload(a.typeId(), a.payload());
    }

    @Test
    void theImageFitsTheViewAndZoomKeepsThePointUnderTheMouse() throws Exception {
        open();
        double scale = canvas.viewport().scale();
        assertTrue(scale > 1, "a 400 x 300 image in a large view is enlarged to fit, scale " + scale);
        double ix = canvas.viewport().toImageX(200), iy = canvas.viewport().toImageY(150);
        canvas.viewport().zoomBy(2, 200, 150);
        assertEquals(ix, canvas.viewport().toImageX(200), 1e-9);
        assertEquals(iy, canvas.viewport().toImageY(150), 1e-9);
        key('0');
        assertEquals(1.0, canvas.viewport().scale(), 1e-9);
        key('f');
        assertEquals(scale, canvas.viewport().scale(), 1e-9);
    }

    @Test
    void whileZoomingTheLastFrameIsScaledAndAPauseRepaintsItSharp() throws Exception {
        open(aliceWith(box("b1", "car", 100, 100, 50, 40)));
        canvas.loadVisibleTiles();
        canvas.paintOffscreen(true);
        org.eclipse.swt.graphics.ImageData before = canvas.baseSnapshot();
        canvas.zoomInteractively(2, 300, 200);
        assertTrue(canvas.isZooming());
        canvas.paintOffscreen(false);
        org.eclipse.swt.graphics.ImageData during = canvas.baseSnapshot();
        assertEquals(before.getPixel(10, 10), during.getPixel(10, 10), "the base layer is not repainted while zooming");
        long until = System.currentTimeMillis() + 3000;
        while (canvas.isZooming() && System.currentTimeMillis() < until) {
            if (!f.display.readAndDispatch()) {
                f.display.sleep();
            }
        }
        assertFalse(canvas.isZooming(), "150 ms after the last step the zoom settles");
        canvas.loadVisibleTiles();
        canvas.paintOffscreen(false);
        // at twice the zoom, the box's left edge moved: the base now shows the new zoom
        int x = (int) Math.round(canvas.viewport().toViewX(100)), y = (int) Math.round(canvas.viewport().toViewY(120));
        org.eclipse.swt.graphics.ImageData after = canvas.baseSnapshot();
        assertTrue(x > 0 && y > 0 && x < after.width && y < after.height, "the box is in view");
        org.eclipse.swt.graphics.RGB edge = after.palette.getRGB(after.getPixel(x, y));
        assertTrue(edge.red > 150 && edge.green < 100, "the car's red outline is at its new place: " + edge);
    }

    @Test
    void drawingABoxAddsItToTheUsersSetWithTheCurrentLabelAndUndoRemovesIt() throws Exception {
        open();
        key('b');
        key('2');
        drag(50, 60, 150, 120, 0);
        List<Annotation> all = f.annotations();
        assertEquals(1, all.size());
        Annotation a = all.get(0);
        assertEquals("person", a.label());
        BoundingBox b = (BoundingBox) shape(a);
        assertEquals(50, b.x(), 0.5);
        assertEquals(60, b.y(), 0.5);
        assertEquals(100, b.width(), 1);
        assertEquals(60, b.height(), 1);
        assertEquals(List.of(Figure.key("alice", a.id())), List.copyOf(canvas.selectedKeys()));
        f.session.undo();
        f.spin();
        assertTrue(f.annotations().isEmpty());
        assertEquals(0, canvas.scene().size());
    }

    @Test
    void movingAndResizingAreOneUndoableEditEach() throws Exception {
        open(aliceWith(box("b1", "car", 100, 100, 50, 40)));
        key('v');
        drag(120, 120, 140, 130, 0);
        BoundingBox moved = (BoundingBox) shape(f.annotations().get(0));
        assertEquals(120, moved.x(), 0.5);
        assertEquals(110, moved.y(), 0.5);
        assertEquals(50, moved.width(), 1e-9);
        // bottom-right corner handle
        drag(170, 150, 200, 170, 0);
        BoundingBox resized = (BoundingBox) shape(f.annotations().get(0));
        assertEquals(120, resized.x(), 0.5);
        assertEquals(80, resized.width(), 1);
        assertEquals(60, resized.height(), 1);
        f.session.undo();
        f.session.undo();
        f.spin();
        assertEquals(new BoundingBox(100, 100, 50, 40), shape(f.annotations().get(0)));
    }

    @Test
    void aPolygonIsClickedVertexByVertexAndEndsWithEnter() throws Exception {
        open();
        key('p');
        click(10, 10, 0);
        click(100, 10, 0);
        click(100, 80, 0);
        click(10, 80, 0);
        canvas.key(SWT.BS, (char) SWT.BS, 0);
        canvas.key(SWT.CR, '\r', 0);
        f.spin();
        Polygon p = (Polygon) shape(f.annotations().get(0));
        assertEquals(6, p.points().size(), "Backspace took the fourth vertex back: " + p.points());
        assertEquals(100, p.points().get(4), 0.5);
        assertEquals(80, p.points().get(5), 0.5);
    }

    @Test
    void doubleClickOnAnEdgeAddsAVertexAndDeleteOverAVertexRemovesIt() throws Exception {
        Annotation square = Annotation.create("p1", Polygon.TYPE, "road", new Polygon(List.of(10.0, 10.0, 110.0, 10.0, 110.0, 110.0, 10.0, 110.0))
                .toPayload(), "alice");
        open(aliceWith(square));
        click(60, 60, 0);
        canvas.mouse(SWT.MouseDoubleClick, vx(60), vy(10), 1, 0);
        f.spin();
        Polygon p = (Polygon) shape(f.annotations().get(0));
        assertEquals(10, p.points().size());
        assertEquals(60, p.points().get(2), 0.5);
        canvas.mouse(SWT.MouseMove, vx(60), vy(10), 0, 0);
        canvas.key(SWT.DEL, (char) 127, 0);
        f.spin();
        assertEquals(8, ((Polygon) shape(f.annotations().get(0))).points().size());
    }

    @Test
    void keypointsFollowTheTemplateAndXSkipsAPoint() throws Exception {
        open();
        key('2');
        key('k');
        click(50, 50, 0);
        key('x');
        click(60, 40, SWT.SHIFT);
        canvas.key(SWT.CR, '\r', 0);
        f.spin();
        Keypoints k = (Keypoints) shape(f.annotations().get(0));
        assertEquals(KeypointTemplate.COCO_PERSON.size(), k.size());
        assertEquals(2, k.visibility(0));
        assertEquals(0, k.visibility(1), "skipped");
        assertEquals(1, k.visibility(2), "Shift+click places an occluded point");
        assertEquals(0, k.visibility(3));
        assertEquals("coco-person", k.template());
    }

    @Test
    void theBrushPaintsOneMaskPerLabelAndTheEraserTakesPixelsBack() throws Exception {
        open();
        key('3');
        key('m');
        drag(50, 50, 100, 50, 0);
        Mask m = (Mask) shape(f.annotations().get(0));
        assertEquals(EditorFixture.WIDTH, m.width());
        assertEquals(EditorFixture.HEIGHT, m.height());
        long painted = CocoRle.area(m.counts());
        assertTrue(painted > 50 * 16 && painted < 70 * 18, "a stroke 50 px long, 17 px wide: " + painted);
        drag(50, 80, 100, 80, 0);
        assertEquals(1, f.annotations().size(), "the second stroke goes into the same mask");
        long twice = CocoRle.area(((Mask) shape(f.annotations().get(0))).counts());
        assertTrue(twice > painted * 1.8, painted + " then " + twice);
        key('e');
        drag(40, 50, 110, 50, 0);
        long erased = CocoRle.area(((Mask) shape(f.annotations().get(0))).counts());
        assertTrue(erased < twice * 0.6, twice + " then " + erased);
    }

    @Test
    void digitsRelabelTheSelectionAndDeleteRemovesIt() throws Exception {
        open(aliceWith(box("b1", "car", 10, 10, 30, 30), box("b2", "car", 200, 200, 30, 30)));
        click(20, 20, 0);
        click(210, 210, SWT.SHIFT);
        assertEquals(2, canvas.selectedKeys().size());
        key('2');
        assertEquals(List.of("person", "person"), f.annotations().stream().map(Annotation::label).toList());
        canvas.key(SWT.DEL, (char) 127, 0);
        f.spin();
        assertTrue(f.annotations().isEmpty());
        f.session.undo();
        f.spin();
        assertEquals(2, f.annotations().size(), "deleting two shapes was one edit");
    }

    @Test
    void tabCyclesThroughShapesAndArrowsNudge() throws Exception {
        open(aliceWith(box("b1", "car", 10, 10, 30, 30), box("b2", "car", 200, 200, 30, 30)));
        canvas.key(SWT.TAB, '\t', 0);
        assertEquals(List.of(Figure.key("alice", "b1")), List.copyOf(canvas.selectedKeys()));
        canvas.key(SWT.TAB, '\t', 0);
        assertEquals(List.of(Figure.key("alice", "b2")), List.copyOf(canvas.selectedKeys()));
        canvas.key(SWT.TAB, '\t', SWT.SHIFT);
        assertEquals(List.of(Figure.key("alice", "b1")), List.copyOf(canvas.selectedKeys()));
        canvas.key(SWT.ARROW_RIGHT, (char) 0, SWT.SHIFT);
        f.spin();
        assertEquals(20, ((BoundingBox) shape(f.annotations().get(0))).x(), 1e-9);
    }

    @Test
    void copyAndPasteMakesNewShapesWithNewIds() throws Exception {
        open(aliceWith(box("b1", "car", 10, 10, 30, 30)));
        click(20, 20, 0);
        canvas.key('c', 'c', SWT.MOD1);
        canvas.key('v', 'v', SWT.MOD1);
        f.spin();
        List<Annotation> all = f.annotations();
        assertEquals(2, all.size());
        assertFalse(all.get(0).id().equals(all.get(1).id()));
        assertEquals(new BoundingBox(20, 20, 30, 30), shape(all.get(1)), "pasted into the same item, offset by 10 pixels");
    }

    @Test
    void hiddenAndLockedLabelsCannotBePicked() throws Exception {
        open(aliceWith(box("b1", "car", 10, 10, 30, 30)));
        f.editor.palette().setLocked("car", true);
        click(20, 20, 0);
        assertTrue(canvas.selectedKeys().isEmpty(), "locked");
        f.editor.palette().setLocked("car", false);
        f.editor.palette().setHidden("car", true);
        click(20, 20, 0);
        assertTrue(canvas.selectedKeys().isEmpty(), "hidden");
        f.editor.palette().setHidden("car", false);
        click(20, 20, 0);
        assertEquals(1, canvas.selectedKeys().size());
    }

    @Test
    void otherAnnotatorsShapesAreShownButNotEdited() throws Exception {
        AnnotationSet bob = new AnnotationSet("bob", AnnotationState.SUBMITTED, 0, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), List.of(box("x1", "car", 10, 10, 30, 30)));
        open(bob);
        assertNotNull(canvas.scene().get(Figure.key("bob", "x1")));
        click(20, 20, 0);
        drag(20, 20, 60, 60, 0);
        Annotation still = f.session.item("a").set("bob").orElseThrow().annotations().get(0);
        assertEquals(new BoundingBox(10, 10, 30, 30), shape(still), "bob's box did not move");
        assertTrue(f.annotations().isEmpty());
    }

    @Test
    void aSetTheWorkflowHidesIsNeitherDrawnNorOfferedNorSelectable() throws Exception {
        AnnotationSet bob = new AnnotationSet("bob", AnnotationState.SUBMITTED, 0, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), List.of(box("x1", "car", 10, 10, 30, 30)));
        AnnotationSet carol = new AnnotationSet("carol", AnnotationState.SUBMITTED, 0, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), List.of(box("y1", "car", 200, 200, 30, 30)));
        f = new EditorFixture(tmp, aliceWith(box("b1", "car", 100, 100, 50, 40)), bob, carol);
        // even a project that lets alice correct others' sets must not show her bob's before the workflow allows it
        f.session.project().setExtensions(Map.of(ItemEditor.EDIT_OTHERS_SETS, true));
        List<String> asked = new ArrayList<>();
        SetVisibility hideBobFromAlice = (project, item, set, user) -> {
            asked.add(user + ":" + set.annotator());
            return !(user.equals("alice") && set.annotator().equals("bob"));
        };
        f.context.set(SetFilter.class, new SetFilter(List.of(hideBobFromAlice)));
        canvas = f.open("a").canvas();

        assertNotNull(canvas.scene().get(Figure.key("alice", "b1")));
        assertNotNull(canvas.scene().get(Figure.key("carol", "y1")), "a set the rule allows is shown");
        assertNull(canvas.scene().get(Figure.key("bob", "x1")), "bob's set is hidden from alice");
        assertTrue(asked.contains("alice:bob"));
        assertFalse(asked.contains("alice:alice"), "the user's own set is never asked about");

        f.editor.setActiveAnnotator("bob");
        assertEquals("alice", f.editor.activeAnnotator(), "a hidden set cannot be chosen for editing");
        f.editor.setActiveAnnotator("carol");
        assertEquals("carol", f.editor.activeAnnotator());

        f.editor.select(List.of(new ItemEditor.SelectedAnnotation("bob", f.session.item("a").set("bob").orElseThrow().annotations().get(0))));
        assertTrue(f.editor.selectedAnnotations().isEmpty(), "selecting a hidden annotation from a view does nothing");
    }

    @Test
    void withoutAVisibilityRuleEverySetIsShown() throws Exception {
        AnnotationSet bob = new AnnotationSet("bob", AnnotationState.IN_PROGRESS, 0, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), List.of(box("x1", "car", 10, 10, 30, 30)));
        f = new EditorFixture(tmp, bob);
        f.context.set(SetFilter.class, new SetFilter());
        canvas = f.open("a").canvas();
        assertNotNull(canvas.scene().get(Figure.key("bob", "x1")));
    }

    @Test
    void selectionIsPublishedAndTheEditorReportsItWithTheAnnotator() throws Exception {
        open(aliceWith(box("b1", "car", 10, 10, 30, 30)));
        click(20, 20, 0);
        Object last = f.selections.get(f.selections.size() - 1);
        assertEquals("b1", assertInstanceOf(Annotation.class, last).id());
        assertEquals("alice", f.editor.selectedAnnotations().get(0).annotator());
        canvas.key(SWT.ESC, (char) 27, 0);
        assertNull(f.selections.get(f.selections.size() - 1));
        assertTrue(f.editor.selectedAnnotations().isEmpty());
    }

    @Test
    void bringToFrontPutsTheShapeOnTopForPicking() throws Exception {
        open(aliceWith(box("big", "car", 0, 0, 200, 200), box("small", "car", 50, 50, 20, 20)));
        click(60, 60, 0);
        assertEquals(List.of(Figure.key("alice", "small")), List.copyOf(canvas.selectedKeys()), "the smaller shape wins at equal z");
        click(150, 150, 0);
        canvas.key(']', ']', SWT.MOD1);
        f.spin();
        assertEquals(1, f.annotations().get(0).attributes().get(Figure.Z_ORDER));
        click(60, 60, 0);
        assertEquals(List.of(Figure.key("alice", "big")), List.copyOf(canvas.selectedKeys()), "now the big one is on top");
        f.editor.perform("back");
        f.spin();
        assertEquals(-1, f.annotations().get(0).attributes().get(Figure.Z_ORDER));
        f.session.undo();
        f.spin();
        assertEquals(1, f.annotations().get(0).attributes().get(Figure.Z_ORDER));
    }

    @Test
    void theTagKeyTogglesAnImageTagWithTheCurrentLabel() throws Exception {
        open();
        key('1');
        key('t');
        assertEquals(List.of("image.tag"), f.annotations().stream().map(Annotation::typeId).toList());
        assertEquals("car", f.annotations().get(0).label());
        key('t');
        assertTrue(f.annotations().isEmpty());
    }

    @Test
    void theSearchNarrowsThePalette() throws Exception {
        open();
        f.editor.palette().search("ro");
        assertEquals(List.of("road"), f.editor.palette().shownLabels());
        f.editor.palette().search("");
        assertEquals(List.of("car", "person", "road"), f.editor.palette().shownLabels());
    }

    @Test
    void aPannedViewPaintsTheSameAsAFreshOne() throws Exception {
        List<Annotation> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(box("b" + i, i % 2 == 0 ? "car" : "person", i * 9 % 380, i * 7 % 280, 15 + i % 20, 10 + i % 15));
        }
        many.add(Annotation.create("p1", Polygon.TYPE, "road", new Polygon(List.of(10.0, 200.0, 300.0, 180.0, 390.0, 290.0, 5.0, 295.0))
                .toPayload(), "alice"));
        open(aliceWith(many.toArray(Annotation[]::new)));
        canvas.viewport().zoomBy(2.5, 300, 200);
        canvas.loadVisibleTiles();
        canvas.paintOffscreen(true);
        for (int[] d : new int[][] {{17, -9}, {-40, 0}, {0, 33}, {-5, -5}}) {
            canvas.viewport().panBy(d[0], d[1]);
            canvas.loadVisibleTiles();
            canvas.paintOffscreen(false);
            org.eclipse.swt.graphics.ImageData scrolled = canvas.baseSnapshot();
            canvas.paintOffscreen(true);
            org.eclipse.swt.graphics.ImageData fresh = canvas.baseSnapshot();
            int differ = 0;
            for (int y = 0; y < fresh.height; y++) {
                for (int x = 0; x < fresh.width; x++) {
                    differ += scrolled.getPixel(x, y) == fresh.getPixel(x, y) ? 0 : 1;
                }
            }
            assertEquals(0, differ, "pixels that differ after a pan by " + d[0] + "," + d[1]);
        }
    }

    @Test
    void anItemOfAMultiPageTiffShowsItsPage() throws Exception {
        f = new EditorFixture(tmp);
        java.nio.file.Path tif = tmp.resolve("project/media/pages.tif");
        javax.imageio.ImageWriter w = javax.imageio.ImageIO.getImageWritersByFormatName("tiff").next();
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(tif.toFile())) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            w.writeToSequence(new javax.imageio.IIOImage(new java.awt.image.BufferedImage(120, 80, java.awt.image.BufferedImage.TYPE_INT_RGB), null,
                    null), null);
            w.writeToSequence(new javax.imageio.IIOImage(new java.awt.image.BufferedImage(64, 200, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), null,
                    null), null);
            w.endWriteSequence();
        }
        f.stored.saveItem(new dev.vellum.core.model.Item("scan-2", "", List.of(new dev.vellum.core.model.Asset("media/pages.tif#page=2", "image", "",
                java.util.Map.of())), java.util.Map.of(), List.of(), List.of()));
        canvas = f.open("scan-2").canvas();
        assertEquals(64, canvas.image().width(), "page 2, not page 1");
        assertEquals(200, canvas.image().height());
        assertEquals(1, canvas.image().info().bands(), "the grey page");
    }

    @Test
    void aRepaintDrawsOnlyWhatIsVisible() throws Exception {
        open(aliceWith(box("b1", "car", 10, 10, 30, 30)));
        long nanos = canvas.paintOffscreen(true);
        assertTrue(nanos > 0);
        assertEquals(1, canvas.scene().visible(0, 0, 50, 50).size());
        assertEquals(0, canvas.scene().visible(300, 200, 400, 300).size());
    }
}
