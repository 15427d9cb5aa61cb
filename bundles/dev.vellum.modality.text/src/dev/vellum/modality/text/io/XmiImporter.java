package dev.vellum.modality.text.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.StoreException;
import dev.vellum.modality.text.model.CodePoints;
import dev.vellum.modality.text.model.Segmentation;

/**
 * Reads UIMA CAS XMI files (DKPro Core's and INCEpTION's XMI, WebAnno's): one document per file,
 * the text of the initial view's sofa written as the project document {@code media/<name>.txt},
 * one item per document, read with the JDK's StAX parser (no DTDs, no external entities).
 * <p>
 * Mapping (UIMA offsets are UTF-16 units, converted to code points):
 * <ul>
 * <li>DKPro {@code Token} and {@code Sentence} become the asset's {@link Segmentation}; the
 * language of {@code DocumentMetaData} (or {@code DocumentAnnotation}) the asset's
 * {@code language}.</li>
 * <li>DKPro named entities ({@code de.tudarmstadt.ukp.dkpro.core.api.ner.type.*}:
 * {@code NamedEntity} and its subtypes {@code Person}, {@code Location}...) become
 * {@code text.span}s labelled with their {@code value}, or the type's short name when it is empty;
 * other features become attributes, and the attribute {@value #LAYER} names the type unless it is
 * {@code NamedEntity}.</li>
 * <li>Other types (custom layers such as {@code webanno.custom.*}) follow the WebAnno TSV mapping
 * ({@link WebAnnoTsvImporter}): an annotation with {@code Governor} and {@code Dependent} is a
 * relation from governor to dependent ({@value #LAYER} unless {@code webanno.custom.Relation}; an
 * end that is no span, such as a {@code Token}, becomes a span labelled with its type's short
 * name); a chain link type (one with {@code next}, or pointed at by a chain's {@code first})
 * gives spans labelled {@code referenceType} linked by relations labelled
 * {@code referenceRelation}, or {@value #NEXT}; any other annotation is a span. The label is the
 * feature {@code value}, else the type's first feature, else the short name.</li>
 * <li>Lemmas, part-of-speech tags, morphology, dependency relations, semantic predicates and any
 * other DKPro type are not mapped: each kind is reported once per file with its count.</li>
 * </ul>
 * A type system description beside the file, or in a folder above it up to the one imported, gives
 * feature ranges: numbers and booleans become attributes of that kind, and features referring to
 * other feature structures are reported. Without one, features are read as text.
 */
@Component(service = FormatImporter.class)
public final class XmiImporter extends TextImporter {
    /** The format id. */
    public static final String ID = "uima-xmi";
    /** Attribute naming a span's or relation's UIMA type when it is not the default one (as in WebAnno TSV). */
    public static final String LAYER = WebAnnoTsvImporter.LAYER;
    /** The label of a chain link whose referenceRelation is unset. */
    public static final String NEXT = WebAnnoTsvImporter.NEXT;

    /** Features that place an annotation rather than describe it. */
    private static final Set<String> STRUCTURAL = Set.of("sofa", "begin", "end");

    /** The DS service. */
    public XmiImporter() {
        super(ID, "UIMA XMI", "UIMA CAS XMI (DKPro Core, INCEpTION, WebAnno)", Set.of("xmi"), "UIMA XMI files (*.xmi)");
    }

    @Override
    public int accepts(Path file) {
        if (Files.isDirectory(file)) {
            try (Stream<Path> s = Files.walk(file, 3)) {
                return s.anyMatch(p -> Files.isRegularFile(p) && TextFormats.extension(p).equals("xmi")) ? 40 : 0;
            } catch (IOException e) {
                return 0;
            }
        }
        return Files.isRegularFile(file) && TextFormats.extension(file).equals("xmi") ? 90 : 0;
    }

    /** A file that cannot be read as XMI. */
    static final class XmiException extends Exception {
        private static final long serialVersionUID = 1L;

        XmiException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A broken file in a folder is reported and skipped, so that the folder's other files are imported; a file given itself fails. */
    @Override
    void read(TextFormats.Sink sink, Path root, Path file) throws IOException, StoreException {
        try {
            new Reading(sink, file, typeSystem(sink, root, file)).run(root);
        } catch (XmiException e) {
            if (root == null) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            sink.problem(file, e.getMessage() + "; the file was skipped");
        }
    }

    /** The type system description next to the file or in a folder above it, up to the one imported; null when there is none. */
    private static XmiTypeSystem typeSystem(TextFormats.Sink sink, Path root, Path file) {
        Path stop = root == null ? file.toAbsolutePath().getParent() : root.toAbsolutePath();
        for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            List<Path> xml;
            try (Stream<Path> s = Files.list(dir)) {
                xml = s.filter(p -> Files.isRegularFile(p) && TextFormats.extension(p).equals("xml")).sorted().toList();
            } catch (IOException e) {
                xml = List.of();
            }
            for (Path x : xml) {
                if (sink.wasRead(x) || XmiTypeSystem.isTypeSystem(x)) {
                    try {
                        return sink.once(x, XmiTypeSystem::read);
                    } catch (IOException e) {
                        sink.problem(x, e.getMessage() + "; XMI features are read as text");
                        return null;
                    }
                }
            }
            if (dir.equals(stop)) {
                break;
            }
        }
        return null;
    }

    /** A feature structure: an element below {@code xmi:XMI}. */
    static final class Fs {
        String type;
        String id;
        /** Attributes without a namespace, in document order. */
        final Map<String, String> features = new LinkedHashMap<>();
        /** Features given as child elements (multi-valued). */
        final Set<String> multiValued = new HashSet<>();

        boolean has(String feature) {
            return features.containsKey(feature);
        }
    }

    /**
     * Parses an XMI document into its feature structures in document order.
     *
     * @throws XmiException when it is not well-formed XML or its root is not {@code xmi:XMI}
     */
    static List<Fs> parse(InputStream in) throws XmiException {
        List<Fs> out = new ArrayList<>();
        XMLStreamReader r = null;
        try {
            r = XmiTypeSystem.factory().createXMLStreamReader(in);
            r.nextTag();
            if (!XmiTypeSystem.XMI_NS.equals(r.getNamespaceURI()) || !r.getLocalName().equals("XMI")) {
                throw new XmiException("not UIMA XMI: the root element is <" + r.getName() + ">, not <xmi:XMI>", null);
            }
            int depth = 1;
            Fs fs = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 2) {
                        fs = new Fs();
                        fs.type = XmiTypeSystem.typeName(r.getNamespaceURI(), r.getLocalName());
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            String ns = r.getAttributeNamespace(i);
                            if (XmiTypeSystem.XMI_NS.equals(ns)) {
                                if (r.getAttributeLocalName(i).equals("id")) {
                                    fs.id = r.getAttributeValue(i);
                                }
                            } else if (ns == null || ns.isEmpty()) {
                                fs.features.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                            }
                        }
                        out.add(fs);
                    } else if (depth == 3 && fs != null) {
                        fs.multiValued.add(r.getLocalName());
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            String m = e.getMessage();
            int k = m == null ? -1 : m.indexOf("Message: ");
            m = k >= 0 ? m.substring(k + 9) : m;
            throw new XmiException("not well-formed XML" + (at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber())
                    + ": " + m, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // the stream is closed by the caller
                }
            }
        }
        return out;
    }

    /** The reading of one file. */
    private static final class Reading {
        final TextFormats.Sink sink;
        final Path file;
        final XmiTypeSystem ts;
        final Map<String, Fs> byId = new HashMap<>();
        final Map<String, Integer> notMapped = new LinkedHashMap<>();
        final Map<String, String> labelFeatures = new HashMap<>();
        final Map<String, String> spanIds = new HashMap<>();
        final List<Annotation> spans = new ArrayList<>();
        final List<Annotation> relations = new ArrayList<>();
        List<Fs> all;
        String text;
        CodePoints cp;

        Reading(TextFormats.Sink sink, Path file, XmiTypeSystem ts) {
            this.sink = sink;
            this.file = file;
            this.ts = ts == null ? new XmiTypeSystem() : ts;
        }

        void run(Path root) throws IOException, StoreException, XmiException {
            try (InputStream in = Files.newInputStream(file)) {
                all = parse(in);
            }
            for (Fs fs : all) {
                if (fs.id != null) {
                    byId.put(fs.id, fs);
                }
            }
            List<Fs> sofas = all.stream().filter(f -> f.type.equals("uima.cas.Sofa")).toList();
            if (sofas.isEmpty()) {
                throw new XmiException("no cas:Sofa: the file holds no document text", null);
            }
            Fs sofa = sofas.stream().filter(f -> "_InitialView".equals(f.features.get("sofaID"))).findFirst().orElse(sofas.get(0));
            text = sofa.features.get("sofaString");
            if (text == null) {
                throw new XmiException("the sofa '" + sofa.features.get("sofaID") + "' has no sofaString (a text outside the file is not read)", null);
            }
            if (sofas.size() > 1) {
                sink.problem(file, (sofas.size() - 1) + " other view(s) besides '" + sofa.features.get("sofaID") + "' are not read");
            }
            cp = new CodePoints(text);
            List<Fs> view = view(sofa);

            Set<String> chainLinkTypes = new HashSet<>();
            for (Fs fs : all) {
                if (fs.has("next")) {
                    chainLinkTypes.add(fs.type);
                }
                Fs first = fs.has("first") ? byId.get(fs.features.get("first")) : null;
                if (first != null) {
                    chainLinkTypes.add(first.type);
                }
            }
            List<int[]> tokens = new ArrayList<>(), sentences = new ArrayList<>();
            String language = null;
            List<Fs> relationFs = new ArrayList<>(), linkFs = new ArrayList<>();
            for (Fs fs : view) {
                String t = fs.type;
                if (t.startsWith("uima.cas.")) {
                    continue;
                }
                if (t.equals(XmiTypeSystem.DOCUMENT_ANNOTATION) || t.equals(XmiTypeSystem.DOCUMENT_META_DATA)
                        || ts.isA(t, XmiTypeSystem.DOCUMENT_ANNOTATION)) {
                    String l = fs.features.get("language");
                    if (l != null && !l.isBlank() && !l.equals("x-unspecified")) {
                        language = l;
                    }
                } else if (t.equals(XmiTypeSystem.TOKEN) || t.equals(XmiTypeSystem.SENTENCE)) {
                    int[] range = range(fs);
                    if (range != null) {
                        (t.equals(XmiTypeSystem.TOKEN) ? tokens : sentences).add(range);
                    }
                } else if (t.equals(XmiTypeSystem.DKPRO + "segmentation.type.Lemma")) {
                    count("lemmas");
                } else if (t.startsWith(XmiTypeSystem.DKPRO + "lexmorph.type.pos.")) {
                    count("part-of-speech tags");
                } else if (t.startsWith(XmiTypeSystem.DKPRO + "lexmorph.type.morph.")) {
                    count("morphological features");
                } else if (t.startsWith(XmiTypeSystem.DKPRO + "syntax.type.dependency.")) {
                    count("dependency relations");
                } else if (t.equals(XmiTypeSystem.DKPRO + "semantics.type.SemPred")) {
                    count("semantic predicates");
                } else if (t.equals(XmiTypeSystem.DKPRO + "semantics.type.SemArg")) {
                    count("semantic arguments");
                } else if (t.startsWith(XmiTypeSystem.NER) || ts.isA(t, XmiTypeSystem.NAMED_ENTITY)) {
                    span(fs, "value", false);
                } else if (t.startsWith(XmiTypeSystem.DKPRO)) {
                    count("annotations of type " + t);
                } else if (fs.has("Governor") && fs.has("Dependent")) {
                    relationFs.add(fs);
                } else if (chainLinkTypes.contains(t)) {
                    span(fs, "referenceType", true);
                    if (fs.has("next")) {
                        linkFs.add(fs);
                    }
                } else if (fs.has("first")) {
                    continue; // a chain: its links are read from their elements
                } else if (fs.has("begin") && fs.has("end")) {
                    span(fs, labelFeature(t), false);
                } else {
                    count("feature structures of type " + t);
                }
            }
            int r = 0;
            for (Fs fs : linkFs) {
                String from = spanIds.get(fs.id), to = spanIds.get(fs.features.get("next"));
                if (from == null || to == null) {
                    count("chain links to an element that is not an annotation of this view");
                    continue;
                }
                String rel = nonEmpty(fs.features.get("referenceRelation"));
                relations.add(TextFormats.relation("r" + (++r), rel == null ? NEXT : rel, Map.of(LAYER, fs.type), from, to, sink.annotator));
            }
            for (Fs fs : relationFs) {
                String from = end(fs.features.get("Governor")), to = end(fs.features.get("Dependent"));
                if (from == null || to == null) {
                    count("relations whose governor or dependent is not an annotation of the text");
                    continue;
                }
                String lf = labelFeature(fs.type);
                String label = lf == null ? null : nonEmpty(fs.features.get(lf));
                Map<String, Object> attrs = attributes(fs, lf, Set.of("Governor", "Dependent"));
                if (!fs.type.equals(XmiTypeSystem.RELATION)) {
                    attrs.put(LAYER, fs.type);
                }
                relations.add(TextFormats.relation("r" + (++r), label == null ? XmiTypeSystem.shortName(fs.type) : label, attrs, from, to,
                        sink.annotator));
            }
            notMapped.forEach((what, n) -> sink.problem(file, n + " " + what + " are not mapped"));

            Map<String, Object> assetMeta = new LinkedHashMap<>();
            if (language != null) {
                assetMeta.put("language", language);
            }
            if (!tokens.isEmpty()) {
                assetMeta = new Segmentation(ranges(tokens, "tokens"), ranges(sentences, "sentences")).addTo(assetMeta);
            }
            List<Annotation> anns = new ArrayList<>(spans);
            anns.addAll(relations);
            sink.add(file, TextFormats.documentName(root, file), text, assetMeta, Map.of(), anns);
        }

        /** The feature structures of the sofa's view: its members in document order, else those on the sofa. */
        private List<Fs> view(Fs sofa) {
            Fs v = all.stream().filter(f -> f.type.equals("uima.cas.View") && sofa.id != null && sofa.id.equals(f.features.get("sofa"))).findFirst()
                    .orElse(null);
            if (v == null) {
                return all.stream().filter(f -> sofa.id != null && sofa.id.equals(f.features.get("sofa"))).toList();
            }
            Set<String> members = new HashSet<>(List.of(v.features.getOrDefault("members", "").trim().split("\\s+")));
            return all.stream().filter(f -> f.id != null && members.contains(f.id)).toList();
        }

        private void count(String what) {
            notMapped.merge(what, 1, Integer::sum);
        }

        private static String nonEmpty(String s) {
            return s == null || s.isEmpty() ? null : s;
        }

        /** The UTF-16 range of an annotation; null, counted, when it has none inside the text. */
        private int[] range(Fs fs) {
            try {
                int b = Integer.parseInt(fs.features.getOrDefault("begin", "0"));
                int e = Integer.parseInt(fs.features.getOrDefault("end", "0"));
                if (b >= 0 && b <= e && e <= text.length()) {
                    return new int[] {b, e};
                }
            } catch (NumberFormatException ex) {
                // counted below
            }
            count("annotations outside the text");
            return null;
        }

        /**
         * The feature a custom type's label comes from: {@code value} when the type has it, else its
         * first (declared, or else met in the file) feature; null when it has none.
         */
        private String labelFeature(String type) {
            return labelFeatures.computeIfAbsent(type, t -> {
                XmiTypeSystem.Type declared = ts.types.get(t);
                if (declared != null) {
                    if (ts.range(t, "value") != null) {
                        return "value";
                    }
                    return declared.features().entrySet().stream().filter(e -> XmiTypeSystem.PRIMITIVE.contains(e.getValue())).map(Map.Entry::getKey)
                            .findFirst().orElse("");
                }
                String first = "";
                for (Fs fs : all) {
                    if (fs.type.equals(t)) {
                        if (fs.has("value")) {
                            return "value";
                        }
                        if (first.isEmpty()) {
                            first = fs.features.keySet().stream().filter(k -> !STRUCTURAL.contains(k) && !reference(t, k)).findFirst().orElse("");
                        }
                    }
                }
                return first;
            }).transform(s -> s.isEmpty() ? null : s);
        }

        /** Whether a feature refers to other feature structures (by its declared range, or as the links of relations and chains). */
        private boolean reference(String type, String feature) {
            if (Set.of("Governor", "Dependent", "next", "first").contains(feature)) {
                return true;
            }
            String range = ts.range(type, feature);
            return range != null && !XmiTypeSystem.PRIMITIVE.contains(range);
        }

        /** The features other than the label's and {@code skip} as attributes, typed by their declared range. */
        private Map<String, Object> attributes(Fs fs, String labelFeature, Set<String> skip) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            fs.features.forEach((k, v) -> {
                if (STRUCTURAL.contains(k) || k.equals(labelFeature) || skip.contains(k)) {
                    return;
                }
                if (reference(fs.type, k)) {
                    count("references to other feature structures (feature " + k + " of " + XmiTypeSystem.shortName(fs.type) + ")");
                    return;
                }
                attrs.put(k, typed(ts.range(fs.type, k), v));
            });
            for (String k : fs.multiValued) {
                count("multi-valued features (" + k + " of " + XmiTypeSystem.shortName(fs.type) + ")");
            }
            return attrs;
        }

        private static Object typed(String range, String v) {
            try {
                return switch (range == null ? "" : range) {
                    case "uima.cas.Boolean" -> Boolean.valueOf(v);
                    case "uima.cas.Integer", "uima.cas.Short", "uima.cas.Byte" -> Integer.valueOf(v);
                    case "uima.cas.Long" -> Long.valueOf(v);
                    case "uima.cas.Float", "uima.cas.Double" -> Double.valueOf(v);
                    default -> v;
                };
            } catch (NumberFormatException e) {
                return v;
            }
        }

        /** Makes a span of an annotation; {@code chain} for a chain element, whose {@code next} is a link and whose referenceRelation labels it. */
        private void span(Fs fs, String labelFeature, boolean chain) {
            int[] range = range(fs);
            if (range == null) {
                return;
            }
            String label = labelFeature == null ? null : nonEmpty(fs.features.get(labelFeature));
            Map<String, Object> attrs = attributes(fs, labelFeature, chain ? Set.of("next", "referenceRelation") : Set.of());
            if (chain && !fs.has("next") && nonEmpty(fs.features.get("referenceRelation")) != null) {
                attrs.put("referenceRelation", fs.features.get("referenceRelation"));
            }
            if (!fs.type.equals(XmiTypeSystem.NAMED_ENTITY)) {
                attrs.put(LAYER, fs.type);
            }
            addSpan(fs, label == null ? XmiTypeSystem.shortName(fs.type) : label, attrs, range);
        }

        private String addSpan(Fs fs, String label, Map<String, Object> attrs, int[] range) {
            String id = "s" + (spans.size() + 1);
            spans.add(TextFormats.span(id, label, attrs, cp.toCodePoint(range[0]), cp.toCodePoint(range[1]), text.substring(range[0], range[1]),
                    sink.annotator));
            if (fs.id != null) {
                spanIds.put(fs.id, id);
            }
            return id;
        }

        /** The span of a relation end: the end's own span, else one made for it labelled with its type's short name; null when it has no range. */
        private String end(String xmiId) {
            String id = spanIds.get(xmiId);
            if (id != null) {
                return id;
            }
            Fs fs = byId.get(xmiId);
            if (fs == null || !fs.has("begin") || !fs.has("end")) {
                return null;
            }
            int[] range = range(fs);
            if (range == null) {
                return null;
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            if (!fs.type.equals(XmiTypeSystem.NAMED_ENTITY)) {
                attrs.put(LAYER, fs.type);
            }
            return addSpan(fs, XmiTypeSystem.shortName(fs.type), attrs, range);
        }

        /** Token or sentence ranges in code points, in order; ranges overlapping an earlier one are dropped and reported. */
        private int[] ranges(List<int[]> utf16, String what) {
            List<int[]> sorted = new ArrayList<>(utf16);
            sorted.sort(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]));
            int[] out = new int[sorted.size() * 2];
            int n = 0, last = 0, dropped = 0;
            for (int[] r : sorted) {
                int b = cp.toCodePoint(r[0]), e = cp.toCodePoint(r[1]);
                if (b < last) {
                    dropped++;
                    continue;
                }
                out[n++] = b;
                out[n++] = e;
                last = e;
            }
            if (dropped > 0) {
                sink.problem(file, dropped + " " + what + " overlapping an earlier one were left out");
            }
            return Arrays.copyOf(out, n);
        }
    }
}
