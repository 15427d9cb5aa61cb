package dev.vellum.modality.image.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.io.CocoExporter;
import dev.vellum.modality.image.io.CocoGenerator;
import dev.vellum.modality.image.io.CocoImporter;
import dev.vellum.store.folder.FolderProjectStore;

/**
 * The generated benchmark file, small: deterministic, imported in batches (annotations of an image
 * scattered through the file land in its item in file order), exported and imported again unchanged.
 */
class CocoScaleTest {
    @TempDir
    Path tmp;

    @Test
    void theSameArgumentsGiveTheSameBytes() throws Exception {
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        new CocoGenerator(7, 300, 6, 1).write(a);
        new CocoGenerator(7, 300, 6, 1).write(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        new CocoGenerator(7, 300, 6, 2).write(b);
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)), "another seed, another file");
    }

    @Test
    void aGeneratedFileImportsExportsAndImportsAgainUnchanged() throws Exception {
        Path in = tmp.resolve("gen.json");
        // more images than one import batch, so batches and their order are exercised
        new CocoGenerator(300, 3000, 5, 42).write(in);
        Map<?, ?> coco = new ObjectMapper().readValue(in.toFile(), Map.class);
        Map<?, ?> firstOfImage3 = ((List<?>) coco.get("annotations")).stream().map(o -> (Map<?, ?>) o)
                .filter(m -> ((Number) m.get("image_id")).intValue() == 3).findFirst().orElseThrow();
        Path out = tmp.resolve("out").resolve("export.json");
        try (StoredProject p = new FolderProjectStore().create(tmp.resolve("p").toString(), "p", "p")) {
            ImportReport r = new CocoImporter().importFiles(p, List.of(in), "mira", Progress.NONE);
            assertEquals(List.of(), r.problems());
            assertEquals(300, r.itemsAdded());
            assertEquals(6000, r.annotationsAdded(), "a box and a polygon each");
            List<Annotation> anns = p.loadItem("images_000003.jpg").set("mira").orElseThrow().annotations();
            assertEquals("gen." + firstOfImage3.get("id") + ".box", anns.get(0).id(), "file order within the image");
            List<?> bbox = (List<?>) firstOfImage3.get("bbox");
            assertEquals(new BigDecimal(bbox.get(0).toString()).stripTrailingZeros(),
                    ((BigDecimal) anns.get(0).payload().get("x")).stripTrailingZeros(), "the file's decimal, exactly");
            assertEquals(300, new CocoExporter().export(p, new FormatExporter.Options(null, false), out, Progress.NONE));
        }
        Map<?, ?> exported = new ObjectMapper().readValue(out.toFile(), Map.class);
        assertEquals(List.of("categories", "images", "annotations"), List.copyOf(exported.keySet()), "COCO's usual order");
        assertEquals(3000, ((List<?>) exported.get("annotations")).size());
        try (StoredProject q = new FolderProjectStore().create(tmp.resolve("q").toString(), "q", "q")) {
            ImportReport r = new CocoImporter().importFiles(q, List.of(out), "mira", Progress.NONE);
            assertEquals(List.of(), r.problems());
            assertEquals(6000, r.annotationsAdded());
            Path again = tmp.resolve("out").resolve("again.json");
            new CocoExporter().export(q, new FormatExporter.Options(null, false), again, Progress.NONE);
            assertEquals(Files.readString(out), Files.readString(again), "a second round trip changes nothing");
        }
    }
}
