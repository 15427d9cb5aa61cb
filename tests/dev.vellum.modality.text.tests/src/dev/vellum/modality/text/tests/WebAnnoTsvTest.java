package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelClass;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.io.WebAnnoTsvExporter;
import dev.vellum.modality.text.io.WebAnnoTsvImporter;
import dev.vellum.modality.text.model.CodePoints;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.Span;

/**
 * WebAnno TSV 3 against DKPro Core's ten reference cases, each checked against what its paired XMI
 * says the document holds, exported back byte for byte, and round trips of documents made in Vellum.
 */
class WebAnnoTsvTest {
    @TempDir
    Path tmp;

    static final String[] CASES = {"testAnnotationWithLeadingWhitespace", "testCrossSentenceSpanWithFeatureValue",
            "testMultiTokenSpanWithFeatureValue", "testMultiTokenStackedSpanWithFeatureValue", "testSentenceWithEmoji", "testSimpleChain",
            "testSingleTokenRelationWithFeatureValue", "testSubMultiTokenSpanWithFeatureValue", "testTokenBoundedSpanWithFeatureValue",
            "testTokenBoundedSpanWithNastyFeatureValue"};

    private static ImportReport importFiles(StoredProject p, List<Path> files) throws Exception {
        return new WebAnnoTsvImporter().importFiles(p, files, "mira", Progress.NONE);
    }

    // ------------------------------------------------------------------ what the XMI says

    /** What an XMI document holds, in code points: text, tokens, sentences, spans and relations as comparable lines. */
    record Expected(String text, int[] tokens, int[] sentences, List<String> spans, List<String> relations) {
    }

    /**
     * Reads a reference.xmi with the JDK's DOM parser (no DTDs, no external entities). Spans are the
     * named entities and custom spans ("begin-end value", value {@code null} when unset) and the
     * chain links ("begin-end referenceType"); relations are the custom relations ("governor ->
     * dependent value") and the chains' next links ("a -> b referenceRelation"). Leading and trailing
     * whitespace of a span is left out: TSV places spans on tokens, so DKPro's writer drops it.
     */
    static Expected expected(Path xmi) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setExpandEntityReferences(false);
        org.w3c.dom.Document dom = f.newDocumentBuilder().parse(xmi.toFile());
        NodeList all = dom.getDocumentElement().getChildNodes();
        String text = null;
        Map<String, Element> byId = new HashMap<>();
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            if (all.item(i).getNodeType() == Node.ELEMENT_NODE) {
                Element e = (Element) all.item(i);
                elements.add(e);
                byId.put(e.getAttributeNS("http://www.omg.org/XMI", "id"), e);
                if (e.getLocalName().equals("Sofa")) {
                    text = e.getAttribute("sofaString");
                }
            }
        }
        CodePoints cp = new CodePoints(text);
        String t = text;
        List<Integer> tokens = new ArrayList<>(), sentences = new ArrayList<>();
        Map<Integer, String> spans = new TreeMap<>();
        List<String> spanList = new ArrayList<>(), relations = new ArrayList<>();
        for (Element e : elements) {
            switch (e.getLocalName()) {
                case "Token" -> {
                    tokens.add(cp.toCodePoint(begin(e)));
                    tokens.add(cp.toCodePoint(end(e)));
                }
                case "Sentence" -> {
                    sentences.add(cp.toCodePoint(begin(e)));
                    sentences.add(cp.toCodePoint(end(e)));
                }
                case "NamedEntity", "Span" -> spanList.add(range(t, cp, e) + " " + value(e, "value"));
                case "SimpleLink" -> spanList.add(range(t, cp, e) + " " + value(e, "referenceType"));
                case "Relation" -> relations.add(range(t, cp, byId.get(e.getAttribute("Governor"))) + " -> "
                        + range(t, cp, byId.get(e.getAttribute("Dependent"))) + " " + value(e, "value"));
                case "SimpleChain" -> {
                    for (Element l = byId.get(e.getAttribute("first")); l != null && l.hasAttribute("next"); l = byId.get(l.getAttribute("next"))) {
                        relations.add(range(t, cp, l) + " -> " + range(t, cp, byId.get(l.getAttribute("next"))) + " " + value(l, "referenceRelation"));
                    }
                }
                default -> {
                }
            }
        }
        spanList.sort(null);
        relations.sort(null);
        return new Expected(text, tokens.stream().mapToInt(Integer::intValue).toArray(), sentences.stream().mapToInt(Integer::intValue).toArray(),
                spanList, relations);
    }

    private static int begin(Element e) {
        return Integer.parseInt(e.getAttribute("begin"));
    }

    private static int end(Element e) {
        return Integer.parseInt(e.getAttribute("end"));
    }

    private static String value(Element e, String feature) {
        return e.hasAttribute(feature) ? e.getAttribute(feature) : "null";
    }

    private static String range(String text, CodePoints cp, Element e) {
        int b = begin(e), en = end(e);
        while (b < en && Character.isWhitespace(text.charAt(b))) {
            b++;
        }
        while (en > b && Character.isWhitespace(text.charAt(en - 1))) {
            en--;
        }
        return cp.toCodePoint(b) + "-" + cp.toCodePoint(en);
    }

    // ------------------------------------------------------------------ what Vellum made of the TSV

    /** The feature value behind a span's or relation's label: null when the label is the layer's name (the value was unset). */
    private static String value(Annotation a, String defaultLayer) {
        String layer = a.attributes().get(WebAnnoTsvImporter.LAYER) instanceof String s ? s : defaultLayer;
        String shortName = layer.substring(layer.lastIndexOf('.') + 1);
        if (a.label().equals(shortName) || a.label().equals(WebAnnoTsvImporter.NEXT) && Relation.TYPE.equals(a.typeId())
                && !layer.equals(WebAnnoTsvImporter.RELATION)) {
            return "null";
        }
        return a.label();
    }

    @ParameterizedTest
    @ValueSource(strings = {"testAnnotationWithLeadingWhitespace", "testCrossSentenceSpanWithFeatureValue", "testMultiTokenSpanWithFeatureValue",
            "testMultiTokenStackedSpanWithFeatureValue", "testSentenceWithEmoji", "testSimpleChain", "testSingleTokenRelationWithFeatureValue",
            "testSubMultiTokenSpanWithFeatureValue", "testTokenBoundedSpanWithFeatureValue", "testTokenBoundedSpanWithNastyFeatureValue"})
    void eachReferenceCaseHoldsWhatItsXmiSays(String name) throws Exception {
        Path dir = StandoffFixtures.copy("webanno_tsv3/" + name, tmp);
        Expected x = expected(dir.resolve("reference.xmi"));
        try (StoredProject p = StandoffFixtures.project(tmp, "p")) {
            ImportReport r = importFiles(p, List.of(dir.resolve("reference.tsv")));
            assertEquals(List.of(), r.problems());
            assertEquals(1, r.itemsAdded());
            Item item = p.loadItem("reference");
            assertEquals("media/reference.txt", item.assets().get(0).uri());
            assertEquals("text", item.assets().get(0).modalityId());
            String text = StandoffFixtures.text(p, item);
            // DKPro's reader keeps the line break that ends the last sentence's #Text; so does Vellum.
            assertEquals(x.text() + "\n", text);
            assertEquals(text.codePointCount(0, text.length()), item.assets().get(0).metadata().get("characters"));
            Segmentation seg = Segmentation.fromAsset(item.assets().get(0));
            assertArrayEquals(x.tokens(), seg.tokens(), "tokens");
            assertArrayEquals(x.sentences(), seg.sentences(), "sentences");

            List<Annotation> anns = StandoffFixtures.annotations(p, "reference", "mira");
            Map<String, Span> spans = new LinkedHashMap<>();
            List<String> actualSpans = new ArrayList<>(), actualRelations = new ArrayList<>();
            for (Annotation a : anns) {
                if (a.typeId().equals(Span.TYPE)) {
                    Span s = StandoffFixtures.span(a);
                    spans.put(a.id(), s);
                    assertEquals(text.substring(text.offsetByCodePoints(0, s.start()), text.offsetByCodePoints(0, s.end())), s.text());
                    if (!"de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token".equals(a.attributes().get(WebAnnoTsvImporter.LAYER))) {
                        actualSpans.add(s.start() + "-" + s.end() + " " + value(a, WebAnnoTsvImporter.NAMED_ENTITY));
                    }
                }
            }
            for (Annotation a : anns) {
                if (a.typeId().equals(Relation.TYPE)) {
                    Relation rel = Relation.fromPayload(a.payload());
                    Span from = spans.get(rel.from()), to = spans.get(rel.to());
                    actualRelations.add(from.start() + "-" + from.end() + " -> " + to.start() + "-" + to.end() + " "
                            + value(a, WebAnnoTsvImporter.RELATION));
                }
            }
            actualSpans.sort(null);
            actualRelations.sort(null);
            assertEquals(x.spans(), actualSpans, "spans");
            assertEquals(x.relations(), actualRelations, "relations");
            assertTrue(!x.spans().isEmpty() || !x.relations().isEmpty(), "every case holds something");
        }
    }

    @Test
    void everyReferenceCaseIsWrittenBackByteForByte() throws Exception {
        Path root = StandoffFixtures.copy("webanno_tsv3", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "all")) {
            ImportReport r = importFiles(p, List.of(root));
            assertEquals(List.of(), r.problems());
            assertEquals(10, r.itemsAdded());
            Path out = tmp.resolve("out");
            ExportReport e = new WebAnnoTsvExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            assertEquals(10, e.itemsWritten());
            for (String c : CASES) {
                String itemId = c + "_reference";
                assertTrue(p.project().item(itemId).isPresent(), itemId + " named after its folder");
                assertEquals(Files.readString(root.resolve(c).resolve("reference.tsv")), Files.readString(out.resolve(itemId + ".tsv")), c);
            }
        }
    }

    @Test
    void stackedMultiTokenAndSubTokenSpansKeepTheirExtent() throws Exception {
        Path dir = StandoffFixtures.copy("webanno_tsv3/testSubMultiTokenSpanWithFeatureValue", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "sub")) {
            importFiles(p, List.of(dir.resolve("reference.tsv")));
            Map<String, String> byLabel = new TreeMap<>();
            for (Annotation a : StandoffFixtures.annotations(p, "reference", "mira")) {
                Span s = StandoffFixtures.span(a);
                byLabel.put(a.label(), s.start() + "-" + s.end() + " '" + s.text() + "'");
                assertEquals("webanno.custom.Span", a.attributes().get(WebAnnoTsvImporter.LAYER));
                assertEquals(Provenance.IMPORTED, a.provenance());
            }
            assertEquals("3-17 'aaa bbbbbb ccc'", byLabel.get("9"), "3 units: sub-token, token, sub-token");
            assertEquals("7-7 ''", byLabel.get("11"), "zero-width");
            assertEquals("13-13 ''", byLabel.get("12"), "zero-width at the token's end");
            assertEquals(12, byLabel.size());
            List<String> schema = p.project().schema("text").orElseThrow().classes().stream().map(LabelClass::name).toList();
            assertTrue(schema.containsAll(List.of("1", "2", "12")), schema.toString());
        }
    }

    @Test
    void chainsBecomeSpansLinkedByNextRelations() throws Exception {
        Path dir = StandoffFixtures.copy("webanno_tsv3/testSimpleChain", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "chain")) {
            importFiles(p, List.of(dir.resolve("reference.tsv")));
            List<Annotation> anns = StandoffFixtures.annotations(p, "reference", "mira");
            assertEquals(List.of("SimpleLink", "SimpleLink", "SimpleLink", "next", "next"), anns.stream().map(Annotation::label).toList());
            assertEquals(List.of("This", "is", "a"), anns.subList(0, 3).stream().map(a -> StandoffFixtures.span(a).text()).toList());
            Relation first = Relation.fromPayload(anns.get(3).payload());
            assertEquals(List.of(anns.get(0).id(), anns.get(1).id()), List.of(first.from(), first.to()));
            assertEquals("webanno.custom.SimpleLink", anns.get(4).attributes().get(WebAnnoTsvImporter.LAYER));
        }
    }

    @Test
    void aRelationOnTokensMakesTokenSpansForItsEnds() throws Exception {
        Path dir = StandoffFixtures.copy("webanno_tsv3/testSingleTokenRelationWithFeatureValue", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "rel")) {
            importFiles(p, List.of(dir.resolve("reference.tsv")));
            List<Annotation> anns = StandoffFixtures.annotations(p, "reference", "mira");
            assertEquals(3, anns.size());
            Annotation rel = anns.get(2);
            assertEquals("nsubj", rel.label());
            assertEquals(Map.of(), rel.attributes(), "the default relation layer is not named");
            Relation r = Relation.fromPayload(rel.payload());
            assertEquals(".", StandoffFixtures.span(anns.stream().filter(a -> a.id().equals(r.to())).findFirst().orElseThrow()).text());
            assertEquals("This", StandoffFixtures.span(anns.stream().filter(a -> a.id().equals(r.from())).findFirst().orElseThrow()).text());
            assertEquals("Token", anns.get(0).label());
        }
    }

    // ------------------------------------------------------------------ documents made in Vellum

    private static Annotation span(String id, String label, Map<String, Object> attrs, String text, int start, int end) {
        int s = text.offsetByCodePoints(0, start), e = text.offsetByCodePoints(0, end);
        return new Annotation(id, Span.TYPE, label, attrs, 1, new Span(start, end, text.substring(s, e)).toPayload(), Provenance.HUMAN, "ana",
                Instant.now(), null);
    }

    private static Annotation relation(String id, String label, String from, String to) {
        return new Annotation(id, Relation.TYPE, label, Map.of(), 1, new Relation(from, to).toPayload(), Provenance.HUMAN, "ana", Instant.now(), null);
    }

    /** Spans and relations as comparable lines, ids replaced by the spans' ranges. */
    static List<String> comparable(List<Annotation> anns) {
        Map<String, String> range = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (Annotation a : anns) {
            if (a.typeId().equals(Span.TYPE)) {
                Span s = Span.fromPayload(a.payload());
                range.put(a.id(), s.start() + "-" + s.end());
                out.add("span " + s.start() + "-" + s.end() + " '" + s.text() + "' " + a.label() + " " + new TreeMap<>(a.attributes()));
            }
        }
        for (Annotation a : anns) {
            if (a.typeId().equals(Relation.TYPE)) {
                Relation r = Relation.fromPayload(a.payload());
                out.add("rel " + range.get(r.from()) + " -> " + range.get(r.to()) + " " + a.label() + " " + new TreeMap<>(a.attributes()));
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void aVellumDocumentWithAstralCharactersNestingAndReservedCharactersRoundTrips() throws Exception {
        // 😀 and 𝔘 are astral: one code point, two UTF-16 units
        String text = "Ana \uD83D\uDE00 Ruiz works at ACME [Inc] in \uD835\uDD18lm.\nShe|he said: a_b -> *c* \\ done;\n";
        try (StoredProject p = StandoffFixtures.project(tmp, "src")) {
            p.documents().write("media/doc.txt", text);
            Item item = new Item("doc", "", List.of(new Asset("media/doc.txt", "text", "", Map.of())), Map.of(), null, null);
            AnnotationSet set = AnnotationSet.start("ana", 0);
            set.insert(-1, span("a", "PER", Map.of(), text, 0, 10)); // Ana 😀 Ruiz
            set.insert(-1, span("b", "PER", Map.of("identifier", "Q1"), text, 0, 3)); // nested in a
            set.insert(-1, span("c", "ORG", Map.of(), text, 20, 30)); // ACME [Inc]
            set.insert(-1, span("d", "LOC|x_y[1]->*\\;", Map.of(), text, 34, 37)); // 𝔘lm, a nasty label
            set.insert(-1, span("e", "PART", Map.of("note", "tab\there"), text, 21, 23)); // inside a token: sub-token
            set.insert(-1, span("f", "ORG", Map.of(), text, 20, 24)); // nested in c
            set.insert(-1, span("g", "MISC", Map.of(), text, 7, 13)); // "uiz wo": overlaps a, sub-tokens at both ends
            set.insert(-1, relation("r1", "works_for", "a", "c"));
            set.insert(-1, relation("r2", "in", "c", "d"));
            item.putSet(set);
            p.saveItem(item);
            Path out = tmp.resolve("tsv");
            ExportReport e = new WebAnnoTsvExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
            assertEquals(List.of(), e.problems());
            String tsv = Files.readString(out.resolve("doc.tsv"));
            assertTrue(tsv.startsWith("#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value|note\n"
                    + "#T_RL=webanno.custom.Relation|value|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\n\n\n#Text=Ana"), tsv);
            assertTrue(tsv.contains("LOC\\|x\\_y\\[1\\]\\->\\*\\\\\\;"), "reserved characters escaped: " + tsv);
            assertTrue(tsv.contains("tab\\there"), tsv);
            assertTrue(tsv.contains("#Text=She|he said: a_b -> *c* \\\\ done;\n"), "only the backslash is escaped in #Text: " + tsv);
            assertTrue(tsv.contains("\t4-6\t\uD83D\uDE00\t"), "UTF-16 offsets: " + tsv);

            try (StoredProject q = StandoffFixtures.project(tmp, "back")) {
                ImportReport r = importFiles(q, List.of(out.resolve("doc.tsv")));
                assertEquals(List.of(), r.problems());
                assertEquals(text, StandoffFixtures.text(q, q.loadItem("doc")), "one sentence per line: the text comes back whole");
                assertEquals(comparable(set.annotations()), comparable(StandoffFixtures.annotations(q, "doc", "mira")));
            }
        }
    }

    @Test
    void whatTsvCannotHoldIsReported() throws Exception {
        String text = "Title\n\nBody  text here.";
        try (StoredProject p = StandoffFixtures.project(tmp, "lossy")) {
            p.documents().write("media/lossy.txt", text);
            // the segmentation leaves "Title" outside every sentence
            Map<String, Object> meta = new Segmentation(new int[] {7, 11, 13, 17, 18, 22, 22, 23}, new int[] {7, 23}).addTo(Map.of());
            Item item = new Item("lossy", "", List.of(new Asset("media/lossy.txt", "text", "", meta)), Map.of(), null, null);
            AnnotationSet a = AnnotationSet.start("ana", 0);
            a.insert(-1, span("s1", "X", Map.of(), text, 12, 15)); // starts on a space between tokens
            a.insert(-1, relation("r1", "rel", "s1", "gone"));
            item.putSet(a);
            AnnotationSet b = AnnotationSet.start("bob", 0);
            item.putSet(b);
            p.saveItem(item);
            ExportReport e = new WebAnnoTsvExporter().exportWithReport(p, new FormatExporter.Options(null, false), tmp.resolve("o"), Progress.NONE);
            List<String> messages = e.problems().stream().map(ExportReport.Problem::message).toList();
            assertEquals(4, messages.size(), messages.toString());
            assertTrue(messages.get(0).startsWith("WebAnno TSV holds one annotation set per document"), messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.startsWith("characters outside the sentences")), messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.contains("starts or ends between tokens; written as 13-15")), messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.startsWith("relation 'r1' connects an annotation that is not a written span")),
                    messages.toString());
        }
    }

    @Test
    void aMalformedLineIsAnErrorNamingFileAndLine() throws Exception {
        Path f = tmp.resolve("bad.tsv");
        Files.writeString(f, "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|value\n\n\n#Text=a b\n1-1\t0-1\ta\tX\t\n1-2\t2-3\n");
        try (StoredProject p = StandoffFixtures.project(tmp, "bad")) {
            IOException e = assertThrows(IOException.class, () -> importFiles(p, List.of(f)));
            assertEquals(f + ": line 7: expected 4 tab-separated fields (id, offsets, token and 1 columns of the header), found 2", e.getMessage());
            Files.writeString(f, "#FORMAT=WebAnno TSV 3.3\n#T_RL=webanno.custom.Relation|value|BT_webanno.custom.Span\n\n\n#Text=a\n1-1\t0-1\ta\tx\t9-9\t\n");
            e = assertThrows(IOException.class, () -> importFiles(p, List.of(f)));
            assertTrue(e.getMessage().startsWith(f + ": line 6: relation Relation points to unit '9-9'"), e.getMessage());
            Files.writeString(f, "plain text\n");
            e = assertThrows(IOException.class, () -> importFiles(p, List.of(f)));
            assertEquals(f + ": line 1: expected '#FORMAT=WebAnno TSV 3.x', found 'plain text'", e.getMessage());
            assertEquals(0, p.project().itemCount(), "nothing imported");
        }
    }

    @Test
    void aFolderWithABrokenFileReportsItAndImportsTheRest() throws Exception {
        Path root = StandoffFixtures.copy("webanno_tsv3/testSimpleChain", tmp);
        Files.writeString(root.resolve("broken.tsv"), "#FORMAT=WebAnno TSV 3.3\n\n\n1-1\t0-1\ta\t\n");
        try (StoredProject p = StandoffFixtures.project(tmp, "mixed")) {
            ImportReport r = importFiles(p, List.of(root));
            assertEquals(1, r.itemsAdded());
            assertEquals(1, r.problems().size());
            assertEquals(root.resolve("broken.tsv").toString(), r.problems().get(0).file());
            assertTrue(r.problems().get(0).message().startsWith("line 4: token line before any #Text= line"), r.problems().get(0).message());
        }
    }

    @Test
    void theSameDocumentImportedByTwoAnnotatorsIsOneItemWithTwoSets() throws Exception {
        Path dir = StandoffFixtures.copy("webanno_tsv3/testMultiTokenSpanWithFeatureValue", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "two")) {
            importFiles(p, List.of(dir.resolve("reference.tsv")));
            ImportReport r = new WebAnnoTsvImporter().importFiles(p, List.of(dir.resolve("reference.tsv")), "bob", Progress.NONE);
            assertEquals(0, r.itemsAdded());
            assertEquals(1, r.annotationsAdded());
            assertEquals(2, p.loadItem("reference").sets().size());
            // another text under the same name gets an item of its own
            Path other = tmp.resolve("x/reference.tsv");
            Files.createDirectories(other.getParent());
            Files.writeString(other, "#FORMAT=WebAnno TSV 3.3\n\n\n#Text=Other\n1-1\t0-5\tOther\t\n");
            r = importFiles(p, List.of(other));
            assertEquals(1, r.itemsAdded());
            assertEquals("Other\n", StandoffFixtures.text(p, p.loadItem("reference-2")));
        }
    }
}
