package dev.vellum.modality.text.tests;

import static dev.vellum.modality.text.tests.Texts.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextDocuments;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.modality.text.model.TextDocument;
import dev.vellum.modality.text.tokenize.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDocumentsTest {
    @TempDir
    Path tmp;

    @Test
    void aDocumentIsReadAsStoredAndSegmentedByTheProjectsTokenizer() throws Exception {
        String text = "\uFEFFAna\r\nRuiz 😀.";
        StoredProject p = Texts.project(tmp.resolve("p"), text);
        TextDocument d = TextDocuments.load(p, item("media/doc.txt", null));
        assertEquals(text, d.text(), "byte order mark and CRLF are kept: offsets count them");
        assertEquals(13, d.length());
        assertFalse(d.hasStoredSegmentation());
        assertEquals(new Segmentation(new int[] {1, 4, 6, 10, 11, 12, 12, 13}, new int[] {1, 13}), d.segmentation());
        assertEquals("😀", d.slice(11, 12));
        assertEquals("Ruiz", d.covered(new Span(6, 10, "")));

        p.project().setExtensions(Map.of(Tokenizers.EXTENSION, Map.of("kind", "characters")));
        assertEquals(9, TextDocuments.load(p, item("media/doc.txt", null)).segmentation().tokenCount());
    }

    @Test
    void storedTokensWinOverTheTokenizer() throws Exception {
        StoredProject p = Texts.project(tmp.resolve("p"), "Ana Ruiz");
        Segmentation stored = new Segmentation(new int[] {0, 8}, new int[] {0, 8});
        TextDocument d = TextDocuments.load(p, item("media/doc.txt", stored.addTo(Map.of("characters", 8))));
        assertTrue(d.hasStoredSegmentation());
        assertEquals(stored, d.segmentation());

        Segmentation tooLong = new Segmentation(new int[] {0, 9}, new int[0]);
        StoreException e = assertThrows(StoreException.class, () -> TextDocuments.load(p, item("media/doc.txt", tooLong.addTo(Map.of()))));
        assertEquals("media/doc.txt: the text's tokens or sentences reach past its end (8 characters): the text changed since it was tokenized",
                e.getMessage());
    }

    @Test
    void unreadableDocumentsNameTheFile() throws Exception {
        StoredProject p = Texts.project(tmp.resolve("p"), "x");
        Path file = tmp.resolve("p/media/doc.txt");
        Files.delete(file);
        assertEquals(file + ": text document is missing",
                assertThrows(StoreException.class, () -> TextDocuments.load(p, item("media/doc.txt", null))).getMessage());
        Files.write(file, new byte[] {(byte) 0xFF, 'a'});
        assertEquals(file + ": text document is not UTF-8 (malformed bytes at offset 0)",
                assertThrows(StoreException.class, () -> TextDocuments.load(p, item("media/doc.txt", null))).getMessage());
        Files.writeString(file, "ok");
        p.project().setExtensions(Map.of(Tokenizers.EXTENSION, Map.of("kind", "icu")));
        assertTrue(assertThrows(StoreException.class, () -> TextDocuments.load(p, item("media/doc.txt", null))).getMessage()
                .endsWith("project extension 'text.tokenizer': unknown tokenizer kind 'icu' (default, whitespace or characters)"));
    }
}
