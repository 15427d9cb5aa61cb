package dev.vellum.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench image}: writes the pattern TIFF once, builds its pyramid, and reports the timings as JSON. */
class BenchImageCommandTest extends CliTestBase {
    @TempDir
    Path tmp;

    @Test
    void writesThePatternThenReusesIt() throws IOException {
        Path tif = tmp.resolve("p.tif");
        assertEquals(ExitCodes.OK, run("bench", "image", "--size", "700", "--out", tif.toString(), "--repeat", "2"), err);
        JsonNode doc = json();
        assertTrue(doc.has("generateSeconds"), out);
        assertEquals(700, doc.get("width").asInt());
        assertEquals(3, doc.get("build").get("levels").asInt());
        assertEquals(2, doc.get("runs").asInt());
        assertTrue(Files.isDirectory(tmp.resolve("p.tif.cache").resolve("pyramids")));

        assertEquals(ExitCodes.OK, run("bench", "image", "--size", "700", "--out", tif.toString(), "--repeat", "1"), err);
        assertFalse(json().has("generateSeconds"), "an image of the asked size is reused");
        assertEquals(ExitCodes.USAGE, run("bench", "image", "--size", "0", "--out", tif.toString()));
    }
}
