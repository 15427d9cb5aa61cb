package dev.vellum.guidelines.tests;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Real folder-store projects with the labels of street scenes and news, and the test resources. */
final class TestProjects {
    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    static final List<String> IMAGE_LABELS = List.of("car", "person", "bicycle", "traffic-light");
    static final List<String> TEXT_LABELS = List.of("PER", "ORG", "LOC", "DATE");

    private TestProjects() {
    }

    /** A new project folder {@code dir} with image and text label schemas and no items. */
    static FolderProject create(Path dir) throws StoreException {
        FolderProject p = new FolderProjectStore().create(dir.toString(), "guidelines-test", "Guidelines test");
        p.project().putSchema(schema("image", IMAGE_LABELS));
        p.project().putSchema(schema("text", TEXT_LABELS));
        p.saveProject();
        return p;
    }

    /** Opens the project folder again, as the next program would. */
    static FolderProject reopen(Path dir) throws StoreException {
        return new FolderProjectStore().open(dir.toString());
    }

    private static LabelSchema schema(String modality, List<String> labels) {
        List<LabelClass> classes = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            classes.add(new LabelClass(labels.get(i), "#80808" + i, Integer.toString(i + 1), List.of()));
        }
        return new LabelSchema(modality, classes);
    }

    /**
     * An image item with one set per annotator spec {@code "alice:submitted:1:car,person"}
     * (annotator, state id, guideline version, labels of its boxes).
     */
    static Item imageItem(String id, String... sets) {
        List<AnnotationSet> out = new ArrayList<>();
        for (String spec : sets) {
            String[] f = spec.split(":", -1);
            List<Annotation> boxes = new ArrayList<>();
            int n = 0;
            for (String label : f[3].isEmpty() ? new String[0] : f[3].split(",")) {
                n++;
                boxes.add(new Annotation("a" + n, "image.bbox", label, Map.of(), 1, box(10 * n, 20, 30, 40), Provenance.HUMAN, f[0], T0,
                        T0));
            }
            out.add(new AnnotationSet(f[0], AnnotationState.fromId(f[1]), Integer.parseInt(f[2]), T0, T0, boxes));
        }
        return new Item(id, "street", List.of(new Asset("media/" + id + ".png", "image", "", Map.of("width", 640, "height", 400))),
                Map.of(), List.of(), out);
    }

    /** A box payload with a stable key order. */
    static Map<String, Object> box(int x, int y, int w, int h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x);
        m.put("y", y);
        m.put("width", w);
        m.put("height", h);
        return m;
    }

    /** The audit events of one kind, in log order. */
    static List<AuditEvent> events(StoredProject p, String kind) throws StoreException {
        return p.audit().events(null).stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /** A text file of this test bundle's {@code resources/}. */
    static String resource(String name) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(TestProjects.class);
        Enumeration<URL> urls = bundle.findEntries("resources", name, false);
        if (urls == null || !urls.hasMoreElements()) {
            throw new IOException("no resource " + name + " in " + bundle.getSymbolicName());
        }
        try (InputStream in = urls.nextElement().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
