package dev.vellum.modality.text;

import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ProjectDocuments;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.TextDocument;
import dev.vellum.modality.text.tokenize.Tokenizer;
import dev.vellum.modality.text.tokenize.Tokenizers;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a text item's document: its characters (UTF-8, exactly as stored: no byte order mark or
 * line ending is changed, since offsets count them) and its segmentation, which is the one stored
 * with the asset when the document was imported tokenized, else the project's tokenizer's (see
 * {@link Tokenizers}).
 */
public final class TextDocuments {
    private TextDocuments() {
    }

    /** The item's text asset: the first asset of the text modality, else the first asset. */
    public static Asset textAsset(Item item) {
        for (Asset a : item.assets()) {
            if (TextModality.ID.equals(a.modalityId())) {
                return a;
            }
        }
        return item.assets().get(0);
    }

    /**
     * The item's document, segmented.
     *
     * @throws StoreException naming the file when it is missing, unreadable or not UTF-8, when its
     *                        stored tokens do not fit it, or when the project's tokenizer setting is
     *                        wrong
     */
    public static TextDocument load(StoredProject stored, Item item) throws StoreException {
        Asset asset = textAsset(item);
        String text = readText(stored, asset);
        Tokenizer tokenizer;
        try {
            tokenizer = Tokenizers.forProject(stored.project());
        } catch (IllegalArgumentException e) {
            throw new StoreException(stored.location(), e.getMessage(), e);
        }
        try {
            return of(text, asset, tokenizer);
        } catch (PayloadException e) {
            throw new StoreException(asset.uri(), e.getMessage(), e);
        }
    }

    /**
     * A document from its text and asset: the asset's stored segmentation when it has one, else
     * {@code tokenizer}'s.
     *
     * @throws PayloadException when the stored segmentation is malformed or does not fit the text
     */
    public static TextDocument of(String text, Asset asset, Tokenizer tokenizer) {
        Segmentation stored = asset == null ? null : Segmentation.fromAsset(asset);
        return stored != null ? new TextDocument(text, stored, true) : new TextDocument(text, tokenizer.segment(text), false);
    }

    /**
     * The asset's characters: a file the store resolves it to, or else a project document of that
     * path (stores that keep documents elsewhere than in files).
     *
     * @throws StoreException naming the file or URI when it is missing, unreadable or not UTF-8
     */
    public static String readText(StoredProject stored, Asset asset) throws StoreException {
        URI uri = stored.resolve(asset);
        if ("file".equals(uri.getScheme())) {
            Path file = Path.of(uri.getPath());
            try {
                return decode(Files.readAllBytes(file), file.toString());
            } catch (NoSuchFileException e) {
                throw new StoreException(file.toString(), "text document is missing");
            } catch (IOException e) {
                throw new StoreException(file.toString(), "text document cannot be read: " + e.getMessage(), e);
            }
        }
        if (asset.isRelative()) {
            try {
                Optional<String> text = stored.documents().read(ProjectDocuments.requireValidPath(asset.uri()));
                if (text.isPresent()) {
                    return text.get();
                }
            } catch (IllegalArgumentException e) {
                // not a document path either: fall through to the error below
            }
        }
        throw new StoreException(asset.uri(), "text document cannot be read from " + uri + " (only files and project documents are)");
    }

    /**
     * Decodes UTF-8 strictly.
     *
     * @throws StoreException naming {@code location} and the byte offset of the first malformed sequence
     */
    public static String decode(byte[] bytes, String location) throws StoreException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int at = firstMalformed(bytes);
            throw new StoreException(location, "text document is not UTF-8 (malformed bytes at offset " + at + ")", e);
        }
    }

    private static int firstMalformed(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length;
    }
}
