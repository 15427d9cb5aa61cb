package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ExportFiles;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.TextDocuments;
import dev.vellum.modality.text.io.ExportedDocument.RelationRef;
import dev.vellum.modality.text.io.ExportedDocument.SpanRef;

/**
 * Writes each text item as a UIMA CAS XMI file {@code <item id>.xmi} in the output folder, and one
 * {@code typesystem.xml} beside them declaring every type and feature written: the mapping of
 * {@link XmiImporter} in reverse. Each file holds the text as the initial view's sofa, a DKPro
 * {@code DocumentMetaData} (with the asset's language), DKPro {@code Token}s and {@code Sentence}s
 * (the asset's {@link dev.vellum.modality.text.model.Segmentation}, else the project tokenizer's),
 * spans as DKPro {@code NamedEntity} with {@code value} (or the type their attribute
 * {@value XmiImporter#LAYER} names), relations as {@code webanno.custom.Relation} with
 * {@code Governor} and {@code Dependent} references (or their layer's type), and chains (relations
 * whose layer is also both ends' layer) as link elements with {@code next} and a chain with
 * {@code first}, all listed in the view's members. Offsets are written in UTF-16 units. Reported:
 * attributes that cannot be features (names, lists, mixed kinds), characters XML 1.0 cannot hold,
 * spans on tokens the segmentation lacks, relations to spans not written, other annotators' sets.
 */
@Component(service = FormatExporter.class)
public final class XmiExporter extends TextExporter {
    /** The type system description written beside the XMI files. */
    public static final String TYPE_SYSTEM = "typesystem.xml";

    /** Features that carry structure, so no attribute may take their name. */
    private static final Set<String> RESERVED = Set.of("sofa", "begin", "end", "Governor", "Dependent", "next", "first");

    /** The DS service. */
    public XmiExporter() {
        super(XmiImporter.ID, "UIMA XMI", "UIMA CAS XMI (DKPro Core, INCEpTION, WebAnno)");
    }

    @Override
    public ExportReport exportWithReport(StoredProject project, Options options, Path out, Progress progress) throws IOException, StoreException {
        TextFormats.requireFolder(out, "UIMA XMI is written as one file per document with a type system");
        ExportReport.Builder losses = new ExportReport.Builder();
        XmiTypeSystem ts = new XmiTypeSystem();
        int written = eachItem(project, options, progress, out, true, losses, (item, set, index) -> {
            ExportedDocument doc = ExportedDocument.of(project, item, set, format, losses);
            if (doc == null) {
                return false;
            }
            ExportFiles.writeText(out.resolve(item.id() + ".xmi"), new Cas(doc, set, ts, losses).xmi());
            return true;
        });
        ExportFiles.writeText(out.resolve(TYPE_SYSTEM), ts.write());
        return losses.build(written);
    }

    /** An element to write: its type, id and features (XML attributes) in order. */
    private static final class Element {
        final String type;
        final int id;
        final Map<String, String> features = new LinkedHashMap<>();
        int begin;
        int end;

        Element(String type, int id) {
            this.type = type;
            this.id = id;
        }
    }

    /** One document as a CAS. */
    private static final class Cas {
        final ExportedDocument doc;
        final XmiTypeSystem ts;
        final ExportReport.Builder losses;
        final String itemId;
        final Map<String, Annotation> annotations = new HashMap<>();
        final List<Element> elements = new ArrayList<>();
        final Map<String, String> prefixes = new LinkedHashMap<>();
        final int sofa;
        int nextId = 1;

        Cas(ExportedDocument doc, AnnotationSet set, XmiTypeSystem ts, ExportReport.Builder losses) {
            this.doc = doc;
            this.ts = ts;
            this.losses = losses;
            this.itemId = doc.itemId;
            if (set != null) {
                set.annotations().forEach(a -> annotations.put(a.id(), a));
            }
            prefixes.put(XmiTypeSystem.XMI_NS, "xmi");
            prefixes.put(XmiTypeSystem.CAS_NS, "cas");
            prefixes.put(XmiTypeSystem.TCAS_NS, "tcas");
            sofa = nextId++;
        }

        private Element element(String type, int begin, int end) {
            Element e = new Element(type, nextId++);
            e.features.put("sofa", String.valueOf(sofa));
            e.features.put("begin", String.valueOf(begin));
            e.features.put("end", String.valueOf(end));
            e.begin = begin;
            e.end = end;
            elements.add(e);
            return e;
        }

        private static long key(int begin, int end) {
            return (long) begin << 32 | end;
        }

        String xmi() {
            Item item = doc.item;
            int length = doc.text.length();
            ts.declare(XmiTypeSystem.DOCUMENT_META_DATA, XmiTypeSystem.DOCUMENT_ANNOTATION);
            feature(XmiTypeSystem.DOCUMENT_META_DATA, "documentTitle", "uima.cas.String");
            feature(XmiTypeSystem.DOCUMENT_META_DATA, "documentId", "uima.cas.String");
            Element meta = element(XmiTypeSystem.DOCUMENT_META_DATA, 0, length);
            if (TextDocuments.textAsset(item).metadata().get("language") instanceof String lang && !lang.isBlank()) {
                meta.features.put("language", lang);
            }
            meta.features.put("documentTitle", itemId);
            meta.features.put("documentId", itemId);

            ts.declare(XmiTypeSystem.TOKEN, XmiTypeSystem.ANNOTATION);
            ts.declare(XmiTypeSystem.SENTENCE, XmiTypeSystem.ANNOTATION);
            Map<Long, Element> tokens = new HashMap<>(), sentences = new HashMap<>();
            for (int i = 0; i + 1 < doc.tokens.length; i += 2) {
                Element e = element(XmiTypeSystem.TOKEN, doc.cps.toUtf16(doc.tokens[i]), doc.cps.toUtf16(doc.tokens[i + 1]));
                tokens.putIfAbsent(key(e.begin, e.end), e);
            }
            for (int i = 0; i + 1 < doc.sentences.length; i += 2) {
                int end = Math.min(doc.sentences[i + 1], doc.cps.codePointCount());
                Element e = element(XmiTypeSystem.SENTENCE, doc.cps.toUtf16(Math.min(doc.sentences[i], end)), doc.cps.toUtf16(end));
                sentences.putIfAbsent(key(e.begin, e.end), e);
            }

            // the type of each span first: a relation whose layer is both its ends' layer is a chain link
            Map<String, String> spanTypes = new HashMap<>();
            for (SpanRef s : doc.spans) {
                spanTypes.put(s.id(), spanType(annotations.get(s.id())));
            }
            Set<String> chainTypes = new LinkedHashSet<>();
            for (RelationRef r : doc.relations) {
                String t = layer(annotations.get(r.id()), XmiTypeSystem.RELATION);
                if (t.equals(spanTypes.get(r.from())) && t.equals(spanTypes.get(r.to()))) {
                    chainTypes.add(t);
                }
            }

            Map<String, Element> written = new HashMap<>();
            for (SpanRef s : doc.spans) {
                Annotation a = annotations.get(s.id());
                String type = spanTypes.get(s.id());
                int begin = doc.cps.toUtf16(s.start()), end = doc.cps.toUtf16(s.end());
                if (type.equals(XmiTypeSystem.TOKEN) || type.equals(XmiTypeSystem.SENTENCE)) {
                    Element e = (type.equals(XmiTypeSystem.TOKEN) ? tokens : sentences).get(key(begin, end));
                    if (e == null) {
                        losses.each(itemId, XmiTypeSystem.shortName(type) + " spans without a " + XmiTypeSystem.shortName(type).toLowerCase()
                                + " of the segmentation at their place were left out", s.id());
                    } else {
                        written.put(s.id(), e);
                    }
                    continue;
                }
                boolean chain = chainTypes.contains(type);
                String labelFeature = chain ? "referenceType" : "value";
                ts.declare(type, type.startsWith(XmiTypeSystem.NER) && !type.equals(XmiTypeSystem.NAMED_ENTITY) ? XmiTypeSystem.NAMED_ENTITY
                        : XmiTypeSystem.ANNOTATION);
                if (type.startsWith(XmiTypeSystem.NER) && !type.equals(XmiTypeSystem.NAMED_ENTITY)) {
                    ts.declare(XmiTypeSystem.NAMED_ENTITY, XmiTypeSystem.ANNOTATION);
                    feature(XmiTypeSystem.NAMED_ENTITY, "value", "uima.cas.String");
                } else {
                    feature(type, labelFeature, "uima.cas.String");
                }
                if (chain) {
                    feature(type, "referenceRelation", "uima.cas.String");
                    feature(type, "next", type);
                }
                Element e = element(type, begin, end);
                if (!s.label().equals(XmiTypeSystem.shortName(type))) {
                    e.features.put(labelFeature, s.label());
                }
                attributes(a, e, chain ? Set.of(labelFeature, "referenceRelation") : Set.of(labelFeature));
                if (chain && a.attributes().get("referenceRelation") instanceof String rr) {
                    e.features.put("referenceRelation", rr);
                }
                written.put(s.id(), e);
            }

            Map<String, Map<Element, Element>> links = new LinkedHashMap<>();
            for (RelationRef r : doc.relations) {
                Annotation a = annotations.get(r.id());
                Element from = written.get(r.from()), to = written.get(r.to());
                if (from == null || to == null) {
                    losses.each(itemId, "relations to a span that was not written were left out", r.id());
                    continue;
                }
                String type = layer(a, XmiTypeSystem.RELATION);
                if (chainTypes.contains(type) && from.type.equals(type) && to.type.equals(type)) {
                    if (links.computeIfAbsent(type, k -> new LinkedHashMap<>()).putIfAbsent(from, to) != null) {
                        losses.each(itemId, "chain links from an element that has one already were left out (a chain element has one next)", r.id());
                        continue;
                    }
                    from.features.put("next", String.valueOf(to.id));
                    if (r.type().equals(XmiImporter.NEXT)) {
                        from.features.remove("referenceRelation");
                    } else {
                        from.features.put("referenceRelation", r.type());
                    }
                    continue;
                }
                ts.declare(type, XmiTypeSystem.ANNOTATION);
                feature(type, "Governor", from.type);
                feature(type, "Dependent", to.type);
                feature(type, "value", "uima.cas.String");
                // WebAnno places a relation on its dependent
                Element e = element(type, to.begin, to.end);
                e.features.put("Governor", String.valueOf(from.id));
                e.features.put("Dependent", String.valueOf(to.id));
                if (!r.type().equals(XmiTypeSystem.shortName(type))) {
                    e.features.put("value", r.type());
                }
                attributes(a, e, Set.of("value"));
            }

            // a chain per element no link points at, in text order
            for (String type : chainTypes) {
                Map<Element, Element> next = links.getOrDefault(type, Map.of());
                Set<Element> targets = new HashSet<>(next.values());
                List<Element> heads = elements.stream().filter(e -> e.type.equals(type) && !targets.contains(e))
                        .sorted(Comparator.comparingInt((Element e) -> e.begin).thenComparing(Comparator.comparingInt((Element e) -> e.end).reversed()))
                        .toList();
                String chainType = type.endsWith("Link") ? type.substring(0, type.length() - 4) + "Chain" : type + "Chain";
                ts.declare(chainType, "uima.cas.AnnotationBase");
                feature(chainType, "first", type);
                for (Element h : heads) {
                    Element c = new Element(chainType, nextId++);
                    c.features.put("sofa", String.valueOf(sofa));
                    c.features.put("first", String.valueOf(h.id));
                    elements.add(c);
                }
            }
            return serialize();
        }

        /** The UIMA type a span is written as: its layer, NamedEntity by default or when the layer is no type name. */
        private String spanType(Annotation a) {
            return layer(a, XmiTypeSystem.NAMED_ENTITY);
        }

        private String layer(Annotation a, String fallback) {
            if (a != null && a.attributes().get(XmiImporter.LAYER) instanceof String t) {
                if (XmiTypeSystem.isTypeName(t) && !t.startsWith("uima.")) {
                    return t;
                }
                losses.each(itemId, "layers that are not UIMA type names were written as " + XmiTypeSystem.shortName(fallback), a.id());
            }
            return fallback;
        }

        /** Declares a feature; a feature met with another range is widened to text, reported. */
        private void feature(String type, String name, String range) {
            XmiTypeSystem.Type t = ts.types.get(type);
            String old = t.features().putIfAbsent(name, range);
            if (old != null && !old.equals(range)) {
                boolean refs = !XmiTypeSystem.PRIMITIVE.contains(old) && !XmiTypeSystem.PRIMITIVE.contains(range);
                String widened = refs ? XmiTypeSystem.ANNOTATION : "uima.cas.String";
                if (!old.equals(widened)) {
                    t.features().put(name, widened);
                    if (!refs) {
                        losses.add(itemId, "feature " + name + " of " + XmiTypeSystem.shortName(type) + " has values of different kinds; declared as text");
                    }
                }
            }
        }

        /** The annotation's attributes other than its layer as features of {@code e}. */
        private void attributes(Annotation a, Element e, Set<String> taken) {
            if (a == null) {
                return;
            }
            for (Map.Entry<String, Object> at : a.attributes().entrySet()) {
                String k = at.getKey();
                Object v = at.getValue();
                if (k.equals(XmiImporter.LAYER) || v == null || taken.contains(k) && k.equals("referenceRelation")) {
                    continue;
                }
                if (!XmiTypeSystem.isFeatureName(k) || RESERVED.contains(k) || taken.contains(k)) {
                    losses.each(itemId, "attribute '" + k + "' cannot be a UIMA feature (name taken or not a feature name); left out of", a.id());
                    continue;
                }
                String range;
                String value;
                if (v instanceof Boolean b) {
                    range = "uima.cas.Boolean";
                    value = b.toString();
                } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    range = "uima.cas.Integer";
                    value = v.toString();
                } else if (v instanceof Long) {
                    range = "uima.cas.Long";
                    value = v.toString();
                } else if (v instanceof Number n) {
                    range = "uima.cas.Double";
                    value = String.valueOf(n.doubleValue());
                } else if (v instanceof String s) {
                    range = "uima.cas.String";
                    value = s;
                } else if (v instanceof List<?> l) {
                    range = "uima.cas.String";
                    value = String.join(",", l.stream().map(String::valueOf).toList());
                    losses.each(itemId, "list attribute '" + k + "' was written as one text joined by ','", a.id());
                } else {
                    losses.each(itemId, "attribute '" + k + "' holds a structure a UIMA feature cannot; left out of", a.id());
                    continue;
                }
                feature(e.type, k, range);
                e.features.put(k, value);
            }
        }

        private String prefix(String type) {
            String ns = XmiTypeSystem.namespace(type);
            String p = prefixes.get(ns);
            if (p != null) {
                return p;
            }
            String pkg = type.contains(".") ? type.substring(0, type.lastIndexOf('.')) : "noNamespace";
            String base = pkg.substring(pkg.lastIndexOf('.') + 1);
            String candidate = base;
            for (int n = 2; prefixes.containsValue(candidate); n++) {
                candidate = base + n;
            }
            prefixes.put(ns, candidate);
            return candidate;
        }

        private String serialize() {
            String text = doc.text;
            if (!XmiTypeSystem.xmlCanHold(text)) {
                losses.add(itemId, "the text holds characters XML 1.0 cannot (control characters or unpaired surrogates); written as U+FFFD");
                text = XmiTypeSystem.xmlSafe(text);
            }
            StringBuilder body = new StringBuilder();
            body.append("    <cas:NULL xmi:id=\"0\"/>\n");
            for (Element e : elements) {
                String type = e.type;
                body.append("    <").append(prefix(type)).append(':').append(XmiTypeSystem.shortName(type)).append(" xmi:id=\"").append(e.id).append('"');
                e.features.forEach((k, v) -> body.append(' ').append(k).append("=\"").append(XmiTypeSystem.escape(XmiTypeSystem.xmlSafe(v))).append('"'));
                body.append("/>\n");
            }
            body.append("    <cas:Sofa xmi:id=\"").append(sofa).append("\" sofaNum=\"1\" sofaID=\"_InitialView\" mimeType=\"text\" sofaString=\"")
                    .append(XmiTypeSystem.escape(text)).append("\"/>\n");
            StringBuilder members = new StringBuilder();
            for (Element e : elements) {
                members.append(members.isEmpty() ? "" : " ").append(e.id);
            }
            body.append("    <cas:View sofa=\"").append(sofa).append("\" members=\"").append(members).append("\"/>\n");
            StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xmi:XMI");
            prefixes.forEach((ns, p) -> sb.append(" xmlns:").append(p).append("=\"").append(XmiTypeSystem.escape(ns)).append('"'));
            sb.append(" xmi:version=\"2.0\">\n").append(body).append("</xmi:XMI>\n");
            return sb.toString();
        }
    }
}
