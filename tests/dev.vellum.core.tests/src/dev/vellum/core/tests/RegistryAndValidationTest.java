package dev.vellum.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Project;
import dev.vellum.core.registry.ModalityRegistry;
import dev.vellum.core.spi.AnnotationType;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Modality;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryAndValidationTest {
    /** A modality a plugin team could write against the SPI alone. */
    record Toy(String id, int score) implements Modality {
        @Override
        public String displayName() {
            return "Toy " + id;
        }

        @Override
        public int accepts(Asset asset) {
            return asset.uri().endsWith(".toy") ? score : NOT_SUITABLE;
        }

        @Override
        public List<AnnotationType> annotationTypes() {
            return List.of(new AnnotationType(id + ".dot", "Dot", 1));
        }

        @Override
        public Map<String, Object> createPayload(String typeId) {
            return Map.of("x", 0);
        }

        @Override
        public List<String> validate(Annotation a, LabelSchema schema, int guidelineVersion) {
            return a.payload().containsKey("x") ? List.of() : List.of("a dot needs x");
        }
    }

    @Test
    void duplicateModalityIdsAreRejectedLoudly() {
        ModalityRegistry r = new ModalityRegistry();
        Toy first = new Toy("toy", 50);
        r.addModality(first);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.addModality(new Toy("toy", 90)));
        assertTrue(e.getMessage().contains("duplicate modality id 'toy'"));
        assertEquals(List.of(first), r.all());
        assertEquals(1, r.problems().size());
    }

    @Test
    void aRenamedModalityStillAnswersToItsFormerIdButNeverShadowsARealOne() {
        ModalityRegistry r = new ModalityRegistry();
        r.addModality(new Toy("lidar", 10));
        Modality renamed = new Renamed("pointcloud", List.of("lidar", "pcd"));
        r.addModality(renamed);
        assertEquals(renamed, r.get("pcd").orElseThrow(), "an alias resolves");
        assertEquals("lidar", r.get("lidar").orElseThrow().id(), "a real id wins over an alias");
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("alias 'lidar' is already taken")), r.problems().toString());
        r.removeModality(renamed);
        assertTrue(r.get("pcd").isEmpty(), "aliases leave with their service");
    }

    /** A modality that was renamed and keeps its former ids. */
    record Renamed(String id, List<String> aliases) implements Modality {
        @Override
        public String displayName() {
            return id;
        }

        @Override
        public int accepts(Asset asset) {
            return NOT_SUITABLE;
        }

        @Override
        public List<AnnotationType> annotationTypes() {
            return List.of();
        }

        @Override
        public Map<String, Object> createPayload(String typeId) {
            return Map.of();
        }
    }

    @Test
    void theBestScoringModalityTakesAnAsset() {
        ModalityRegistry r = new ModalityRegistry();
        r.addModality(new Toy("a", 50));
        r.addModality(new Toy("b", 100));
        assertEquals("b", r.bestFor(new Asset("x.toy", "b", "", null)).orElseThrow().id());
        assertTrue(r.bestFor(new Asset("x.png", "image", "", null)).isEmpty());
        assertEquals("Dot", r.annotationType("a.dot").orElseThrow().displayName());
        r.removeModality(r.get("b").orElseThrow());
        assertEquals("a", r.bestFor(new Asset("x.toy", "a", "", null)).orElseThrow().id());
    }

    @Test
    void validationReportsSchemaPayloadAndMediaProblems() throws StoreException {
        ModalityRegistry modalities = new ModalityRegistry();
        modalities.addModality(new Toy("toy", 100));
        Validator v = new Validator(modalities);
        LabelSchema schema = new LabelSchema("toy", List.of(new LabelClass("dot", "#ff0000", "1",
                List.of(new AttributeDef("size", AttributeType.CHOICE, List.of("s", "m"), true)))));
        Project p = new Project("p", "P", Instant.now(), List.of(schema), null, 1, null);
        AnnotationSet set = AnnotationSet.start("ann", 1);
        set.insert(-1, Annotation.create("ok", "toy.dot", "dot", Map.of("x", 1), "ann").withAttributes(Map.of("size", "s"), "ann"));
        set.insert(-1, Annotation.create("nolabel", "toy.dot", "blob", Map.of("x", 1), "ann"));
        set.insert(-1, Annotation.create("noattr", "toy.dot", "dot", Map.of("x", 1), "ann"));
        set.insert(-1, Annotation.create("badattr", "toy.dot", "dot", Map.of("x", 1), "ann").withAttributes(Map.of("size", "xl"), "ann"));
        set.insert(-1, Annotation.create("nox", "toy.dot", "dot", Map.of(), "ann").withAttributes(Map.of("size", "m"), "ann"));
        Item item = new Item("i1", "", List.of(new Asset("media/missing.toy", "toy", "", null)), null, null, List.of(set));
        InMemoryProject store = new InMemoryProject(p, List.of(item));
        List<Finding> found = new ArrayList<>();
        assertEquals(1, v.validate(store, Progress.NONE, found::add));
        assertEquals(java.util.Set.of("nolabel schema.unknown-label", "noattr schema.attributes", "badattr schema.attributes",
                "nox modality.payload", " store.missing-media"),
                found.stream().map(f -> f.annotationId() + " " + f.ruleId()).collect(java.util.stream.Collectors.toSet()));
        assertEquals(5, found.size());
        assertTrue(found.stream().anyMatch(f -> f.message().contains("missing required attribute 'size'")));
    }
}
