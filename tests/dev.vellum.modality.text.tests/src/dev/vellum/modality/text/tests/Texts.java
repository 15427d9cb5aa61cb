package dev.vellum.modality.text.tests;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextModality;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.store.folder.FolderProjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Building text items, sets and projects for tests. */
final class Texts {
    private Texts() {
    }

    static Annotation span(String id, String label, int start, int end, String text) {
        return Annotation.create(id, Span.TYPE, label, new Span(start, end, text).toPayload(), "t");
    }

    static Annotation relation(String id, String label, String from, String to) {
        return Annotation.create(id, Relation.TYPE, label, new Relation(from, to).toPayload(), "t");
    }

    static AnnotationSet set(String annotator, Annotation... annotations) {
        AnnotationSet set = AnnotationSet.start(annotator, 1);
        for (Annotation a : annotations) {
            set.insert(-1, a);
        }
        return set;
    }

    static Item item(String uri, Map<String, Object> assetMetadata, AnnotationSet... sets) {
        return new Item("doc", "", List.of(new Asset(uri, TextModality.ID, "", assetMetadata)), null, null, List.of(sets));
    }

    /** A new folder project in {@code dir} with {@code text} as media/doc.txt. */
    static StoredProject project(Path dir, String text) throws StoreException, IOException {
        StoredProject p = new FolderProjectStore().create(dir.toString(), "p", "p");
        Files.createDirectories(dir.resolve("media"));
        Files.write(dir.resolve("media/doc.txt"), text.getBytes(StandardCharsets.UTF_8));
        return p;
    }
}
