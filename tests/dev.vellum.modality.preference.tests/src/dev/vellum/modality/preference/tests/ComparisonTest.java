package dev.vellum.modality.preference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PayloadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
    @TempDir
    Path tmp;

    @Test
    void aComparisonFileReadsBackAsWritten() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.json"), """
                {"prompt": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Why is the sky blue?"}],
                 "responses": [{"id": "A", "content": "Rayleigh scattering.", "metadata": {"model": "m1"}}, {"id": "B", "content": "It reflects the sea."}],
                 "metadata": {"models": ["m1", "m2"]}}""");
        Comparison c = Comparison.read(f);
        assertEquals(List.of("A", "B"), c.ids());
        assertEquals("system", c.prompt().get(0).role());
        assertEquals("m1", c.response("A").metadata().get("model"));
        Path g = Files.writeString(tmp.resolve("d.json"), c.toJsonText());
        assertEquals(c, Comparison.read(g));
    }

    @Test
    void badComparisonsNameTheFile() throws Exception {
        Path one = Files.writeString(tmp.resolve("one.json"), "{\"prompt\": \"hi\", \"responses\": [{\"id\": \"A\", \"content\": \"x\"}]}");
        IOException e = assertThrows(IOException.class, () -> Comparison.read(one));
        assertTrue(e.getMessage().startsWith(one.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("at least 2 responses"), e.getMessage());
    }

    @Test
    void pairwisePayloadsAreChecked() {
        assertEquals(new Pairwise("A", 2, List.of("B", "A")), Pairwise.fromPayload(Map.of("preferred", "A", "strength", 2, "order", List.of("B", "A"))));
        assertThrows(PayloadException.class, () -> Pairwise.fromPayload(Map.of("preferred", "A", "strength", 1.5)));
        assertThrows(PayloadException.class, () -> Pairwise.fromPayload(Map.of("strength", 1)));
    }
}
