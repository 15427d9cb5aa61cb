package dev.vellum.modality.text.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextModality;
import dev.vellum.modality.text.model.CodePoints;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.store.folder.FolderProjectStore;

/** Test data copied out of the fragment, projects in a temp folder, and text items made and read back for the token formats. */
final class TokenFixtures {
    private TokenFixtures() {
    }

    /** Copies the resource folder {@code resources/<folder>} to {@code dest/<folder>} and returns that. */
    static Path copy(String folder, Path dest) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(TokenFixtures.class);
        Enumeration<URL> urls = bundle.findEntries("resources/" + folder, "*", true);
        if (urls == null) {
            throw new IOException("no resources/" + folder + " in " + bundle.getSymbolicName());
        }
        String prefix = "/resources/";
        while (urls.hasMoreElements()) {
            URL u = urls.nextElement();
            String path = u.getPath();
            if (path.endsWith("/")) {
                continue;
            }
            Path target = dest.resolve(path.substring(path.indexOf(prefix) + prefix.length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = u.openStream()) {
                Files.copy(in, target);
            }
        }
        return dest.resolve(folder);
    }

    static StoredProject project(Path tmp, String name) throws StoreException {
        return new FolderProjectStore().create(tmp.resolve(name).toString(), name, name);
    }

    /** The text of an item's document. */
    static String text(StoredProject p, String itemId) throws StoreException {
        Item item = p.loadItem(itemId);
        return p.documents().read(item.assets().get(0).uri()).orElseThrow(() -> new AssertionError("no text for " + itemId));
    }

    /** The item's stored tokens as their texts. */
    static List<String> tokens(StoredProject p, String itemId) throws StoreException {
        Item item = p.loadItem(itemId);
        Segmentation seg = Segmentation.fromAsset(item.assets().get(0));
        String text = text(p, itemId);
        CodePoints cps = new CodePoints(text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seg.tokenCount(); i++) {
            out.add(text.substring(cps.toUtf16(seg.tokenStart(i)), cps.toUtf16(seg.tokenEnd(i))));
        }
        return out;
    }

    /** Each span of the annotator's set as {@code LABEL start-end 'text'}, in set order; the text checked against the document. */
    static List<String> spans(StoredProject p, String itemId, String annotator) throws StoreException {
        String text = text(p, itemId);
        CodePoints cps = new CodePoints(text);
        List<String> out = new ArrayList<>();
        AnnotationSet set = p.loadItem(itemId).set(annotator).orElse(null);
        if (set == null) {
            return out;
        }
        for (Annotation a : set.annotations()) {
            if (a.typeId().equals(Span.TYPE)) {
                Span s = Span.fromPayload(a.payload());
                String covered = text.substring(cps.toUtf16(s.start()), cps.toUtf16(s.end()));
                if (!covered.equals(s.text())) {
                    throw new AssertionError("span " + a.id() + " says '" + s.text() + "' but covers '" + covered + "'");
                }
                out.add(a.label() + " " + s.start() + "-" + s.end() + " '" + covered + "'");
            }
        }
        return out;
    }

    /** Spans sorted, for comparing sets whose order may differ between formats. */
    static List<String> sortedSpans(StoredProject p, String itemId, String annotator) throws StoreException {
        return spans(p, itemId, annotator).stream().sorted().toList();
    }

    /** Each relation as {@code TYPE fromSpanText -> toSpanText}. */
    static List<String> relations(StoredProject p, String itemId, String annotator) throws StoreException {
        AnnotationSet set = p.loadItem(itemId).set(annotator).orElseThrow();
        Map<String, String> spanText = new LinkedHashMap<>();
        for (Annotation a : set.annotations()) {
            if (a.typeId().equals(Span.TYPE)) {
                spanText.put(a.id(), a.label() + ":" + Span.fromPayload(a.payload()).text());
            }
        }
        List<String> out = new ArrayList<>();
        for (Annotation a : set.annotations()) {
            if (a.typeId().equals(Relation.TYPE)) {
                Relation r = Relation.fromPayload(a.payload());
                out.add(a.label() + " " + spanText.get(r.from()) + " -> " + spanText.get(r.to()));
            }
        }
        return out;
    }

    /** A span given by the text it covers (its n-th occurrence, from 0) and its label. */
    record SpanSpec(String label, String covered, int occurrence) {
    }

    /**
     * Adds a text item: the document {@code media/<id>.txt}, optional tokens (code point ranges) and
     * the annotator's spans, found by their covered text; relations as pairs of span indexes with a type.
     */
    static void addItem(StoredProject p, String id, String text, int[] tokens, int[] sentences, String annotator, List<SpanSpec> spans,
            List<String[]> relations) throws StoreException {
        String uri = "media/" + id + ".txt";
        p.documents().write(uri, text);
        CodePoints cps = new CodePoints(text);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("characters", cps.codePointCount());
        if (tokens != null) {
            meta = new Segmentation(tokens, sentences == null ? new int[0] : sentences).addTo(meta);
        }
        Item item = new Item(id, "", List.of(new Asset(uri, TextModality.ID, "", meta)), Map.of(), null, null);
        AnnotationSet set = AnnotationSet.start(annotator, 0);
        Instant now = Instant.now();
        int n = 0;
        for (SpanSpec s : spans) {
            int from = -1;
            for (int k = 0; k <= s.occurrence(); k++) {
                from = text.indexOf(s.covered(), from + 1);
            }
            if (from < 0) {
                throw new AssertionError("'" + s.covered() + "' is not in the text");
            }
            int start = cps.toCodePoint(from);
            int end = cps.toCodePoint(from + s.covered().length());
            set.insert(-1, new Annotation("sp" + (++n), Span.TYPE, s.label(), Map.of(), 1, new Span(start, end, s.covered()).toPayload(),
                    Provenance.HUMAN, annotator, now, now));
        }
        int r = 0;
        for (String[] rel : relations) {
            set.insert(-1, new Annotation("rel" + (++r), Relation.TYPE, rel[2], Map.of(), 1, new Relation("sp" + rel[0], "sp" + rel[1]).toPayload(),
                    Provenance.HUMAN, annotator, now, now));
        }
        item.putSet(set);
        p.saveItem(item);
    }

    /** Code point ranges of the whitespace-separated tokens of {@code text}. */
    static int[] spaceTokens(String text) {
        List<Integer> out = new ArrayList<>();
        int cp = 0;
        int start = -1;
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            if (Character.isWhitespace(c)) {
                if (start >= 0) {
                    out.add(start);
                    out.add(cp);
                    start = -1;
                }
            } else if (start < 0) {
                start = cp;
            }
            i += Character.charCount(c);
            cp++;
        }
        if (start >= 0) {
            out.add(start);
            out.add(cp);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
