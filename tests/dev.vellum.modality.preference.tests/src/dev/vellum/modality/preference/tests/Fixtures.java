package dev.vellum.modality.preference.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.store.folder.FolderProjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Test data copied out of the fragment, projects in a temp folder, and reading items back. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();

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

    static StoredProject open(Path tmp, String name) throws StoreException {
        return new FolderProjectStore().open(tmp.resolve(name).toString());
    }

    static Comparison comparison(StoredProject p, String itemId) throws StoreException {
        return Comparisons.load(p, p.loadItem(itemId));
    }

    /** The only annotation of {@code annotator} on the item. */
    static Annotation only(StoredProject p, String itemId, String annotator) throws StoreException {
        Item item = p.loadItem(itemId);
        AnnotationSet set = item.set(annotator).orElseThrow(() -> new AssertionError(itemId + " has no set of " + annotator));
        if (set.annotations().size() != 1) {
            throw new AssertionError(itemId + ": " + set.annotations().size() + " annotations, expected 1");
        }
        return set.annotations().get(0);
    }

    /** The JSON lines of a file (gunzipped when it ends in .gz), each parsed. */
    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    /** A copy of a JSON tree with every number as a decimal without trailing zeros, so that 0.0 equals 0. */
    static JsonNode byValue(JsonNode n) {
        if (n.isNumber()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(n.decimalValue().stripTrailingZeros());
        }
        if (n.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
            n.fields().forEachRemaining(e -> o.set(e.getKey(), byValue(e.getValue())));
            return o;
        }
        if (n.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode a = JSON.createArrayNode();
            n.forEach(x -> a.add(byValue(x)));
            return a;
        }
        return n;
    }
}
