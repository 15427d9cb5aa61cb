package dev.vellum.modality.image.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.store.folder.FolderProjectStore;

/** Test data copied out of the fragment, projects in a temp folder, and annotations made comparable. */
final class Fixtures {
    private Fixtures() {
    }

    /** Copies the resource folder {@code resources/<folder>} to {@code dest/<folder>} and returns that. */
    static Path copy(String folder, Path dest) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(Fixtures.class);
        Enumeration<URL> urls = bundle.findEntries("resources/" + folder, "*", true);
        if (urls == null) {
            throw new IOException("no resources/" + folder + " in " + bundle.getSymbolicName());
        }
        String prefix = "/resources/";
        while (urls.hasMoreElements()) {
            URL u = urls.nextElement();
            String path = u.getPath();
            if (path.endsWith("/")) {
                continue;
            }
            Path target = dest.resolve(path.substring(path.indexOf(prefix) + prefix.length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = u.openStream()) {
                Files.copy(in, target);
            }
        }
        return dest.resolve(folder);
    }

    static StoredProject project(Path tmp, String name) throws StoreException {
        return new FolderProjectStore().create(tmp.resolve(name).toString(), name, name);
    }

    static Shape shape(Annotation a) {
        return Shape.fromPayload(a.typeId(), a.payload());
    }

    static List<Annotation> annotations(StoredProject p, String itemId, String annotator) throws StoreException {
        return p.loadItem(itemId).set(annotator).orElseThrow(() -> new AssertionError("no set of " + annotator + " on " + itemId)).annotations();
    }

    /**
     * Per item and annotator, each annotation as type, label, rounded shape and attributes other than
     * the group (whose names differ between formats), plus which annotations share a group.
     */
    static Map<String, List<String>> comparable(StoredProject p) throws StoreException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String id : p.project().itemIds()) {
            for (AnnotationSet set : p.loadItem(id).sets()) {
                List<String> rows = new ArrayList<>();
                Map<Object, Integer> groups = new LinkedHashMap<>();
                for (Annotation a : set.annotations()) {
                    Map<String, Object> attrs = new java.util.TreeMap<>(a.attributes());
                    Object g = attrs.remove("group");
                    String group = g == null ? "" : " g" + groups.computeIfAbsent(g, k -> groups.size());
                    Map<String, Object> payload = new LinkedHashMap<>(shape(a).toPayload());
                    // A keypoint's box is an annotation id, which formats rename; the group shows the link.
                    payload.computeIfPresent("box", (k, v) -> "<box>");
                    rows.add(a.typeId() + " " + a.label() + " " + round(payload) + " " + attrs + group);
                }
                out.put(id + "/" + set.annotator(), rows);
            }
        }
        return out;
    }

    /** Numbers rounded to 6 decimals, so that text round trips compare equal. */
    static Object round(Object o) {
        if (o instanceof Number n && !(o instanceof Integer) && !(o instanceof Long)) {
            double d = Math.round(n.doubleValue() * 1e6) / 1e6;
            return d == 0 ? 0.0 : d;
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> r = new LinkedHashMap<>();
            m.forEach((k, v) -> r.put(k, round(v)));
            return r;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(Fixtures::round).toList();
        }
        return o;
    }
}
