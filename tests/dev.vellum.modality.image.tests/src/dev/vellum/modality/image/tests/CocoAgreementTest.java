package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.agreement.KeypointUnits;
import dev.vellum.modality.image.agreement.ShapeUnits;
import dev.vellum.modality.image.agreement.TagUnits;
import dev.vellum.modality.image.io.CocoImporter;
import dev.vellum.store.folder.FolderProjectStore;

/** Datumaro's COCO test files (../shared/data/image/coco_datumaro) imported for two annotators agree with themselves everywhere. */
class CocoAgreementTest {
    @TempDir
    Path tmp;

    private Path resource(String name) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(CocoAgreementTest.class);
        Enumeration<URL> urls = bundle.findEntries("resources/coco_datumaro", name, false);
        Path p = tmp.resolve("in").resolve(name);
        Files.createDirectories(p.getParent());
        try (InputStream in = urls.nextElement().openStream()) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void aProjectImportedTwiceAgreesWithItself() throws Exception {
        List<Path> files = List.of(resource("instances_val.json"), resource("person_keypoints_val.json"), resource("instances_train.json"));
        AgreementRegistry registry = new AgreementRegistry();
        registry.addUnits(new ShapeUnits());
        registry.addUnits(new KeypointUnits());
        registry.addUnits(new TagUnits());
        try (StoredProject p = new FolderProjectStore().create(tmp.resolve("p").toString(), "p", "p")) {
            new CocoImporter().importFiles(p, files, "mira", Progress.NONE);
            new CocoImporter().importFiles(p, files, "otto", Progress.NONE);
            Set<String> kinds = new TreeSet<>();
            int annotations = 0;
            List<String> covered = new ArrayList<>();
            for (String id : p.project().itemIds()) {
                Item item = p.loadItem(id);
                assertEquals(ImageModality.ID, item.modalityId());
                List<AnnotationSet> sets = List.of(item.set("mira").orElseThrow(), item.set("otto").orElseThrow());
                annotations += sets.get(0).annotations().size();
                for (AgreementUnit u : registry.units(item, sets, p.project().schema(ImageModality.ID).orElse(null))) {
                    kinds.add(u.kind());
                    assertEquals(Set.of("mira", "otto"), u.ratings().keySet(), u.key());
                    assertEquals(u.value("mira"), u.value("otto"), u.key());
                    assertEquals(1, u.ratings().get("otto").quality(), 1e-9, u.key());
                    if (!u.kind().equals(KeypointUnits.VISIBILITY_KIND)) {
                        covered.addAll(u.ratings().get("mira").annotationIds());
                    }
                }
            }
            assertTrue(kinds.containsAll(Set.of("image.bbox", "image.polygon", "image.mask", "image.keypoints")), kinds.toString());
            assertEquals(annotations, covered.size(), "every annotation is in exactly one unit");
            assertEquals(covered.size(), new TreeSet<>(covered).size());
        }
    }
}
