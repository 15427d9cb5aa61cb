package dev.vellum.modality.text.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

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
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.text.io.WebAnnoTsvImporter;
import dev.vellum.modality.text.io.XmiExporter;
import dev.vellum.modality.text.io.XmiImporter;
import dev.vellum.modality.text.model.CodePoints;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Segmentation;
import dev.vellum.modality.text.model.Span;
import dev.vellum.modality.text.tokenize.Tokenizers;

/**
 * UIMA CAS XMI against DKPro Core's english.xmi and the ten WebAnno reference XMI files (each
 * compared with what the WebAnno TSV importer makes of its paired TSV), round trips, bad input, and
 * a document with astral characters.
 */
class XmiTest {
    private static final String XMI = "http://www.omg.org/XMI";
    private static final String DKPRO = "http:///de/tudarmstadt/ukp/dkpro/core/api/";
    private static final String PERSON = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.Person";

    @TempDir
    Path tmp;

    private static ImportReport importXmi(StoredProject p, List<Path> files) throws Exception {
        return new XmiImporter().importFiles(p, files, "mira", Progress.NONE);
    }

    private static ExportReport exportXmi(StoredProject p, Path out) throws Exception {
        return new XmiExporter().exportWithReport(p, new FormatExporter.Options(null, false), out, Progress.NONE);
    }

    // ------------------------------------------------------------------ the XMI as the test reads it

    private static org.w3c.dom.Document dom(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    /** The elements below xmi:XMI. */
    private static List<Element> elements(Path file) throws Exception {
        NodeList all = dom(file).getDocumentElement().getChildNodes();
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            if (all.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) all.item(i));
            }
        }
        return out;
    }

    private static String sofaString(List<Element> elements) {
        return elements.stream().filter(e -> e.getLocalName().equals("Sofa")).findFirst().orElseThrow().getAttribute("sofaString");
    }

    private static int[] codePointRanges(List<Element> elements, String localName, CodePoints cp) {
        return elements.stream().filter(e -> e.getLocalName().equals(localName))
                .flatMapToInt(e -> java.util.stream.IntStream.of(cp.toCodePoint(Integer.parseInt(e.getAttribute("begin"))),
                        cp.toCodePoint(Integer.parseInt(e.getAttribute("end")))))
                .toArray();
    }

    private static long count(List<Element> elements, String namespacePrefix) {
        return elements.stream().filter(e -> e.getNamespaceURI().startsWith(namespacePrefix)).count();
    }

    // ------------------------------------------------------------------ english.xmi

    @Test
    void englishXmiImportsItsTextTokensSentencesAndPersons() throws Exception {
        Path dir = StandoffFixtures.copy("xmi", tmp);
        Path file = dir.resolve("english.xmi");
        List<Element> xmi = elements(file);
        String sofa = sofaString(xmi);
        CodePoints cp = new CodePoints(sofa);
        try (StoredProject p = StandoffFixtures.project(tmp, "en")) {
            ImportReport r = importXmi(p, List.of(file));
            assertEquals(1, r.itemsAdded());
            Item item = p.loadItem("english");
            Asset asset = item.assets().get(0);
            assertEquals("media/english.txt", asset.uri());
            assertEquals(sofa, StandoffFixtures.text(p, item), "the sofa string exactly, line breaks included");
            assertTrue(sofa.contains("\n"));
            assertEquals("en", asset.metadata().get("language"));
            Segmentation seg = Segmentation.fromAsset(asset);
            assertEquals(53, seg.tokenCount());
            assertEquals(4, seg.sentenceCount());
            assertArrayEquals(codePointRanges(xmi, "Token", cp), seg.tokens());
            assertArrayEquals(codePointRanges(xmi, "Sentence", cp), seg.sentences());

            List<String> expected = new ArrayList<>();
            for (Element e : xmi) {
                if (e.getLocalName().equals("Person")) {
                    int b = Integer.parseInt(e.getAttribute("begin")), en = Integer.parseInt(e.getAttribute("end"));
                    expected.add(cp.toCodePoint(b) + "-" + cp.toCodePoint(en) + " '" + sofa.substring(b, en) + "' " + e.getAttribute("value") + " "
                            + Map.of("layer", PERSON));
                }
            }
            assertEquals(4, expected.size());
            List<String> actual = new ArrayList<>();
            for (Annotation a : StandoffFixtures.annotations(p, "english", "mira")) {
                Span s = StandoffFixtures.span(a);
                actual.add(s.start() + "-" + s.end() + " '" + s.text() + "' " + a.label() + " " + a.attributes());
                assertEquals(Provenance.IMPORTED, a.provenance());
            }
            assertEquals(expected, actual);
            assertEquals(4, r.annotationsAdded());

            // not mapped: once per kind, counted, not once per token
            // in the order the file holds them: its POS elements come before its lemmas
            List<String> expectedProblems = List.of(count(xmi, DKPRO + "lexmorph/type/pos.ecore") + " part-of-speech tags are not mapped",
                    count(xmi, DKPRO + "segmentation/type.ecore") - 53 - 4 + " lemmas are not mapped",
                    count(xmi, DKPRO + "syntax/type/dependency.ecore") + " dependency relations are not mapped",
                    xmi.stream().filter(e -> e.getLocalName().equals("SemPred")).count() + " semantic predicates are not mapped",
                    xmi.stream().filter(e -> e.getLocalName().equals("SemArg")).count() + " semantic arguments are not mapped");
            assertEquals(expectedProblems, r.problems().stream().map(ImportReport.Problem::message).toList());
            assertTrue(r.problems().stream().allMatch(x -> x.file().equals(file.toString())));
            assertEquals(List.of("53 part-of-speech tags are not mapped", "53 lemmas are not mapped", "39 dependency relations are not mapped",
                    "6 semantic predicates are not mapped", "16 semantic arguments are not mapped"), expectedProblems, "what the file holds");
        }
    }

    @Test
    void englishXmiRoundTrips() throws Exception {
        Path dir = StandoffFixtures.copy("xmi", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "a"); StoredProject q = StandoffFixtures.project(tmp, "b")) {
            importXmi(p, List.of(dir.resolve("english.xmi")));
            Path out = tmp.resolve("out");
            ExportReport e = exportXmi(p, out);
            assertEquals(List.of(), e.problems());
            assertEquals(1, e.itemsWritten());
            assertValidAgainstTypeSystem(out.resolve("english.xmi"), out.resolve(XmiExporter.TYPE_SYSTEM));
            ImportReport r = importXmi(q, List.of(out));
            assertEquals(List.of(), r.problems());
            assertSameDocument(p, q, "english");
        }
    }

    private static void assertSameDocument(StoredProject p, StoredProject q, String id) throws Exception {
        Item a = p.loadItem(id), b = q.loadItem(id);
        assertEquals(StandoffFixtures.text(p, a), StandoffFixtures.text(q, b), id);
        assertEquals(a.assets().get(0).metadata(), b.assets().get(0).metadata(), id + ": length, language, tokens, sentences");
        assertEquals(WebAnnoTsvTest.comparable(StandoffFixtures.annotations(p, id, "mira")), WebAnnoTsvTest.comparable(StandoffFixtures.annotations(q, id, "mira")),
                id);
    }

    /** Every element type and feature in the XMI is declared in the type system (or is UIMA's own). */
    private static void assertValidAgainstTypeSystem(Path xmi, Path typeSystem) throws Exception {
        Map<String, String> supertypes = new HashMap<>();
        Map<String, Set<String>> features = new HashMap<>();
        NodeList types = dom(typeSystem).getElementsByTagNameNS("http://uima.apache.org/resourceSpecifier", "typeDescription");
        for (int i = 0; i < types.getLength(); i++) {
            Element t = (Element) types.item(i);
            String name = child(t, "name").getTextContent();
            supertypes.put(name, child(t, "supertypeName").getTextContent());
            Set<String> f = new HashSet<>();
            NodeList fs = t.getElementsByTagNameNS("http://uima.apache.org/resourceSpecifier", "featureDescription");
            for (int k = 0; k < fs.getLength(); k++) {
                f.add(child((Element) fs.item(k), "name").getTextContent());
            }
            features.put(name, f);
        }
        features.put("uima.cas.AnnotationBase", Set.of("sofa"));
        supertypes.put("uima.tcas.Annotation", "uima.cas.AnnotationBase");
        features.put("uima.tcas.Annotation", Set.of("begin", "end"));
        supertypes.put("uima.tcas.DocumentAnnotation", "uima.tcas.Annotation");
        features.put("uima.tcas.DocumentAnnotation", Set.of("language"));
        for (Element e : elements(xmi)) {
            String ns = e.getNamespaceURI();
            if (ns.equals("http:///uima/cas.ecore")) {
                continue;
            }
            String type = ns.substring("http:///".length(), ns.length() - ".ecore".length()).replace('/', '.') + "." + e.getLocalName();
            assertTrue(supertypes.containsKey(type), type + " is declared");
            for (int i = 0; i < e.getAttributes().getLength(); i++) {
                Node at = e.getAttributes().item(i);
                if (XMI.equals(at.getNamespaceURI())) {
                    continue;
                }
                boolean declared = false;
                for (String t = type; t != null && !declared; t = supertypes.get(t)) {
                    declared = features.getOrDefault(t, Set.of()).contains(at.getLocalName());
                }
                assertTrue(declared, type + "." + at.getLocalName() + " is declared");
            }
        }
    }

    private static Element child(Element e, String name) {
        NodeList l = e.getChildNodes();
        for (int i = 0; i < l.getLength(); i++) {
            if (l.item(i) instanceof Element c && c.getLocalName().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + e.getLocalName() + ">");
    }

    // ------------------------------------------------------------------ the WebAnno reference XMI files

    /** A span's or relation's feature value: null when its label is its layer's short name (the value was unset). */
    private static String value(Annotation a, String defaultLayer) {
        String layer = a.attributes().get(WebAnnoTsvImporter.LAYER) instanceof String s ? s : defaultLayer;
        String shortName = layer.substring(layer.lastIndexOf('.') + 1);
        if (a.label().equals(shortName)
                || a.label().equals(WebAnnoTsvImporter.NEXT) && Relation.TYPE.equals(a.typeId()) && !layer.equals(WebAnnoTsvImporter.RELATION)) {
            return "null";
        }
        return a.label();
    }

    /** Spans and relations as "start-end value" and "start-end -> start-end value", optionally without whitespace at span ends. */
    private static List<String> spansAndRelations(List<Annotation> anns, String text, boolean trim) {
        Map<String, String> range = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (Annotation a : anns) {
            if (a.typeId().equals(Span.TYPE)) {
                Span s = StandoffFixtures.span(a);
                int b = s.start(), e = s.end();
                while (trim && b < e && Character.isWhitespace(text.codePointAt(text.offsetByCodePoints(0, b)))) {
                    b++;
                }
                range.put(a.id(), b + "-" + e);
                out.add("span " + b + "-" + e + " " + value(a, WebAnnoTsvImporter.NAMED_ENTITY));
            }
        }
        for (Annotation a : anns) {
            if (a.typeId().equals(Relation.TYPE)) {
                Relation r = Relation.fromPayload(a.payload());
                out.add("rel " + range.get(r.from()) + " -> " + range.get(r.to()) + " " + value(a, WebAnnoTsvImporter.RELATION));
            }
        }
        out.sort(null);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"testAnnotationWithLeadingWhitespace", "testCrossSentenceSpanWithFeatureValue", "testMultiTokenSpanWithFeatureValue",
            "testMultiTokenStackedSpanWithFeatureValue", "testSentenceWithEmoji", "testSimpleChain", "testSingleTokenRelationWithFeatureValue",
            "testSubMultiTokenSpanWithFeatureValue", "testTokenBoundedSpanWithFeatureValue", "testTokenBoundedSpanWithNastyFeatureValue"})
    void eachReferenceXmiHoldsWhatTheTsvImporterReadsFromItsTsv(String name) throws Exception {
        Path dir = StandoffFixtures.copy("webanno_tsv3/" + name, tmp);
        try (StoredProject x = StandoffFixtures.project(tmp, "x"); StoredProject t = StandoffFixtures.project(tmp, "t")) {
            ImportReport rx = importXmi(x, List.of(dir.resolve("reference.xmi")));
            assertEquals(List.of(), rx.problems());
            new WebAnnoTsvImporter().importFiles(t, List.of(dir.resolve("reference.tsv")), "mira", Progress.NONE);
            Item ix = x.loadItem("reference"), it = t.loadItem("reference");
            String text = StandoffFixtures.text(x, ix);
            assertEquals(sofaString(elements(dir.resolve("reference.xmi"))), text);
            // DKPro's TSV reader ends the text with the last sentence's line break
            assertEquals(text + "\n", StandoffFixtures.text(t, it));
            Segmentation sx = Segmentation.fromAsset(ix.assets().get(0)), st = Segmentation.fromAsset(it.assets().get(0));
            assertArrayEquals(st.tokens(), sx.tokens(), "tokens");
            assertArrayEquals(st.sentences(), sx.sentences(), "sentences");
            List<Annotation> fromXmi = StandoffFixtures.annotations(x, "reference", "mira");
            List<Annotation> fromTsv = StandoffFixtures.annotations(t, "reference", "mira");
            assertFalse(fromXmi.isEmpty());
            // TSV places spans on tokens, so DKPro's writer dropped the leading space the XMI span has
            assertEquals(spansAndRelations(fromTsv, text, false), spansAndRelations(fromXmi, text, true), name);
            if (name.equals("testAnnotationWithLeadingWhitespace")) {
                assertEquals(List.of("span 4-8 null"), spansAndRelations(fromXmi, text, false), "the XMI span is kept as it is");
            }
        }
    }

    @Test
    void theReferenceFolderImportsWithItsTypeSystemAndRoundTrips() throws Exception {
        Path root = StandoffFixtures.copy("webanno_tsv3", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "all"); StoredProject q = StandoffFixtures.project(tmp, "back")) {
            ImportReport r = importXmi(p, List.of(root));
            assertEquals(List.of(), r.problems());
            assertEquals(10, r.itemsAdded());
            Path out = tmp.resolve("out");
            ExportReport e = exportXmi(p, out);
            assertEquals(List.of(), e.problems());
            assertEquals(10, e.itemsWritten());
            try (Stream<Path> files = Files.list(out)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".xmi")).toList()) {
                    assertValidAgainstTypeSystem(f, out.resolve(XmiExporter.TYPE_SYSTEM));
                }
            }
            ImportReport back = importXmi(q, List.of(out));
            assertEquals(List.of(), back.problems());
            assertEquals(10, back.itemsAdded());
            for (String c : WebAnnoTsvTest.CASES) {
                assertSameDocument(p, q, c + "_reference");
            }
            // the chain comes back as a chain: links with next, one SimpleChain pointing at the first
            List<Element> chain = elements(out.resolve("testSimpleChain_reference.xmi"));
            assertEquals(3, chain.stream().filter(x -> x.getLocalName().equals("SimpleLink")).count());
            assertEquals(2, chain.stream().filter(x -> x.getLocalName().equals("SimpleLink") && x.hasAttribute("next")).count());
            assertEquals(1, chain.stream().filter(x -> x.getLocalName().equals("SimpleChain")).count());
            // the relation on tokens points at the Token elements themselves
            List<Element> rel = elements(out.resolve("testSingleTokenRelationWithFeatureValue_reference.xmi"));
            Element relation = rel.stream().filter(x -> x.getLocalName().equals("Relation")).findFirst().orElseThrow();
            Map<String, Element> byId = new HashMap<>();
            rel.forEach(x -> byId.put(x.getAttributeNS(XMI, "id"), x));
            assertEquals("Token", byId.get(relation.getAttribute("Governor")).getLocalName());
            assertEquals("0", byId.get(relation.getAttribute("Governor")).getAttribute("begin"));
            assertEquals("15", byId.get(relation.getAttribute("Dependent")).getAttribute("begin"));
            assertEquals("nsubj", relation.getAttribute("value"));
        }
    }

    // ------------------------------------------------------------------ documents made in Vellum

    private static int cpIndex(String text, String part) {
        int i = text.indexOf(part);
        assertTrue(i >= 0, part);
        return text.codePointCount(0, i);
    }

    private static Annotation span(String id, String label, Map<String, Object> attrs, String text, String part) {
        int start = cpIndex(text, part), end = start + part.codePointCount(0, part.length());
        return new Annotation(id, Span.TYPE, label, attrs, 1, new Span(start, end, part).toPayload(), Provenance.HUMAN, "ana", Instant.now(), null);
    }

    private static Annotation relation(String id, String label, Map<String, Object> attrs, String from, String to) {
        return new Annotation(id, Relation.TYPE, label, attrs, 1, new Relation(from, to).toPayload(), Provenance.HUMAN, "ana", Instant.now(), null);
    }

    @Test
    void anEmojiDocumentRoundTripsWithExactCodePointOffsets() throws Exception {
        // a ZWJ family (5 code points, 8 UTF-16 units), a flag, an emoji, a mathematical letter; quotes, markup, tab and line break
        String family = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        String flag = "\uD83C\uDDE9\uD83C\uDDEA";
        String smile = "\uD83D\uDE0A";
        String text = "Ana " + family + " met " + flag + " Bob " + smile + " in \uD835\uDD18lm.\nZo\u00EB said \"<&>\"\tthen left.\n";
        try (StoredProject p = StandoffFixtures.project(tmp, "src"); StoredProject q = StandoffFixtures.project(tmp, "dst")) {
            p.documents().write("media/emoji.txt", text);
            Item item = new Item("emoji", "", List.of(new Asset("media/emoji.txt", "text", "", Map.of("language", "en"))), Map.of(), null, null);
            AnnotationSet set = AnnotationSet.start("mira", 0);
            Map<String, Object> rich = new LinkedHashMap<>();
            rich.put("note", "two & <more>");
            rich.put("confident", true);
            rich.put("rank", 3);
            set.insert(-1, span("a", "PER", Map.of(), text, "Ana"));
            set.insert(-1, span("b", "FAMILY", rich, text, family));
            set.insert(-1, span("c", "LOC", Map.of(), text, flag));
            set.insert(-1, span("d", "PER", Map.of(), text, "Bob " + smile));
            set.insert(-1, span("e", "EMO", Map.of(), text, smile)); // nested in d
            set.insert(-1, span("f", "Location", Map.of("layer", "de.tudarmstadt.ukp.dkpro.core.api.ner.type.Location"), text, "\uD835\uDD18lm"));
            set.insert(-1, span("g", "QUOTE", Map.of("layer", "webanno.custom.Quote"), text, "\"<&>\"\tthen"));
            set.insert(-1, relation("r1", "meets", Map.of(), "a", "d"));
            set.insert(-1, relation("r2", "in", Map.of("layer", "webanno.custom.Located"), "d", "f"));
            item.putSet(set);
            p.saveItem(item);

            Path out = tmp.resolve("xmi");
            ExportReport e = exportXmi(p, out);
            assertEquals(List.of(), e.problems());
            Path file = out.resolve("emoji.xmi");
            assertValidAgainstTypeSystem(file, out.resolve(XmiExporter.TYPE_SYSTEM));
            List<Element> xmi = elements(file);
            assertEquals(text, sofaString(xmi), "the text exactly, tab and line breaks included");
            // offsets in the file are UTF-16 units
            Element fam = xmi.stream().filter(x -> "FAMILY".equals(x.getAttribute("value"))).findFirst().orElseThrow();
            assertEquals(text.indexOf(family), Integer.parseInt(fam.getAttribute("begin")));
            assertEquals(text.indexOf(family) + family.length(), Integer.parseInt(fam.getAttribute("end")));
            assertEquals("true", fam.getAttribute("confident"));
            Element relation = xmi.stream().filter(x -> x.getLocalName().equals("Relation")).findFirst().orElseThrow();
            assertEquals("http:///webanno/custom.ecore", relation.getNamespaceURI());
            assertEquals("meets", relation.getAttribute("value"));
            Map<String, Element> byId = new HashMap<>();
            xmi.forEach(x -> byId.put(x.getAttributeNS(XMI, "id"), x));
            assertEquals("Ana", text.substring(Integer.parseInt(byId.get(relation.getAttribute("Governor")).getAttribute("begin")),
                    Integer.parseInt(byId.get(relation.getAttribute("Governor")).getAttribute("end"))));
            assertEquals("NamedEntity", byId.get(relation.getAttribute("Dependent")).getLocalName());
            Element view = xmi.stream().filter(x -> x.getLocalName().equals("View")).findFirst().orElseThrow();
            Set<String> members = Set.of(view.getAttribute("members").split(" "));
            for (Element x : xmi) {
                String ns = x.getNamespaceURI();
                if (!ns.equals("http:///uima/cas.ecore")) {
                    assertTrue(members.contains(x.getAttributeNS(XMI, "id")), x.getLocalName() + " is indexed");
                }
            }

            ImportReport r = importXmi(q, List.of(out));
            assertEquals(List.of(), r.problems());
            Item back = q.loadItem("emoji");
            assertEquals(text, StandoffFixtures.text(q, back));
            assertEquals("en", back.assets().get(0).metadata().get("language"));
            assertEquals(Tokenizers.forProject(p.project()).segment(text), Segmentation.fromAsset(back.assets().get(0)),
                    "the project tokenizer's tokens and sentences were written");
            List<Annotation> anns = StandoffFixtures.annotations(q, "emoji", "mira");
            assertEquals(WebAnnoTsvTest.comparable(set.annotations()), WebAnnoTsvTest.comparable(anns));
            Span f = StandoffFixtures.span(anns.stream().filter(a -> a.label().equals("FAMILY")).findFirst().orElseThrow());
            assertEquals(4, f.start(), "code points");
            assertEquals(9, f.end(), "code points");
            Annotation b = anns.stream().filter(a -> a.label().equals("FAMILY")).findFirst().orElseThrow();
            assertEquals(Boolean.TRUE, b.attributes().get("confident"), "a boolean comes back a boolean, typed by the type system");
            assertEquals(3, ((Number) b.attributes().get("rank")).intValue());
        }
    }

    @Test
    void whatXmiCannotHoldIsReported() throws Exception {
        String text = "Ada met Bob.";
        try (StoredProject p = StandoffFixtures.project(tmp, "lossy")) {
            p.documents().write("media/lossy.txt", text);
            Item item = new Item("lossy", "", List.of(new Asset("media/lossy.txt", "text", "", Map.of())), Map.of(), null, null);
            AnnotationSet set = AnnotationSet.start("mira", 0);
            set.insert(-1, span("a", "PER", Map.of("begin", "x", "tags", List.of("p", "q")), text, "Ada"));
            set.insert(-1, span("t", "Token", Map.of("layer", "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"), text, "Ada me"));
            set.insert(-1, relation("r", "knows", Map.of(), "a", "gone"));
            item.putSet(set);
            p.saveItem(item);
            ExportReport e = exportXmi(p, tmp.resolve("out"));
            List<String> messages = e.problems().stream().map(ExportReport.Problem::message).toList();
            assertEquals(4, messages.size(), messages.toString());
            assertTrue(messages.contains("relations to a span that is not exported were left out: 'r'"), messages.toString());
            assertTrue(messages.contains("Token spans without a token of the segmentation at their place were left out: 't'"), messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.startsWith("attribute 'begin' cannot be a UIMA feature")), messages.toString());
            assertTrue(messages.contains("list attribute 'tags' was written as one text joined by ',': 'a'"), messages.toString());
        }
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void malformedXmiIsAnErrorNamingTheFile() throws Exception {
        Path f = tmp.resolve("bad.xmi");
        try (StoredProject p = StandoffFixtures.project(tmp, "bad")) {
            Files.writeString(f, "<?xml version=\"1.0\"?>\n<xmi:XMI xmlns:xmi=\"http://www.omg.org/XMI\" xmlns:cas=\"http:///uima/cas.ecore\">\n"
                    + "  <cas:Sofa xmi:id=\"1\" sofaString=\"x\">\n</xmi:XMI>\n");
            IOException e = assertThrows(IOException.class, () -> importXmi(p, List.of(f)));
            assertTrue(e.getMessage().startsWith(f + ": not well-formed XML at line 4"), e.getMessage());

            Files.writeString(f, "<?xml version=\"1.0\"?><typeSystemDescription/>");
            e = assertThrows(IOException.class, () -> importXmi(p, List.of(f)));
            assertEquals(f + ": not UIMA XMI: the root element is <typeSystemDescription>, not <xmi:XMI>", e.getMessage());

            Files.writeString(f, "<xmi:XMI xmlns:xmi=\"http://www.omg.org/XMI\"><cas:NULL xmlns:cas=\"http:///uima/cas.ecore\" xmi:id=\"0\"/></xmi:XMI>");
            e = assertThrows(IOException.class, () -> importXmi(p, List.of(f)));
            assertEquals(f + ": no cas:Sofa: the file holds no document text", e.getMessage());

            // an external entity is not resolved: the secret stays out of the project
            Path secret = tmp.resolve("secret.txt");
            Files.writeString(secret, "SECRET");
            Files.writeString(f, "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>\n"
                    + "<xmi:XMI xmlns:xmi=\"http://www.omg.org/XMI\" xmlns:cas=\"http:///uima/cas.ecore\">"
                    + "<cas:Sofa xmi:id=\"1\" sofaID=\"_InitialView\" sofaString=\"&e;\"/></xmi:XMI>");
            e = assertThrows(IOException.class, () -> importXmi(p, List.of(f)));
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
            assertEquals(0, p.project().itemCount(), "nothing imported");
        }
    }

    @Test
    void aFolderWithABrokenFileReportsItAndImportsTheRest() throws Exception {
        Path root = StandoffFixtures.copy("xmi", tmp);
        Path broken = root.resolve("broken.xmi");
        Files.writeString(broken, "not xml at all");
        try (StoredProject p = StandoffFixtures.project(tmp, "mixed")) {
            ImportReport r = importXmi(p, List.of(root));
            assertEquals(1, r.itemsAdded());
            List<ImportReport.Problem> brokenProblems = r.problems().stream().filter(x -> x.file().equals(broken.toString())).toList();
            assertEquals(1, brokenProblems.size(), r.problems().toString());
            assertTrue(brokenProblems.get(0).message().startsWith("not well-formed XML at line 1"), brokenProblems.get(0).message());
            assertTrue(brokenProblems.get(0).message().endsWith("; the file was skipped"), brokenProblems.get(0).message());
            assertNotNull(p.loadItem("english"));
        }
    }

    @Test
    void theTypeSystemFilesAreNotImportedAsDocuments() throws Exception {
        Path root = StandoffFixtures.copy("xmi", tmp);
        try (StoredProject p = StandoffFixtures.project(tmp, "ts")) {
            assertEquals(90, new XmiImporter().accepts(root.resolve("english.xmi")));
            assertEquals(0, new XmiImporter().accepts(root.resolve("typesystem.xml")));
            assertEquals(40, new XmiImporter().accepts(root));
            assertEquals(1, importXmi(p, List.of(root)).itemsAdded());
            assertEquals(List.of("english"), p.project().items().stream().map(ItemSummary::id).toList());
        }
    }
}
