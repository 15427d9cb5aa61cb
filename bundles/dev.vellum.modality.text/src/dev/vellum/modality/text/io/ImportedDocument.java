package dev.vellum.modality.text.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vellum.core.model.Annotation;
import dev.vellum.modality.text.model.CodePoints;
import dev.vellum.modality.text.model.Segmentation;

/**
 * One imported document while it is read: its text grows token by token (or is given whole), with
 * the token and sentence ranges in code points, and its spans and relations.
 */
final class ImportedDocument {
    /** The document's name (file stem, document id), from which its item id and text path come. */
    String name;
    final StringBuilder text = new StringBuilder();
    private int cp;
    private int[] tokens = new int[64];
    private int tokenInts;
    private int[] sentences = new int[16];
    private int sentenceInts;
    private int sentenceStartToken = -1;
    /** Spans: start, end (code points), label, optional source id (for relations). */
    final List<SpanDraft> spans = new ArrayList<>();
    final List<RelationDraft> relations = new ArrayList<>();
    final Map<String, Object> metadata = new LinkedHashMap<>();
    boolean tokenized;

    ImportedDocument(String name) {
        this.name = name;
    }

    /** Code points so far. */
    int length() {
        return cp;
    }

    /** Appends whitespace (or any text that is no token). */
    void gap(String s) {
        text.append(s);
        cp += s.codePointCount(0, s.length());
    }

    /** Appends a token and returns its index. */
    int token(String s) {
        tokenized = true;
        int start = cp;
        gap(s);
        if (tokenInts + 2 > tokens.length) {
            tokens = Arrays.copyOf(tokens, tokens.length * 2);
        }
        tokens[tokenInts++] = start;
        tokens[tokenInts++] = cp;
        return tokenInts / 2 - 1;
    }

    /** Records a token already in the text (given whole) at code points {@code start..end}. */
    int tokenAt(int start, int end) {
        tokenized = true;
        if (tokenInts + 2 > tokens.length) {
            tokens = Arrays.copyOf(tokens, tokens.length * 2);
        }
        tokens[tokenInts++] = start;
        tokens[tokenInts++] = end;
        return tokenInts / 2 - 1;
    }

    int tokenCount() {
        return tokenInts / 2;
    }

    int tokenStart(int i) {
        return tokens[2 * i];
    }

    int tokenEnd(int i) {
        return tokens[2 * i + 1];
    }

    /** Starts a sentence at the next token. */
    void beginSentence() {
        endSentence();
        sentenceStartToken = tokenCount();
    }

    /** Ends the current sentence (nothing when it has no token). */
    void endSentence() {
        if (sentenceStartToken >= 0 && tokenCount() > sentenceStartToken) {
            if (sentenceInts + 2 > sentences.length) {
                sentences = Arrays.copyOf(sentences, sentences.length * 2);
            }
            sentences[sentenceInts++] = tokenStart(sentenceStartToken);
            sentences[sentenceInts++] = tokenEnd(tokenCount() - 1);
        }
        sentenceStartToken = -1;
    }

    boolean inSentence() {
        return sentenceStartToken >= 0 && tokenCount() > sentenceStartToken;
    }

    /** Adds a span over tokens {@code first..last} (inclusive). */
    void spanOverTokens(int first, int last, String label) {
        spans.add(new SpanDraft(tokenStart(first), tokenEnd(last), label, null));
    }

    Segmentation segmentation() {
        return new Segmentation(Arrays.copyOf(tokens, tokenInts), Arrays.copyOf(sentences, sentenceInts));
    }

    /**
     * The document's spans and relations as annotations of the sink's annotator: spans {@code s1},
     * {@code s2}..., relations {@code r1}...; a span outside the text or empty, and a relation naming
     * a span not read, are reported to the sink and left out.
     */
    List<Annotation> annotations(Path file, String text, TextFormats.Sink sink) {
        CodePoints cps = new CodePoints(text);
        List<Annotation> out = new ArrayList<>(spans.size() + relations.size());
        Map<String, String> bySource = new HashMap<>();
        int n = 0;
        for (SpanDraft s : spans) {
            if (s.start() < 0 || s.end() > cps.codePointCount() || s.end() <= s.start()) {
                sink.problem(file, name + ": span " + s.start() + ".." + s.end() + " (" + s.label() + ") is outside the text of "
                        + cps.codePointCount() + " characters or empty; skipped");
                continue;
            }
            String id = "s" + (++n);
            if (s.sourceId() != null) {
                bySource.put(s.sourceId(), id);
            }
            out.add(TextFormats.span(id, s.label(), Map.of(), s.start(), s.end(), text.substring(cps.toUtf16(s.start()), cps.toUtf16(s.end())),
                    sink.annotator));
        }
        int r = 0;
        for (RelationDraft d : relations) {
            String from = bySource.get(d.from());
            String to = bySource.get(d.to());
            if (from == null || to == null) {
                sink.problem(file, name + ": relation " + d.type() + " from " + d.from() + " to " + d.to() + " names a span that was not read; skipped");
                continue;
            }
            out.add(TextFormats.relation("r" + (++r), d.type(), Map.of(), from, to, sink.annotator));
        }
        return out;
    }

    /** A span read from a file, in code points; {@code sourceId} names it for relations. */
    record SpanDraft(int start, int end, String label, String sourceId) {
    }

    /** A relation read from a file between two spans named by their source ids. */
    record RelationDraft(String from, String to, String type) {
    }
}
