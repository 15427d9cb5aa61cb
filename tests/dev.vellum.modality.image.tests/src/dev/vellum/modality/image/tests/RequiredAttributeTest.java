package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.validation.Validator;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.store.folder.FolderProjectStore;

/**
 * Required attributes of image shapes are enforced by core's {@code schema.attributes} rule, which
 * runs for every modality: the image modality needs no rule of its own for them.
 */
class RequiredAttributeTest {
    @TempDir
    Path tmp;

    private static Annotation shape(String id, String type, String label, Shape s, Map<String, Object> attributes) {
        return Annotation.create(id, type, label, s.toPayload(), "ann").withAttributes(attributes, "ann");
    }

    @Test
    void imageShapesMissingARequiredAttributeAreFound() throws Exception {
        try (StoredProject stored = new FolderProjectStore().create(tmp.resolve("p").toString(), "p", "p")) {
            stored.project().putSchema(new LabelSchema(ImageModality.ID, List.of(
                    new LabelClass("car", "#ff0000", "1", List.of(new AttributeDef("occluded", AttributeType.BOOLEAN, List.of(), true),
                            new AttributeDef("make", AttributeType.CHOICE, List.of("vw", "fiat"), false))),
                    new LabelClass("person", "#00ff00", "2", List.of(new AttributeDef("pose", AttributeType.CHOICE, List.of("up", "down"), true))))));
            AnnotationSet set = AnnotationSet.start("ann", 1);
            set.insert(-1, shape("box-ok", BoundingBox.TYPE, "car", new BoundingBox(0, 0, 5, 5), Map.of("occluded", false)));
            set.insert(-1, shape("box-missing", BoundingBox.TYPE, "car", new BoundingBox(0, 0, 5, 5), Map.of("make", "vw")));
            set.insert(-1, shape("poly-missing", Polygon.TYPE, "car", new Polygon(List.of(0.0, 0.0, 5.0, 0.0, 5.0, 5.0)), Map.of()));
            set.insert(-1, shape("kp-empty", Keypoints.TYPE, "person", new Keypoints(List.of(1.0, 1.0, 2.0), "", ""), Map.of("pose", "")));
            set.insert(-1, shape("kp-bad", Keypoints.TYPE, "person", new Keypoints(List.of(1.0, 1.0, 2.0), "", ""), Map.of("pose", "sideways")));
            Item item = new Item("i1", "", List.of(new Asset("a.png", ImageModality.ID, "", null)), null, null, List.of(set));

            ModalityRegistry modalities = new ModalityRegistry();
            modalities.addModality(new ImageModality());
            List<Finding> found = new Validator(modalities).validate(stored, item).stream().filter(f -> f.ruleId().equals("schema.attributes"))
                    .toList();
            assertEquals(List.of("box-missing", "poly-missing", "kp-empty", "kp-bad"), found.stream().map(Finding::annotationId).toList());
            assertEquals("'car' is missing required attribute 'occluded'", found.get(0).message());
            assertEquals(Finding.Severity.ERROR, found.get(0).severity());
            assertEquals("'person' is missing required attribute 'pose'", found.get(2).message());
        }
    }
}
