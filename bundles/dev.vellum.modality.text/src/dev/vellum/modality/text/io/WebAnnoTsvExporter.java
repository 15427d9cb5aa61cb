package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ExportFiles;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextDocuments;
import dev.vellum.modality.text.io.WebAnnoTsvDocument.Ann;
import dev.vellum.modality.text.io.WebAnnoTsvDocument.Column;
import dev.vellum.modality.text.io.WebAnnoTsvDocument.ColumnKind;
import dev.vellum.modality.text.io.WebAnnoTsvDocument.Kind;
import dev.vellum.modality.text.io.WebAnnoTsvDocument.Layer;
import dev.vellum.modality.text.model.CodePoints;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.modality.text.tokenize.Tokenizer;
import dev.vellum.modality.text.tokenize.Tokenizers;

/**
 * Writes each text item as a WebAnno TSV 3.3 file {@code <item id>.tsv} in the output folder, the
 * mapping of {@link WebAnnoTsvImporter} in reverse: the layers declared in the item metadata (as
 * imported), else {@code NamedEntity} ({@code identifier|value}) for spans and
 * {@code webanno.custom.Relation} ({@code value}) for relations, plus a feature column for every
 * attribute. Tokens and sentences come from the asset's {@link Segmentation}, else from the
 * project's tokenizer ({@link Tokenizers#forProject}); without sentences each non-blank line is
 * one. What TSV cannot hold (characters outside sentences, span ends between tokens, relations
 * between spans of other layers than the relation layer's base, other annotators' sets) is
 * reported.
 */
@Component(service = FormatExporter.class)
public final class WebAnnoTsvExporter extends TextExporter {
    /** The DS service. */
    public WebAnnoTsvExporter() {
        super(WebAnnoTsvImporter.ID, "WebAnno TSV", "WebAnno TSV 3.3 (INCEpTION, WebAnno)");
    }

    @Override
    public ExportReport exportWithReport(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        TextFormats.requireFolder(out, "WebAnno TSV is written as one file per document");
        ExportReport.Builder losses = new ExportReport.Builder();
        Tokenizer tokenizer;
        try {
            tokenizer = Tokenizers.forProject(project.project());
        } catch (IllegalArgumentException e) {
            throw new IOException(project.location() + ": " + e.getMessage(), e);
        }
        int written = eachItem(project, options, progress, out, true, losses, (item, set, index) -> {
            String tsv = tsv(item, TextFormats.text(project, item), set == null ? List.of() : set.annotations(), tokenizer, losses);
            ExportFiles.writeText(out.resolve(item.id() + ".tsv"), tsv);
            return true;
        });
        return losses.build(written);
    }

    /** The TSV of one document and one set's annotations; losses are added under the item's id. */
    static String tsv(Item item, String text, List<Annotation> annotations, Tokenizer tokenizer, ExportReport.Builder losses) {
        String itemId = item.id();
        CodePoints cp = new CodePoints(text);
        WebAnnoTsvDocument doc = new WebAnnoTsvDocument();
        doc.text = text;
        declaredLayers(item, doc, losses);
        segment(item, text, cp, tokenizer, doc, losses);

        Map<String, Ann> byId = new HashMap<>();
        Map<String, Annotation> spanAnns = new HashMap<>();
        for (Annotation a : annotations) {
            Span sp = TextFormats.span(a);
            if (sp == null) {
                if (!Relation.TYPE.equals(a.typeId())) {
                    losses.add(itemId, "'" + a.id() + "' (" + a.typeId() + ") is not a text span or relation; left out");
                }
                continue;
            }
            if (sp.end() > cp.codePointCount()) {
                losses.add(itemId, "span '" + a.id() + "' ends after the text; left out");
                continue;
            }
            String type = a.attributes().get(WebAnnoTsvImporter.LAYER) instanceof String t ? t : WebAnnoTsvImporter.NAMED_ENTITY;
            Layer layer = doc.layer(type);
            if (layer == null) {
                layer = new Layer(Kind.SPAN, type);
                if (type.equals(WebAnnoTsvImporter.NAMED_ENTITY)) {
                    layer.columns.add(new Column("identifier", ColumnKind.FEATURE));
                }
                layer.columns.add(new Column("value", ColumnKind.FEATURE));
                doc.layers.add(layer);
            }
            Ann x = new Ann(layer, cp.toUtf16(sp.start()), cp.toUtf16(sp.end()));
            x.key = a.id();
            if (layer.kind == Kind.CHAIN) {
                x.features.put("referenceType", a.label().equals(layer.shortName()) ? null : a.label());
                if (a.attributes().get("referenceRelation") instanceof String rr) {
                    x.features.put("referenceRelation", rr);
                }
            } else if (!layer.implied) {
                String lf = WebAnnoTsvImporter.labelFeature(layer);
                if (lf == null) {
                    if (!a.label().equals(layer.shortName())) {
                        losses.add(itemId, "layer " + layer.shortName() + " has no feature for the label '" + a.label() + "' of '" + a.id()
                                + "'; written without it");
                    }
                } else {
                    x.features.put(lf, a.label().equals(layer.shortName()) ? null : a.label());
                }
                putAttributes(a, layer, x, losses, itemId);
            }
            byId.put(a.id(), x);
            spanAnns.put(a.id(), a);
            doc.spans.add(x);
        }

        Map<Layer, Map<Ann, Ann>> next = new LinkedHashMap<>();
        for (Annotation a : annotations) {
            Relation r = TextFormats.relation(a);
            if (r == null) {
                continue;
            }
            Ann from = byId.get(r.from()), to = byId.get(r.to());
            if (from == null || to == null) {
                losses.add(itemId, "relation '" + a.id() + "' connects an annotation that is not a written span; left out");
                continue;
            }
            String type = a.attributes().get(WebAnnoTsvImporter.LAYER) instanceof String t ? t : WebAnnoTsvImporter.RELATION;
            Layer layer = doc.layer(type);
            if (layer != null && layer.kind == Kind.CHAIN) {
                if (from.layer != layer || to.layer != layer) {
                    losses.add(itemId, "chain link '" + a.id() + "' joins spans outside chain layer " + layer.shortName() + "; left out");
                    continue;
                }
                if (next.computeIfAbsent(layer, k -> new LinkedHashMap<>()).putIfAbsent(from, to) != null) {
                    losses.add(itemId, "chain link '" + a.id() + "': a chain element has one next element in TSV; left out");
                    continue;
                }
                from.features.put("referenceRelation", a.label().equals(WebAnnoTsvImporter.NEXT) ? null : a.label());
                continue;
            }
            if (layer == null) {
                layer = new Layer(Kind.RELATION, type);
                layer.columns.add(new Column("value", ColumnKind.FEATURE));
                layer.columns.add(new Column("BT", ColumnKind.BASE));
                layer.baseType = from.layer.type;
                doc.layers.add(layer);
            }
            if (layer.kind != Kind.RELATION) {
                losses.add(itemId, "relation '" + a.id() + "' names layer " + type + ", which is a span layer; left out");
                continue;
            }
            if (!from.layer.type.equals(layer.baseType) || !to.layer.type.equals(layer.baseType)) {
                losses.add(itemId, "relation '" + a.id() + "': layer " + layer.shortName() + " connects " + shortName(layer.baseType) + " spans, not "
                        + from.layer.shortName() + " and " + to.layer.shortName() + "; left out");
                continue;
            }
            Ann x = new Ann(layer, to.begin, to.end);
            x.source = from;
            x.target = to;
            x.key = a.id();
            String lf = WebAnnoTsvImporter.labelFeature(layer);
            if (lf != null) {
                x.features.put(lf, a.label().equals(layer.shortName()) ? null : a.label());
            }
            putAttributes(a, layer, x, losses, itemId);
            doc.relations.add(x);
        }
        // chains: every element of a chain layer, linked by its "next" relations, ordered by their first element
        for (Layer layer : doc.layers) {
            if (layer.kind != Kind.CHAIN) {
                continue;
            }
            Map<Ann, Ann> links = next.getOrDefault(layer, Map.of());
            Set<Ann> targets = new HashSet<>(links.values());
            List<Ann> heads = doc.spans.stream().filter(x -> x.layer == layer && !targets.contains(x))
                    .sorted(Comparator.comparingInt((Ann x) -> x.begin).thenComparing(Comparator.comparingInt((Ann x) -> x.end).reversed())).toList();
            Set<Ann> seen = new HashSet<>();
            for (Ann h : heads) {
                List<Ann> chain = new ArrayList<>();
                for (Ann e = h; e != null && seen.add(e); e = links.get(e)) {
                    chain.add(e);
                }
                doc.chains.add(chain);
            }
            if (doc.spans.stream().anyMatch(x -> x.layer == layer && !seen.contains(x))) {
                losses.add(itemId, "chain layer " + layer.shortName() + " has links forming a cycle; those elements were left out");
                doc.spans.removeIf(x -> x.layer == layer && !seen.contains(x));
            }
        }
        String out = doc.write();
        for (String u : doc.unmapped) {
            losses.add(itemId, u);
        }
        return out;
    }

    private static String shortName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** Attributes other than the layer as feature values; undeclared ones get a column of their own. */
    private static void putAttributes(Annotation a, Layer layer, Ann x, ExportReport.Builder losses, String itemId) {
        for (Map.Entry<String, Object> e : a.attributes().entrySet()) {
            if (e.getKey().equals(WebAnnoTsvImporter.LAYER) || e.getValue() == null) {
                continue;
            }
            if (!layer.features().contains(e.getKey())) {
                if (e.getKey().isEmpty() || e.getKey().contains("|") || e.getKey().contains("\t")) {
                    losses.add(itemId, "attribute '" + e.getKey() + "' cannot be a TSV feature name; left out");
                    continue;
                }
                int at = layer.kind == Kind.RELATION ? layer.columns.size() - 1 : layer.columns.size();
                layer.columns.removeIf(c -> c.kind() == ColumnKind.PLACEHOLDER);
                layer.columns.add(Math.min(at, layer.columns.size()), new Column(e.getKey(), ColumnKind.FEATURE));
            }
            Object v = e.getValue();
            x.features.put(e.getKey(), v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(v));
        }
    }

    /** The layers the item was imported with, so its header and columns come back as they were. */
    private static void declaredLayers(Item item, WebAnnoTsvDocument doc, ExportReport.Builder losses) {
        if (!(item.metadata().get(WebAnnoTsvImporter.LAYERS_KEY) instanceof List<?> headers) || headers.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("#FORMAT=WebAnno TSV 3.3");
        headers.forEach(h -> lines.add(String.valueOf(h)));
        try {
            doc.layers.addAll(WebAnnoTsvDocument.parse(lines).layers);
        } catch (WebAnnoTsvDocument.TsvException e) {
            losses.add(item.id(), "item metadata " + WebAnnoTsvImporter.LAYERS_KEY + " is not a TSV header (" + e.getMessage() + "); ignored");
        }
        // a relation's base type without a span layer (Token...) holds relation ends only
        for (Layer l : List.copyOf(doc.layers)) {
            if (l.kind == Kind.RELATION && doc.layer(l.baseType) == null) {
                Layer implied = new Layer(Kind.SPAN, l.baseType);
                implied.implied = true;
                doc.layers.add(implied);
            }
        }
    }

    /**
     * Tokens and sentences in UTF-16: the asset's segmentation, else the project tokenizer's; one
     * sentence per non-blank line when there are no sentences.
     */
    private static void segment(Item item, String text, CodePoints cp, Tokenizer tokenizer, WebAnnoTsvDocument doc, ExportReport.Builder losses) {
        Segmentation seg;
        try {
            seg = TextDocuments.of(text, TextDocuments.textAsset(item), tokenizer).segmentation();
        } catch (PayloadException e) {
            losses.add(item.id(), "the asset's segmentation cannot be read (" + e.getMessage() + "); the text was tokenized again");
            seg = tokenizer.segment(text);
        }
        List<int[]> tokens = new ArrayList<>();
        List<int[]> sentences = new ArrayList<>();
        for (int i = 0; i < seg.tokenCount(); i++) {
            tokens.add(new int[] {cp.toUtf16(seg.tokenStart(i)), cp.toUtf16(seg.tokenEnd(i))});
        }
        for (int i = 0; i < seg.sentenceCount(); i++) {
            int e = Math.min(seg.sentences()[2 * i + 1], cp.codePointCount());
            sentences.add(new int[] {cp.toUtf16(Math.min(seg.sentences()[2 * i], e)), cp.toUtf16(e)});
        }
        if (sentences.isEmpty()) {
            lines(text, sentences);
        }
        // Each sentence is written from its first token to its end (TSV places a sentence's text at
        // its first token); sentences without tokens are dropped, tokens outside every sentence get one.
        List<int[]> out = new ArrayList<>();
        int t = 0;
        for (int[] s : sentences) {
            while (t < tokens.size() && tokens.get(t)[0] < s[0]) {
                out.add(new int[] {tokens.get(t)[0], tokens.get(t)[1]});
                t++;
            }
            int first = t;
            while (t < tokens.size() && (tokens.get(t)[0] < s[1] || tokens.get(t)[0] == s[1] && tokens.get(t)[1] == s[1])) {
                t++;
            }
            if (t > first) {
                out.add(new int[] {tokens.get(first)[0], Math.max(s[1], tokens.get(t - 1)[1])});
            }
        }
        for (; t < tokens.size(); t++) {
            out.add(new int[] {tokens.get(t)[0], tokens.get(t)[1]});
        }
        doc.tokens.addAll(tokens);
        doc.sentences.addAll(out);
        int last = 0;
        boolean lost = false;
        for (int[] s : out) {
            lost |= !text.substring(last, Math.max(last, s[0])).isBlank();
            last = Math.max(last, s[1]);
        }
        lost |= !text.substring(Math.min(last, text.length())).isBlank();
        if (lost) {
            losses.add(item.id(), "characters outside the sentences are not written (TSV holds the text of sentences only)");
        }
    }

    /** One sentence per non-blank line. */
    private static void lines(String text, List<int[]> sentences) {
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (!text.substring(start, i).isBlank()) {
                    sentences.add(new int[] {start, i});
                }
                start = i + 1;
            }
        }
    }
}
