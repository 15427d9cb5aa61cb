package dev.vellum.app.tests;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small project the tests know by heart:
 * <pre>
 * city    image  c1  alice in progress (car, person)
 *                c2  alice submitted (car), bob accepted (truck)   overall: submitted
 *                c3  not started
 * forest  image  f1  bob accepted (tree)
 *         text   t1  alice rejected (PERSON)
 * </pre>
 */
final class SampleProject {
    static final String LOCATION = "mem:sample";

    private SampleProject() {
    }

    static MemoryStore.MemoryProject addTo(MemoryStore store) throws Exception {
        MemoryStore.MemoryProject p = (MemoryStore.MemoryProject) store.create(LOCATION, "sample", "Sample");
        p.project().putSchema(new LabelSchema("image", List.of(label("car", "#e53935"), label("person", "#1e88e5"),
                label("truck", "#43a047"), label("tree", "#2e7d32"))));
        p.project().putSchema(new LabelSchema("text", List.of(label("PERSON", "#8e24aa"), label("ORG", "#fb8c00"))));
        p.put(item("c1", "city", "image", set("alice", AnnotationState.IN_PROGRESS, "car", "person")));
        p.put(item("c2", "city", "image", set("alice", AnnotationState.SUBMITTED, "car"), set("bob", AnnotationState.ACCEPTED, "truck")));
        p.put(item("c3", "city", "image"));
        p.put(item("f1", "forest", "image", set("bob", AnnotationState.ACCEPTED, "tree")));
        p.put(item("t1", "forest", "text", set("alice", AnnotationState.REJECTED, "PERSON")));
        return p;
    }

    private static LabelClass label(String name, String color) {
        return new LabelClass(name, color, "", List.of());
    }

    static Item item(String id, String dataset, String modality, AnnotationSet... sets) {
        return new Item(id, dataset, List.of(new Asset("media/" + id + ".png", modality, "sha256:00", Map.of("width", 640))),
                Map.of(), List.of(), List.of(sets));
    }

    static AnnotationSet set(String annotator, AnnotationState state, String... labels) {
        Instant t = Instant.parse("2026-01-02T10:00:00Z");
        List<Annotation> annotations = new ArrayList<>();
        int n = 1;
        for (String label : labels) {
            annotations.add(new Annotation(annotator + "-" + n++, "image.bbox", label, Map.of("occluded", false), 1,
                    Map.of("x", 10, "y", 20, "w", 30, "h", 40), dev.vellum.core.model.Provenance.HUMAN, annotator, t, t));
        }
        return new AnnotationSet(annotator, state, 1, t, t, annotations);
    }
}
