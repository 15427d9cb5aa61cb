package dev.vellum.modality.image.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;
import dev.vellum.core.model.LabelClass;

/**
 * The Label Studio labeling config ({@code <View>} XML) the exporter writes next to its JSON and the
 * importer reads back when it finds one: the region controls ({@code RectangleLabels} "label",
 * {@code PolygonLabels} "polygon", {@code KeyPointLabels} "keypoint") with each label's colour
 * ({@code background}) and hotkey, {@code Choices} "choice" for image tags, and one per-region
 * control ({@code perRegion="true"}, {@code whenLabelValue} = the labels that have it) per attribute
 * name: {@code Choices} for choice, multi-choice ({@code choice="multiple"}) and boolean
 * (values {@code true} and {@code false}), {@code Number} and {@code TextArea}. A label's attributes
 * are the per-region controls that name it, in the config's order.
 */
final class LabelStudioConfig {
    /** Control names of the exporter's own region and tag controls; attributes cannot take them. */
    static final Set<String> RESERVED = Set.of("image", "label", "polygon", "keypoint", "choice");

    /** One per-region control, i.e. one attribute name. */
    static final class Control {
        final String name;
        final AttributeType type;
        final List<String> values = new ArrayList<>();
        final Set<String> labels = new LinkedHashSet<>();
        boolean required;

        Control(String name, AttributeType type) {
            this.name = name;
            this.type = type;
        }

        AttributeDef def() {
            return new AttributeDef(name, type, type == AttributeType.CHOICE || type == AttributeType.MULTI_CHOICE ? values : List.of(), required);
        }
    }

    /** A label as a labels control declares it. */
    record Label(String name, String color, String hotkey) {
    }

    /** Labels by control name in order, and the per-region controls by name. */
    final Map<String, Map<String, Label>> labels = new LinkedHashMap<>();
    final Map<String, Control> controls = new LinkedHashMap<>();

    /** The config that belongs to a Label Studio JSON file: {@code tasks.json} → {@code tasks.label_config.xml}. */
    static Path fileFor(Path json) {
        String name = json.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(stem + ".label_config.xml");
    }

    /** Declares a label in a region or tag control (the first colour and hotkey met win). */
    void label(String control, String name, String color, String hotkey) {
        labels.computeIfAbsent(control, k -> new LinkedHashMap<>()).putIfAbsent(name, new Label(name, color, hotkey));
    }

    /**
     * Declares the attribute {@code d} of label {@code label}; returns a description of the conflict
     * when a control of that name already has another type, else null.
     */
    String attribute(String label, AttributeDef d) {
        Control c = controls.get(d.name());
        if (c == null) {
            c = new Control(d.name(), d.type());
            controls.put(d.name(), c);
        } else if (c.type != d.type()) {
            return "attribute '" + d.name() + "' of '" + label + "' is " + d.type().id() + " but " + c.labels + " have it as " + c.type.id()
                    + "; Label Studio's one control of that name declares it as " + c.type.id();
        }
        for (String v : d.allowedValues()) {
            if (!c.values.contains(v)) {
                c.values.add(v);
            }
        }
        c.labels.add(label);
        c.required |= d.required();
        return null;
    }

    /** The per-region control of that name, or null. */
    Control control(String name) {
        return controls.get(name);
    }

    /** The labels of the config as schema classes: colour and hotkey from the first control naming them, attributes from the per-region controls. */
    List<LabelClass> classes() {
        Map<String, Label> all = new LinkedHashMap<>();
        labels.values().forEach(m -> m.values().forEach(l -> all.merge(l.name(), l,
                (a, b) -> new Label(a.name(), a.color() != null ? a.color() : b.color(), a.hotkey() != null ? a.hotkey() : b.hotkey()))));
        List<LabelClass> out = new ArrayList<>();
        for (Label l : all.values()) {
            List<AttributeDef> attrs = new ArrayList<>();
            for (Control c : controls.values()) {
                if (c.labels.contains(l.name())) {
                    attrs.add(c.def());
                }
            }
            out.add(new LabelClass(l.name(), l.color(), l.hotkey(), attrs));
        }
        return out;
    }

    /** The config as Label Studio XML. */
    String toXml() {
        StringBuilder b = new StringBuilder("<View>\n  <Image name=\"image\" value=\"$image\"/>\n");
        Set<String> hotkeys = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, Label>> e : labels.entrySet()) {
            String tag = switch (e.getKey()) {
                case "label" -> "RectangleLabels";
                case "polygon" -> "PolygonLabels";
                case "keypoint" -> "KeyPointLabels";
                default -> "Choices";
            };
            String child = tag.equals("Choices") ? "Choice" : "Label";
            b.append("  <").append(tag).append(" name=\"").append(XmlNode.escape(e.getKey())).append("\" toName=\"image\"");
            if (tag.equals("Choices")) {
                b.append(" choice=\"multiple\"");
            }
            b.append(">\n");
            for (Label l : e.getValue().values()) {
                b.append("    <").append(child).append(" value=\"").append(XmlNode.escape(l.name())).append('"');
                if (l.color() != null) {
                    b.append(" background=\"").append(XmlNode.escape(l.color())).append('"');
                }
                // Label Studio wants each hotkey once in the whole config: the first control listing the label gets it.
                if (l.hotkey() != null && !l.hotkey().isEmpty() && hotkeys.add(l.hotkey())) {
                    b.append(" hotkey=\"").append(XmlNode.escape(l.hotkey())).append('"');
                }
                b.append("/>\n");
            }
            b.append("  </").append(tag).append(">\n");
        }
        for (Control c : controls.values()) {
            String tag = switch (c.type) {
                case NUMBER -> "Number";
                case TEXT -> "TextArea";
                default -> "Choices";
            };
            b.append("  <").append(tag).append(" name=\"").append(XmlNode.escape(c.name)).append("\" toName=\"image\" perRegion=\"true\"");
            if (!c.labels.isEmpty()) {
                b.append(" whenLabelValue=\"").append(XmlNode.escape(String.join(",", c.labels))).append('"');
            }
            if (c.required) {
                b.append(" required=\"true\"");
            }
            switch (c.type) {
                case TEXT -> b.append(" editable=\"true\" maxSubmissions=\"1\"/>\n");
                case NUMBER -> b.append("/>\n");
                default -> {
                    b.append(" choice=\"").append(c.type == AttributeType.MULTI_CHOICE ? "multiple" : "single-radio").append("\">\n");
                    List<String> values = c.type == AttributeType.BOOLEAN ? List.of("true", "false") : c.values;
                    for (String v : values) {
                        b.append("    <Choice value=\"").append(XmlNode.escape(v)).append("\"/>\n");
                    }
                    b.append("  </Choices>\n");
                }
            }
        }
        return b.append("</View>\n").toString();
    }

    /**
     * Reads a labeling config: labels of every {@code *Labels} control, tag choices of
     * {@code Choices} that are not per region, and the per-region {@code Choices}, {@code Number},
     * {@code Rating} and {@code TextArea} controls as attributes. A per-region {@code Choices} whose
     * values are exactly {@code true} and {@code false} is a boolean.
     *
     * @throws IOException naming the file when it is not well-formed XML or not a {@code <View>}
     */
    static LabelStudioConfig read(Path file) throws IOException {
        XmlNode root;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = ImageFormats.safeXml().createXMLStreamReader(in);
            try {
                while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                    // skip the prolog
                }
                if (!r.isStartElement() || !r.getLocalName().equals("View")) {
                    throw new IOException(file + ": not a Label Studio labeling config (the root element is "
                            + (r.isStartElement() ? "<" + r.getLocalName() + ">" : "missing") + ", not <View>)");
                }
                root = XmlNode.read(r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException(XmlNode.error(file, e), e);
        }
        LabelStudioConfig c = new LabelStudioConfig();
        c.collect(root);
        return c;
    }

    private void collect(XmlNode n) {
        for (XmlNode x : n.children()) {
            String name = x.attr("name");
            boolean perRegion = "true".equalsIgnoreCase(x.attr("perRegion"));
            if (name != null && x.name().endsWith("Labels")) {
                for (XmlNode l : x.all("Label")) {
                    if (l.attr("value") != null && !l.attr("value").isBlank()) {
                        String bg = l.attr("background");
                        label(name, l.attr("value"), bg != null && bg.matches("#[0-9a-fA-F]{6}") ? bg : null, l.attr("hotkey"));
                    }
                }
            } else if (name != null && perRegion && List.of("Choices", "Number", "Rating", "TextArea").contains(x.name())) {
                List<String> values = x.all("Choice").stream().map(ch -> ch.attr("value")).filter(v -> v != null).toList();
                AttributeType type = switch (x.name()) {
                    case "Number", "Rating" -> AttributeType.NUMBER;
                    case "TextArea" -> AttributeType.TEXT;
                    default -> "multiple".equals(x.attr("choice")) ? AttributeType.MULTI_CHOICE
                            : Set.copyOf(values).equals(Set.of("true", "false")) ? AttributeType.BOOLEAN : AttributeType.CHOICE;
                };
                Control ctl = controls.computeIfAbsent(name, k -> new Control(name, type));
                if (type != AttributeType.BOOLEAN) {
                    values.forEach(v -> {
                        if (!ctl.values.contains(v)) {
                            ctl.values.add(v);
                        }
                    });
                }
                ctl.required |= "true".equalsIgnoreCase(x.attr("required"));
                String when = x.attr("whenLabelValue");
                if (when != null) {
                    for (String l : when.split(",")) {
                        if (!l.isBlank()) {
                            ctl.labels.add(l.trim());
                        }
                    }
                }
            } else if (name != null && x.name().equals("Choices")) {
                for (XmlNode ch : x.all("Choice")) {
                    if (ch.attr("value") != null && !ch.attr("value").isBlank()) {
                        label(name, ch.attr("value"), null, ch.attr("hotkey"));
                    }
                }
            } else {
                collect(x);
            }
        }
    }
}
