package dev.vellum.quality.tests.rules;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.StoreException;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Real folder-store projects and items for the rule tests. */
final class RuleProjects {
    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private RuleProjects() {
    }

    /** A new project folder with image labels car, person, bicycle, daytime, night. */
    static FolderProject create(Path dir) throws StoreException {
        FolderProject p = new FolderProjectStore().create(dir.toString(), "rules-test", "Rules test");
        List<LabelClass> classes = new ArrayList<>();
        int i = 0;
        for (String l : List.of("car", "person", "bicycle", "daytime", "night")) {
            classes.add(new LabelClass(l, "#80808" + i, Integer.toString(++i), List.of()));
        }
        p.project().putSchema(new LabelSchema("image", classes));
        p.saveProject();
        return p;
    }

    /** A box with a label and attributes. */
    static Annotation box(String id, String label, Map<String, Object> attributes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", 10);
        m.put("y", 20);
        m.put("width", 30);
        m.put("height", 40);
        return new Annotation(id, "image.bbox", label, attributes, 1, m, Provenance.HUMAN, "", T0, T0);
    }

    /** A set of boxes labelled {@code labels} (ids a1, a2...). */
    static AnnotationSet set(String annotator, AnnotationState state, String... labels) {
        List<Annotation> boxes = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            boxes.add(box("a" + (i + 1), labels[i], Map.of()));
        }
        return new AnnotationSet(annotator, state, 0, T0, T0, boxes);
    }

    /** An image item with these sets. */
    static Item item(String id, AnnotationSet... sets) {
        return new Item(id, "street", List.of(new Asset("media/" + id + ".png", "image", "", Map.of("width", 640, "height", 400))),
                Map.of(), List.of(), List.of(sets));
    }
}
