package dev.vellum.modality.text.model;

import java.util.Objects;

/**
 * A text with its tokens and sentences: what editors, rules and agreement read. Offsets are code
 * points; {@link #codePoints()} converts them to the UTF-16 indexes of {@link #text()}. Immutable.
 */
public final class TextDocument {
    private final String text;
    private final CodePoints codePoints;
    private final Segmentation segmentation;
    private final boolean storedSegmentation;

    /**
     * @param text               the document's characters
     * @param segmentation       its tokens and sentences
     * @param storedSegmentation whether the segmentation came with the document (a pre-tokenized
     *                           import) rather than from the project's tokenizer
     * @throws PayloadException when a token or sentence reaches past the end of the text (the
     *                          document changed since it was tokenized)
     */
    public TextDocument(String text, Segmentation segmentation, boolean storedSegmentation) {
        this.text = Objects.requireNonNull(text, "text");
        this.segmentation = Objects.requireNonNull(segmentation, "segmentation");
        this.codePoints = new CodePoints(text);
        this.storedSegmentation = storedSegmentation;
        int length = codePoints.codePointCount();
        int[] t = segmentation.tokens(), s = segmentation.sentences();
        if (t.length > 0 && t[t.length - 1] > length || s.length > 0 && s[s.length - 1] > length) {
            throw new PayloadException("the text's tokens or sentences reach past its end (" + length + " characters): the text changed since it was tokenized");
        }
    }

    /** The characters. */
    public String text() {
        return text;
    }

    /** Offset conversion for {@link #text()}. */
    public CodePoints codePoints() {
        return codePoints;
    }

    /** Tokens and sentences. */
    public Segmentation segmentation() {
        return segmentation;
    }

    /** Whether the segmentation came with the document rather than from the project's tokenizer. */
    public boolean hasStoredSegmentation() {
        return storedSegmentation;
    }

    /** The length in code points. */
    public int length() {
        return codePoints.codePointCount();
    }

    /**
     * The characters from code point {@code start} (inclusive) to {@code end} (exclusive).
     *
     * @throws IndexOutOfBoundsException outside the text or when end is before start
     */
    public String slice(int start, int end) {
        if (end < start) {
            throw new IndexOutOfBoundsException("code point range " + start + ".." + end + " ends before it starts");
        }
        return text.substring(codePoints.toUtf16(start), codePoints.toUtf16(end));
    }

    /** The characters a span covers (its end clipped to the text), or null when it starts past the end. */
    public String covered(Span span) {
        int length = length();
        return span.start() > length ? null : slice(span.start(), Math.min(span.end(), length));
    }
}
