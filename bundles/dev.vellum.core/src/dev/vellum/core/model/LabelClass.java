package dev.vellum.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A class annotators assign, e.g. "car" or "PERSON".
 *
 * @param name       unique within its schema; what annotations store as their label
 * @param color      {@code #rrggbb}
 * @param hotkey     the key that applies it in editors (e.g. "1"), or empty
 * @param attributes attributes annotations of this class carry
 */
public record LabelClass(String name, String color, String hotkey, List<AttributeDef> attributes) {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    public LabelClass {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a label class needs a name");
        }
        color = color == null || color.isEmpty() ? "#808080" : color;
        if (!COLOR.matcher(color).matches()) {
            throw new IllegalArgumentException("label '" + name + "': colour '" + color + "' is not #rrggbb");
        }
        hotkey = hotkey == null ? "" : hotkey;
        attributes = List.copyOf(attributes == null ? List.of() : attributes);
    }

    /** The attribute with that name, if the class defines it. */
    public Optional<AttributeDef> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }
}
