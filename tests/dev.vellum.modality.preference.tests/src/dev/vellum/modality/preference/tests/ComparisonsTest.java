package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One accessor reads a comparison whether it is inline, a project document or a file under the project. */
class ComparisonsTest {
    @TempDir
    Path tmp;

    private static final Comparison C = new Comparison(List.of(new Message("user", "Hi")),
            List.of(new Response("A", "Hello", Map.of("model", "m1")), new Response("B", "Hey", Map.of())), Map.of("k", "v"));

    @Test
    void inlineDocumentAndFileFormsReadTheSame() throws Exception {
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            Item inline = new Item("i", "", List.of(Comparisons.inline(C)), Map.of(), null, null);
            p.documents().write("media/d.json", C.toJsonText());
            Item doc = new Item("d", "", List.of(new Asset("media/d.json", PreferenceModality.ID, "", Map.of())), Map.of(), null, null);
            Path deep = tmp.resolve("p/media/chat/f.json");
            Files.createDirectories(deep.getParent());
            Files.writeString(deep, C.toJsonText());
            Item file = new Item("f", "", List.of(new Asset("media/chat/f.json", PreferenceModality.ID, "", Map.of())), Map.of(), null, null);
            p.saveItems(List.of(inline, doc, file));
        }
        try (StoredProject p = Fixtures.open(tmp, "p")) {
            for (String id : List.of("i", "d", "f")) {
                assertEquals(C, Comparisons.load(p, p.loadItem(id)), id);
            }
            assertTrue(Comparisons.isInline(p.loadItem("i")));
            assertFalse(Comparisons.isInline(p.loadItem("d")));
            // an inline comparison is no file: media checks have nothing to report
            assertEquals(List.of(), p.checkMedia(p.loadItem("i")));
        }
    }

    @Test
    void aMissingComparisonNamesTheItemAndFile() throws Exception {
        try (StoredProject p = Fixtures.project(tmp, "p")) {
            Item gone = new Item("gone", "", List.of(new Asset("media/gone.json", PreferenceModality.ID, "", Map.of())), Map.of(), null, null);
            StoreException e = assertThrows(StoreException.class, () -> Comparisons.load(p, gone));
            assertEquals(tmp.resolve("p/media/gone.json") + ": item gone: the comparison is missing", e.getMessage(), "the missing file is named in full");
            p.documents().write("media/bad.json", "{\"prompt\": [], \"responses\": []}");
            Item bad = new Item("bad", "", List.of(new Asset("media/bad.json", PreferenceModality.ID, "", Map.of())), Map.of(), null, null);
            StoreException f = assertThrows(StoreException.class, () -> Comparisons.load(p, bad));
            assertTrue(f.getMessage().startsWith(tmp.resolve("p/media/bad.json") + ": not a comparison: a comparison needs at least 2 responses"), f.getMessage());
        }
    }
}
