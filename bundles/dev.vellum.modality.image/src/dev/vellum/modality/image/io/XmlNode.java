package dev.vellum.modality.image.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small read-only XML element tree, built with StAX (no DTD, no external entities) for the
 * XML formats: VOC reads a whole file as one, CVAT one {@code <meta>} or {@code <image>} at a time.
 *
 * @param name     the element's local name
 * @param attrs    its attributes in document order
 * @param text     its own text, trimmed
 * @param children child elements in order
 * @param line     the line it starts on, for messages
 */
record XmlNode(String name, Map<String, String> attrs, String text, List<XmlNode> children, int line) {

    /** The first child of that name, or null. */
    XmlNode child(String childName) {
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** The children of that name. */
    List<XmlNode> all(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The text of the first child of that name, or null. */
    String text(String childName) {
        XmlNode c = child(childName);
        return c == null ? null : c.text;
    }

    /** An attribute, or null. */
    String attr(String key) {
        return attrs.get(key);
    }

    /**
     * Reads the element the reader is on (at its START_ELEMENT) and everything inside it; leaves the
     * reader on its END_ELEMENT.
     */
    static XmlNode read(XMLStreamReader r) throws XMLStreamException {
        String name = r.getLocalName();
        int line = r.getLocation().getLineNumber();
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        List<XmlNode> children = new ArrayList<>();
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                children.add(read(r));
            } else if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
                text.append(r.getText());
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        return new XmlNode(name, attrs, text.toString().trim(), children, line);
    }

    /** The message of a parse error, naming the file and line. */
    static String error(Path file, XMLStreamException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
        return file + ": not well-formed XML" + (line > 0 ? " at line " + line : "") + ": " + m.trim();
    }

    /** {@code s} escaped for XML text and attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
