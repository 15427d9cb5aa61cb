package dev.vellum.modality.text.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vellum.core.model.AttributeDef;
import dev.vellum.core.model.AttributeType;

/**
 * The parts of brat's {@code annotation.conf} Vellum uses: entity types (the hierarchy flattened,
 * abstract {@code !} types left out), relation types, and attributes (binary ones as booleans,
 * {@code Value:a|b} ones as choices) with the types they apply to ({@code <ENTITY>} for all).
 * Events are read as names only.
 */
final class BratConfig {
    /** The file brat looks for next to the documents or in a folder above. */
    static final String FILE = "annotation.conf";

    final List<String> entities = new ArrayList<>();
    final List<String> relations = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    /** Attribute definitions by name, with the types (or {@code <ENTITY>}, {@code <EVENT>}) they apply to. */
    final Map<String, AttributeDef> attributes = new LinkedHashMap<>();
    final Map<String, List<String>> attributeTargets = new LinkedHashMap<>();

    /** The annotation.conf of a document: next to it, else in the folders above up to {@code root}; null when none. */
    static Path find(Path document, Path root) {
        Path stop = root == null ? null : root.toAbsolutePath().normalize();
        for (Path d = document.toAbsolutePath().normalize().getParent(); d != null; d = d.getParent()) {
            Path conf = d.resolve(FILE);
            if (Files.isRegularFile(conf)) {
                return conf;
            }
            if (stop == null || d.equals(stop)) {
                break;
            }
        }
        return null;
    }

    /**
     * Reads a configuration.
     *
     * @throws IOException naming the file and line when a line is not what its section expects
     */
    static BratConfig read(Path file) throws IOException {
        BratConfig c = new BratConfig();
        String section = null;
        List<String> lines = TextFormats.readUtf8(file, "a brat annotation.conf").lines().toList();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            if (section == null) {
                throw new IOException(file + ": line " + (n + 1) + ": '" + line + "' is outside any [section]");
            }
            String[] parts = line.split("\\s+", 2);
            String name = parts[0];
            if (name.equals("-") || name.startsWith("<")) {
                // a separator, or a macro definition (<ENTITY>=...) or <OVERLAP> rule
                continue;
            }
            boolean isAbstract = name.startsWith("!");
            name = isAbstract ? name.substring(1) : name;
            switch (section) {
                case "entities" -> {
                    if (!isAbstract) {
                        c.entities.add(name);
                    }
                }
                case "relations" -> c.relations.add(name);
                case "events" -> {
                    if (!isAbstract) {
                        c.events.add(name);
                    }
                }
                case "attributes" -> {
                    String args = parts.length > 1 ? parts[1] : "";
                    List<String> targets = new ArrayList<>();
                    List<String> values = new ArrayList<>();
                    for (String arg : args.split(",")) {
                        String a = arg.strip();
                        if (a.startsWith("Arg:")) {
                            for (String t : a.substring(4).split("\\|")) {
                                targets.add(t.strip());
                            }
                        } else if (a.startsWith("Value:")) {
                            for (String v : a.substring(6).split("\\|")) {
                                // "Value:L1|L2" or "Value:L1:<GLYPH>" with a glyph after the name
                                values.add(v.strip().split(":", 2)[0]);
                            }
                        }
                    }
                    c.attributes.put(name, new AttributeDef(name, values.isEmpty() ? AttributeType.BOOLEAN : AttributeType.CHOICE, values, false));
                    c.attributeTargets.put(name, targets);
                }
                default -> {
                    // [drawing], [visual] and other sections of visual.conf style are not schema
                }
            }
        }
        return c;
    }

    /** The attributes that apply to entity type {@code type}. */
    List<AttributeDef> attributesOf(String type) {
        List<AttributeDef> out = new ArrayList<>();
        attributes.forEach((name, def) -> {
            List<String> t = attributeTargets.getOrDefault(name, List.of());
            if (t.contains(type) || t.contains("<ENTITY>") || t.isEmpty()) {
                out.add(def);
            }
        });
        return out;
    }
}
