package dev.vellum.modality.text.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.model.Span;
import dev.vellum.store.folder.FolderProjectStore;

/** Test data of the standoff formats copied out of the fragment, and projects in a temp folder. */
final class StandoffFixtures {
    private StandoffFixtures() {
    }

    /** Copies the resource folder {@code resources/<folder>} to {@code dest/<folder>} and returns that. */
    static Path copy(String folder, Path dest) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(StandoffFixtures.class);
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

    static List<Annotation> annotations(StoredProject p, String itemId, String annotator) throws StoreException {
        return p.loadItem(itemId).set(annotator).orElseThrow(() -> new AssertionError("no set of " + annotator + " on " + itemId)).annotations();
    }

    /** The item's text, from its project document. */
    static String text(StoredProject p, Item item) throws StoreException {
        return p.documents().read(item.assets().get(0).uri()).orElseThrow(() -> new AssertionError("no document " + item.assets().get(0).uri()));
    }

    static Span span(Annotation a) {
        return Span.fromPayload(a.payload());
    }
}
