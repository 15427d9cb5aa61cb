package dev.vellum.modality.text.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextDocuments;
import dev.vellum.modality.text.model.CodePoints;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.modality.text.tokenize.Tokenizer;
import dev.vellum.modality.text.tokenize.Tokenizers;

/**
 * An item ready to be written: its text, the tokens and sentences (the stored segmentation, else
 * the project tokenizer's), and the spans and relations of the chosen set.
 */
final class ExportedDocument {
    final Item item;
    final String itemId;
    final String text;
    final CodePoints cps;
    int[] tokens;
    int[] sentences;
    final List<SpanRef> spans = new ArrayList<>();
    final List<RelationRef> relations = new ArrayList<>();

    private ExportedDocument(Item item, String text, Segmentation seg) {
        this.item = item;
        this.itemId = item.id();
        this.text = text;
        this.cps = new CodePoints(text);
        tokens = seg.tokens();
        sentences = seg.sentences();
    }

    /**
     * The export form of a text item: its text, its tokens and sentences (the stored ones, else the
     * project's tokenizer's, see {@link TextDocuments}), and the spans and relations of {@code set}
     * (none when null). Null, with a loss, when the text cannot be read.
     */
    static ExportedDocument of(StoredProject project, Item item, AnnotationSet set, String format, ExportReport.Builder losses) throws IOException {
        Asset asset = TextDocuments.textAsset(item);
        String text;
        try {
            text = TextFormats.text(project, item);
        } catch (IOException e) {
            losses.add(item.id(), "the text " + asset.uri() + " cannot be read; the document was not written");
            return null;
        }
        Tokenizer tokenizer;
        try {
            tokenizer = Tokenizers.forProject(project.project());
        } catch (IllegalArgumentException e) {
            throw new IOException(project.location() + ": " + e.getMessage(), e);
        }
        Segmentation seg;
        try {
            seg = TextDocuments.of(text, asset, tokenizer).segmentation();
        } catch (PayloadException e) {
            losses.add(item.id(), "the stored tokens cannot be read (" + e.getMessage() + "); the text was tokenized again");
            seg = tokenizer.segment(text);
        }
        ExportedDocument doc = new ExportedDocument(item, text, seg);
        if (set != null) {
            doc.collect(set, format, losses);
        }
        return doc;
    }

    /** Reads the spans and relations of {@code set}; what cannot be read or is not a span or relation is reported. */
    private void collect(AnnotationSet set, String format, ExportReport.Builder losses) {
        int length = cps.codePointCount();
        Set<String> spanIds = new HashSet<>();
        for (Annotation a : set.annotations()) {
            if (Span.TYPE.equals(a.typeId())) {
                try {
                    Span s = Span.fromPayload(a.payload());
                    if (s.end() > length) {
                        losses.each(itemId, "spans beyond the end of the text were left out", a.id());
                        continue;
                    }
                    spans.add(new SpanRef(a.id(), s.start(), s.end(), a.label()));
                    spanIds.add(a.id());
                } catch (PayloadException e) {
                    losses.each(itemId, "spans whose payload cannot be read were left out", a.id());
                }
            }
        }
        for (Annotation a : set.annotations()) {
            if (Relation.TYPE.equals(a.typeId())) {
                try {
                    Relation r = Relation.fromPayload(a.payload());
                    if (!spanIds.contains(r.from()) || !spanIds.contains(r.to())) {
                        losses.each(itemId, "relations to a span that is not exported were left out", a.id());
                        continue;
                    }
                    relations.add(new RelationRef(a.id(), r.from(), r.to(), a.label()));
                } catch (PayloadException e) {
                    losses.each(itemId, "relations whose payload cannot be read were left out", a.id());
                }
            } else if (!Span.TYPE.equals(a.typeId())) {
                losses.each(itemId, format + " holds text spans and relations only; other annotations were left out", a.id());
            }
        }
    }

    /**
     * The entity label of each token for a format holding one entity per token: spans and sentences
     * aligned to the tokens ({@link #alignTokens}), overlapping spans left out ({@link #tokenLabels}),
     * and relations reported, since such formats hold none.
     */
    TokenLabels entitiesPerToken(String format, ExportReport.Builder losses) {
        alignTokens(format, losses);
        TokenLabels labels = tokenLabels(format, losses);
        if (!relations.isEmpty()) {
            losses.add(itemId, format + " holds no relations: " + relations.size() + " left out");
        }
        return labels;
    }

    /** The text of code points {@code start..end}. */
    String sub(int start, int end) {
        return text.substring(cps.toUtf16(start), cps.toUtf16(end));
    }

    int tokenCount() {
        return tokens.length / 2;
    }

    /**
     * Makes every span start and end on token boundaries (a token with a span boundary inside is
     * split there, reported once per item) and drops a sentence boundary that would cut a span.
     */
    void alignTokens(String format, ExportReport.Builder losses) {
        Set<Integer> cuts = new HashSet<>();
        for (SpanRef s : spans) {
            cuts.add(s.start());
            cuts.add(s.end());
        }
        List<Integer> out = new ArrayList<>(tokens.length);
        int split = 0;
        for (int i = 0; i < tokens.length; i += 2) {
            int a = tokens[i], b = tokens[i + 1];
            int start = a;
            for (int c = a + 1; c < b; c++) {
                if (cuts.contains(c)) {
                    out.add(start);
                    out.add(c);
                    start = c;
                    split++;
                }
            }
            out.add(start);
            out.add(b);
        }
        if (split > 0) {
            losses.add(itemId, format + " holds whole tokens only: " + split + " token(s) were split where a span starts or ends inside them");
            tokens = out.stream().mapToInt(Integer::intValue).toArray();
        }
        if (sentences.length > 0) {
            // span starts ascending with the furthest end so far: a cut between sentences splits a
            // span when one starting before the cut ends after it
            int[][] byStart = spans.stream().map(s -> new int[] {s.start(), s.end()}).sorted(Comparator.comparingInt(a -> a[0]))
                    .toArray(int[][]::new);
            spanStarts = new int[byStart.length];
            maxEnd = new int[byStart.length];
            for (int i = 0; i < byStart.length; i++) {
                spanStarts[i] = byStart[i][0];
                maxEnd[i] = Math.max(byStart[i][1], i > 0 ? maxEnd[i - 1] : 0);
            }
            List<Integer> sent = new ArrayList<>();
            for (int i = 0; i < sentences.length; i += 2) {
                int a = sentences[i], b = sentences[i + 1];
                if (!sent.isEmpty() && crosses(sent.get(sent.size() - 1), a)) {
                    sent.set(sent.size() - 1, b);
                } else {
                    sent.add(a);
                    sent.add(b);
                }
            }
            sentences = sent.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Whether a span starts before {@code end} and ends after {@code next} (so a cut between would split it). */
    private boolean crosses(int end, int next) {
        // the number of spans starting before end (lower bound)
        int lo = 0, hi = spanStarts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (spanStarts[mid] < end) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo > 0 && maxEnd[lo - 1] > next;
    }

    private int[] spanStarts = new int[0];
    private int[] maxEnd = new int[0];

    /** Token index ranges [first, last] of the sentences; one sentence for all tokens when there are none. */
    List<int[]> sentenceTokens() {
        List<int[]> out = new ArrayList<>();
        int n = tokenCount();
        if (sentences.length == 0) {
            if (n > 0) {
                out.add(new int[] {0, n - 1});
            }
            return out;
        }
        int t = 0;
        for (int s = 0; s < sentences.length; s += 2) {
            int end = sentences[s + 1];
            int first = t;
            while (t < n && tokens[2 * t] < end) {
                t++;
            }
            if (t > first) {
                out.add(new int[] {first, t - 1});
            }
        }
        if (t < n) {
            // tokens after the last sentence (a segmentation that does not cover the text) form one more
            out.add(new int[] {t, n - 1});
        }
        return out;
    }

    /**
     * The entity label of each token, with where each entity begins, keeping only spans that do not
     * overlap one kept before (longest first at one start); the others are reported as {@code format}
     * cannot hold them.
     */
    TokenLabels tokenLabels(String format, ExportReport.Builder losses) {
        int n = tokenCount();
        String[] label = new String[n];
        boolean[] begins = new boolean[n];
        List<SpanRef> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(SpanRef::start).thenComparing(Comparator.comparingInt(SpanRef::end).reversed()));
        List<SpanRef> kept = new ArrayList<>();
        for (SpanRef s : sorted) {
            int first = firstTokenFrom(s.start());
            int last = lastTokenTo(s.end());
            if (first < 0 || last < first) {
                losses.each(itemId, format + " holds spans over tokens only; spans covering no token were left out", s.id());
                continue;
            }
            boolean free = true;
            for (int i = first; i <= last; i++) {
                if (label[i] != null) {
                    free = false;
                    break;
                }
            }
            if (!free) {
                losses.each(itemId, format + " cannot hold nested or overlapping spans; left out", s.id());
                continue;
            }
            for (int i = first; i <= last; i++) {
                label[i] = s.label().isEmpty() ? "ENTITY" : s.label().replaceAll("\\s", "_");
            }
            begins[first] = true;
            kept.add(s);
        }
        return new TokenLabels(label, begins, kept);
    }

    private int firstTokenFrom(int cp) {
        int lo = 0, hi = tokenCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens[2 * mid] < cp) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < tokenCount() ? lo : -1;
    }

    private int lastTokenTo(int cp) {
        int lo = 0, hi = tokenCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens[2 * mid + 1] <= cp) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** A span of an exported item. */
    record SpanRef(String id, int start, int end, String label) {
    }

    /** A relation of an exported item. */
    record RelationRef(String id, String from, String to, String type) {
    }

    /** Entity labels per token, where entities begin, and the spans they stand for. */
    record TokenLabels(String[] label, boolean[] begins, List<SpanRef> kept) {
    }
}
