package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.StoreException;
import dev.vellum.modality.text.io.WebAnnoTsvDocument.Ann;
import dev.vellum.modality.text.io.WebAnnoTsvDocument.Kind;
import dev.vellum.modality.text.io.WebAnnoTsvDocument.Layer;
import dev.vellum.modality.text.model.CodePoints;
import dev.vellum.modality.text.model.Segmentation;

/**
 * Reads WebAnno TSV 3.x files (INCEpTION's and WebAnno's export, DKPro Core's writer): one document
 * per file, one item per document, its text written as the project document
 * {@code media/<name>.txt} with its tokens and sentences as the asset's {@link Segmentation}.
 * <p>
 * Mapping (offsets converted from UTF-16 to code points):
 * <ul>
 * <li>A span layer's annotation becomes a {@code text.span}. Its label is the value of the layer's
 * label feature ({@code value} when the layer has one, else its first feature); when that value is
 * unset ({@code *}) or the layer has no feature, the label is the layer's short name
 * ({@code NamedEntity}). The other features set become attributes under their names. The attribute
 * {@value #LAYER} names the layer's type unless it is DKPro's {@value #NAMED_ENTITY}.</li>
 * <li>A relation layer's annotation becomes a {@code text.relation} from the governor (source) span
 * to the dependent (target) span, labelled like a span (label feature {@code value}, else the first,
 * else the short name); {@value #LAYER} names the layer unless it is {@value #RELATION}. When the
 * relation attaches to a type the file declares no span layer for (e.g. {@code Token}), each end
 * becomes a span of that type (label its short name, {@value #LAYER} its type).</li>
 * <li>A chain (coreference) element becomes a span labelled with its {@code referenceType} (or the
 * layer's short name), and each element links to the next by a relation labelled with the element's
 * {@code referenceRelation}, or {@value #NEXT} when unset; spans and links carry {@value #LAYER}. The
 * last element's {@code referenceRelation}, if set, is the span's attribute of that name.</li>
 * <li>Slot features (ROLE_ columns) have no counterpart and are reported.</li>
 * </ul>
 * The layer declarations are kept in the item metadata {@value #LAYERS_KEY}, so that an export
 * writes the same header and columns.
 */
@Component(service = FormatImporter.class)
public final class WebAnnoTsvImporter extends TextImporter {
    /** The format id. */
    public static final String ID = "webanno-tsv3";
    /** Attribute naming a span's or relation's WebAnno layer (UIMA type) when it is not the default one. */
    public static final String LAYER = "layer";
    /** The default span layer: DKPro Core's named entity. */
    public static final String NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";
    /** The default relation layer. */
    public static final String RELATION = "webanno.custom.Relation";
    /** The label of a chain link whose referenceRelation is unset. */
    public static final String NEXT = "next";
    /** Item metadata key of the TSV layer declarations (header lines). */
    public static final String LAYERS_KEY = "webanno.layers";

    /** The DS service. */
    public WebAnnoTsvImporter() {
        super(ID, "WebAnno TSV", "WebAnno TSV 3 (INCEpTION, WebAnno)", Set.of("tsv"), "WebAnno TSV files (*.tsv)");
    }

    @Override
    public int accepts(Path file) {
        if (Files.isDirectory(file)) {
            try (Stream<Path> s = Files.walk(file, 3)) {
                return s.anyMatch(WebAnnoTsvImporter::isTsv) ? 40 : 0;
            } catch (IOException e) {
                return 0;
            }
        }
        return isTsv(file) ? 90 : 0;
    }

    private static boolean isTsv(Path f) {
        if (!Files.isRegularFile(f) || !f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv")) {
            return false;
        }
        try (var r = Files.newBufferedReader(f)) {
            String first = r.readLine();
            return first != null && first.replace("\uFEFF", "").startsWith("#FORMAT=WebAnno TSV 3");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A broken file in a folder is reported and skipped, so that the folder's other files are imported; a file given itself fails. */
    @Override
    void read(TextFormats.Sink sink, Path root, Path file) throws IOException, StoreException {
        try {
            importFile(sink, root, file);
        } catch (WebAnnoTsvDocument.TsvException e) {
            if (root == null) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            sink.problem(file, e.getMessage() + "; the file was skipped");
        }
    }

    private static void importFile(TextFormats.Sink sink, Path root, Path file) throws IOException, StoreException, WebAnnoTsvDocument.TsvException {
        String annotator = sink.annotator;
        String content = TextFormats.readUtf8(file, "a WebAnno TSV file");
        WebAnnoTsvDocument doc = WebAnnoTsvDocument.parse(content.lines().toList());
        for (String u : doc.unmapped) {
            sink.problem(file, u);
        }
        String text = doc.text;
        CodePoints cp = new CodePoints(text);
        Map<Ann, String> ids = new IdentityHashMap<>();
        List<Annotation> anns = new ArrayList<>();
        int n = 0;
        for (Ann a : doc.spans) {
            String id = "s" + (++n);
            ids.put(a, id);
            int start = cp.toCodePoint(a.begin), end = cp.toCodePoint(a.end);
            Map<String, Object> attrs = new LinkedHashMap<>();
            String label;
            if (a.layer.kind == Kind.CHAIN) {
                label = a.features.get("referenceType");
                attrs.put(LAYER, a.layer.type);
            } else {
                String labelFeature = labelFeature(a.layer);
                label = labelFeature == null ? null : a.features.get(labelFeature);
                a.features.forEach((k, v) -> {
                    if (v != null && !k.equals(labelFeature)) {
                        attrs.put(k, v);
                    }
                });
                if (!a.layer.type.equals(NAMED_ENTITY)) {
                    attrs.put(LAYER, a.layer.type);
                }
            }
            anns.add(TextFormats.span(id, label == null ? a.layer.shortName() : label, attrs, start, end, text.substring(a.begin, a.end),
                    annotator));
        }
        int r = 0;
        for (List<Ann> chain : doc.chains) {
            for (int i = 0; i < chain.size(); i++) {
                Ann a = chain.get(i);
                String rel = a.features.get("referenceRelation");
                if (i + 1 < chain.size()) {
                    anns.add(TextFormats.relation("r" + (++r), rel == null ? NEXT : rel, Map.of(LAYER, a.layer.type), ids.get(a),
                            ids.get(chain.get(i + 1)), annotator));
                } else if (rel != null) {
                    int k = indexOf(anns, ids.get(a));
                    Annotation s = anns.get(k);
                    Map<String, Object> attrs = new LinkedHashMap<>(s.attributes());
                    attrs.put("referenceRelation", rel);
                    anns.set(k, s.withAttributes(attrs, s.author()));
                }
            }
        }
        for (Ann a : doc.relations) {
            String labelFeature = labelFeature(a.layer);
            String label = labelFeature == null ? null : a.features.get(labelFeature);
            Map<String, Object> attrs = new LinkedHashMap<>();
            a.features.forEach((k, v) -> {
                if (v != null && !k.equals(labelFeature)) {
                    attrs.put(k, v);
                }
            });
            if (!a.layer.type.equals(RELATION)) {
                attrs.put(LAYER, a.layer.type);
            }
            anns.add(TextFormats.relation("r" + (++r), label == null ? a.layer.shortName() : label, attrs, ids.get(a.source), ids.get(a.target),
                    annotator));
        }
        int[] tokens = new int[doc.tokens.size() * 2];
        for (int i = 0; i < doc.tokens.size(); i++) {
            tokens[2 * i] = cp.toCodePoint(doc.tokens.get(i)[0]);
            tokens[2 * i + 1] = cp.toCodePoint(doc.tokens.get(i)[1]);
        }
        int[] sentences = new int[doc.sentences.size() * 2];
        for (int i = 0; i < doc.sentences.size(); i++) {
            sentences[2 * i] = cp.toCodePoint(doc.sentences.get(i)[0]);
            sentences[2 * i + 1] = cp.toCodePoint(doc.sentences.get(i)[1]);
        }
        Map<String, Object> assetMeta = new Segmentation(tokens, sentences).addTo(Map.of());
        List<String> headers = doc.layers.stream().filter(l -> !l.implied).map(Layer::header).toList();
        Map<String, Object> itemMeta = headers.isEmpty() ? Map.of() : Map.of(LAYERS_KEY, headers);
        sink.add(file, TextFormats.documentName(root, file), text, assetMeta, itemMeta, anns);
    }

    /** The feature a layer's annotations take their label from: {@code value}, else the first; null without features. */
    static String labelFeature(Layer layer) {
        List<String> f = layer.features();
        return f.contains("value") ? "value" : f.isEmpty() ? null : f.get(0);
    }

    private static int indexOf(List<Annotation> anns, String id) {
        for (int i = 0; i < anns.size(); i++) {
            if (anns.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException(id);
    }
}
