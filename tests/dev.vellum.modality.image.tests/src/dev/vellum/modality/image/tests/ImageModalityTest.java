package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AnnotationType;
import dev.vellum.core.spi.Modality;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.Shape;

class ImageModalityTest {
    private final ImageModality modality = new ImageModality();

    @Test
    void acceptsImagesByExtension() {
        for (String ok : List.of("a.png", "dir/b.JPG", "c.jpeg", "d.tif", "e.TIFF", "f.bmp", "g.gif", "h.webp", "http://x/i.png?s=1")) {
            assertEquals(Modality.PREFERRED, modality.accepts(new Asset(ok, "", "", null)), ok);
        }
        for (String no : List.of("a.wav", "b.txt", "png", "dir.png/file")) {
            assertEquals(Modality.NOT_SUITABLE, modality.accepts(new Asset(no, "", "", null)), no);
        }
    }

    @Test
    void definesSevenTypesAtPayloadVersionOneWithValidNewPayloads() {
        List<AnnotationType> types = modality.annotationTypes();
        assertEquals(List.of("image.bbox", "image.rbox", "image.polygon", "image.polyline", "image.keypoints", "image.mask", "image.tag"),
                types.stream().map(AnnotationType::id).toList());
        for (AnnotationType t : types) {
            assertEquals(1, t.payloadVersion());
            Shape.fromPayload(t.id(), modality.createPayload(t.id()));
            assertEquals(List.of(), modality.validate(Annotation.create("a", t.id(), "car", modality.createPayload(t.id()), "u"), null, 1));
        }
        assertThrows(IllegalArgumentException.class, () -> modality.createPayload("text.span"));
    }

    @Test
    void validationNamesPayloadProblemsAndLeavesLabelsToTheCoreRule() {
        LabelSchema schema = new LabelSchema("image", List.of(new LabelClass("car", null, "1", List.of())));
        Annotation bad = Annotation.create("a", "image.bbox", "bus", Map.of("x", 1, "y", 1, "width", 2), "u");
        assertEquals(List.of("image.bbox: 'height' must be a number and is missing"),
                modality.validate(bad, schema, 1));
        Annotation newer = new Annotation("b", "image.bbox", "car", null, 2, Map.of(), dev.vellum.core.model.Provenance.HUMAN, "u",
                java.time.Instant.now(), null);
        assertTrue(modality.validate(newer, schema, 1).get(0).contains("payload version 2 is newer"));
    }
}
