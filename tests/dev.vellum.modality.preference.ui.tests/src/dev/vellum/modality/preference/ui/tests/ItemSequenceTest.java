package dev.vellum.modality.preference.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.Project;
import dev.vellum.modality.preference.ui.internal.ItemSequence;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Browsing order over 100,000 items and settings read defensively: no display needed. */
class ItemSequenceTest {
    @TempDir
    Path tmp;

    @Test
    void nextAndPreviousOverOneHundredThousandItemsAreLookUps() throws Exception {
        Project p = new FolderProjectStore().create(tmp.resolve("p").toString(), "p", "P").project();
        for (int i = 0; i < 100_000; i++) {
            p.putSummary(new ItemSummary("c-" + i, "", i % 10 == 9 ? "text" : "preference", List.of()));
        }
        long t0 = System.nanoTime();
        ItemSequence s = new ItemSequence(p, "preference");
        long build = System.nanoTime() - t0;
        assertEquals(90_000, s.size());
        assertEquals("c-10", s.next("c-8"), "text items are skipped");
        assertEquals("c-8", s.previous("c-10"));
        assertNull(s.previous("c-0"));
        assertNull(s.next("c-99998"));
        t0 = System.nanoTime();
        String id = "c-0";
        int steps = 0;
        while ((id = s.next(id)) != null) {
            steps++;
        }
        long walk = System.nanoTime() - t0;
        assertEquals(89_999, steps);
        System.out.printf("index of 100,000 items: %.1f ms; 90,000 next steps: %.1f ms%n", build / 1e6, walk / 1e6);
        assertTrue(walk / steps < 50_000, "a step costs " + walk / steps + " ns");
        assertTrue(s.fits(p));
        p.putSummary(new ItemSummary("new", "", "preference", List.of()));
        assertTrue(!s.fits(p), "an added item makes the index stale");
    }
}
