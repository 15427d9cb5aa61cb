package dev.vellum.modality.text.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * UIMA type names as XMI writes them, and a UIMA type system description (the {@code typesystem.xml}
 * beside an XMI file): the types with their supertype and features (name and range), read with the
 * JDK's StAX parser without DTDs or external entities, and written as UIMA's
 * {@code typeSystemDescription}.
 */
final class XmiTypeSystem {
    static final String XMI_NS = "http://www.omg.org/XMI";
    static final String CAS_NS = "http:///uima/cas.ecore";
    static final String TCAS_NS = "http:///uima/tcas.ecore";
    static final String RESOURCE_NS = "http://uima.apache.org/resourceSpecifier";
    /** The namespace UIMA gives types without a package. */
    private static final String NO_NAMESPACE = "http:///uima/noNamespace.ecore";

    static final String ANNOTATION = "uima.tcas.Annotation";
    static final String DOCUMENT_ANNOTATION = "uima.tcas.DocumentAnnotation";
    static final String DKPRO = "de.tudarmstadt.ukp.dkpro.core.api.";
    static final String NER = DKPRO + "ner.type.";
    static final String NAMED_ENTITY = NER + "NamedEntity";
    static final String TOKEN = DKPRO + "segmentation.type.Token";
    static final String SENTENCE = DKPRO + "segmentation.type.Sentence";
    static final String DOCUMENT_META_DATA = DKPRO + "metadata.type.DocumentMetaData";
    static final String RELATION = "webanno.custom.Relation";

    /** Ranges holding a value rather than a reference to another feature structure. */
    static final Set<String> PRIMITIVE = Set.of("uima.cas.String", "uima.cas.Boolean", "uima.cas.Integer", "uima.cas.Long", "uima.cas.Short",
            "uima.cas.Byte", "uima.cas.Float", "uima.cas.Double");

    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern FEATURE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A type: its supertype and its own features, name to range, in declaration order. */
    record Type(String name, String supertype, Map<String, String> features) {
    }

    /** The types by name, in declaration order. */
    final Map<String, Type> types = new LinkedHashMap<>();

    // ------------------------------------------------------------------ names

    /** The UIMA type name of an XMI element: its namespace as a package ({@code http:///a/b.ecore} is {@code a.b}) and its local name. */
    static String typeName(String namespace, String localName) {
        if (namespace == null || namespace.isEmpty() || namespace.equals(NO_NAMESPACE)) {
            return localName;
        }
        String p = namespace.startsWith("http:///") ? namespace.substring(8) : namespace;
        if (p.endsWith(".ecore")) {
            p = p.substring(0, p.length() - 6);
        }
        return p.replace('/', '.') + "." + localName;
    }

    /** The XMI namespace of a type's package. */
    static String namespace(String typeName) {
        int dot = typeName.lastIndexOf('.');
        return dot < 0 ? NO_NAMESPACE : "http:///" + typeName.substring(0, dot).replace('.', '/') + ".ecore";
    }

    /** The type's name without its package. */
    static String shortName(String typeName) {
        return typeName.substring(typeName.lastIndexOf('.') + 1);
    }

    /** Whether {@code s} can be a UIMA type name (and so an XMI element name). */
    static boolean isTypeName(String s) {
        return s != null && TYPE_NAME.matcher(s).matches();
    }

    /** Whether {@code s} can be a UIMA feature name (and so an XML attribute name). */
    static boolean isFeatureName(String s) {
        return s != null && FEATURE_NAME.matcher(s).matches();
    }

    // ------------------------------------------------------------------ the description

    /** Declares {@code name} with its supertype, unless it is declared already; features are added to the result. */
    Type declare(String name, String supertype) {
        return types.computeIfAbsent(name, n -> new Type(n, supertype, new LinkedHashMap<>()));
    }

    /** The range of a feature of {@code type} or its supertypes; null when not declared. */
    String range(String type, String feature) {
        for (int depth = 0; type != null && depth < 50; depth++) {
            Type t = types.get(type);
            if (t == null) {
                return null;
            }
            String r = t.features.get(feature);
            if (r != null) {
                return r;
            }
            type = t.supertype;
        }
        return null;
    }

    /** Whether {@code type} is declared, with its supertypes, to descend from {@code ancestor}. */
    boolean isA(String type, String ancestor) {
        for (int depth = 0; type != null && depth < 50; depth++) {
            if (type.equals(ancestor)) {
                return true;
            }
            Type t = types.get(type);
            type = t == null ? null : t.supertype;
        }
        return false;
    }

    /** Whether {@code file} is a type system description (its root element is {@code typeSystemDescription}). */
    static boolean isTypeSystem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = factory().createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT) {
                        return r.getLocalName().equals("typeSystemDescription");
                    }
                }
                return false;
            } finally {
                r.close();
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Reads a type system description (imports of other descriptions are not followed).
     *
     * @throws IOException naming the file when it is not well-formed XML
     */
    static XmiTypeSystem read(Path file) throws IOException {
        XmiTypeSystem ts = new XmiTypeSystem();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = factory().createXMLStreamReader(in);
            try {
                Deque<String> open = new ArrayDeque<>();
                String name = null, supertype = null, featureName = null, range = null;
                Map<String, String> features = new LinkedHashMap<>();
                StringBuilder chars = new StringBuilder();
                while (r.hasNext()) {
                    int ev = r.next();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        chars.setLength(0);
                        open.push(r.getLocalName());
                        if (r.getLocalName().equals("typeDescription")) {
                            name = null;
                            supertype = null;
                            features = new LinkedHashMap<>();
                        } else if (r.getLocalName().equals("featureDescription")) {
                            featureName = null;
                            range = null;
                        }
                    } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                        chars.append(r.getText());
                    } else if (ev == XMLStreamConstants.END_ELEMENT) {
                        String v = chars.toString().strip();
                        chars.setLength(0);
                        open.pop();
                        String parent = open.peek();
                        switch (r.getLocalName()) {
                            case "name" -> {
                                if ("featureDescription".equals(parent)) {
                                    featureName = v;
                                } else if ("typeDescription".equals(parent)) {
                                    name = v;
                                }
                            }
                            case "supertypeName" -> supertype = v;
                            case "rangeTypeName" -> range = v;
                            case "featureDescription" -> {
                                if (featureName != null) {
                                    features.put(featureName, range == null ? "uima.cas.String" : range);
                                }
                            }
                            case "typeDescription" -> {
                                if (name != null) {
                                    ts.types.put(name, new Type(name, supertype, features));
                                }
                            }
                            default -> {
                            }
                        }
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException(file + ": not a UIMA type system description (" + e.getMessage() + ")", e);
        }
        return ts;
    }

    /** A StAX factory with DTDs and external entities disabled. */
    static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** The description as UIMA writes it. */
    String write() {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<typeSystemDescription xmlns=\"").append(RESOURCE_NS).append("\">\n");
        sb.append("  <name>Vellum export</name>\n  <description/>\n  <version>1.0</version>\n  <vendor/>\n  <types>\n");
        for (Type t : types.values()) {
            sb.append("    <typeDescription>\n");
            sb.append("      <name>").append(escape(t.name)).append("</name>\n");
            sb.append("      <description/>\n");
            sb.append("      <supertypeName>").append(escape(t.supertype)).append("</supertypeName>\n");
            if (!t.features.isEmpty()) {
                sb.append("      <features>\n");
                t.features.forEach((f, range) -> {
                    sb.append("        <featureDescription>\n");
                    sb.append("          <name>").append(escape(f)).append("</name>\n");
                    sb.append("          <description/>\n");
                    sb.append("          <rangeTypeName>").append(escape(range)).append("</rangeTypeName>\n");
                    sb.append("        </featureDescription>\n");
                });
                sb.append("      </features>\n");
            }
            sb.append("    </typeDescription>\n");
        }
        sb.append("  </types>\n</typeSystemDescription>\n");
        return sb.toString();
    }

    /**
     * {@code s} escaped for XML text and attribute values: markup characters, quotes, and tab, line
     * feed and carriage return as character references (an attribute value would otherwise have
     * them normalised to spaces).
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\t' -> sb.append("&#9;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Whether XML 1.0 can hold {@code s}: no control characters other than tab, line feed and
     * carriage return, no U+FFFE/U+FFFF, no unpaired surrogates.
     */
    static boolean xmlCanHold(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} with what XML 1.0 cannot hold replaced by U+FFFD, one UTF-16 unit for one, so offsets stay. */
    static String xmlSafe(String s) {
        StringBuilder sb = new StringBuilder(s);
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < sb.length() && Character.isLowSurrogate(sb.charAt(i + 1))) {
                i++;
            } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF || Character.isSurrogate(c)) {
                sb.setCharAt(i, '\uFFFD');
            }
        }
        return sb.toString();
    }
}
