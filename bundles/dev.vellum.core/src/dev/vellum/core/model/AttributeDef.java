package dev.vellum.core.model;

import java.util.List;
import java.util.Objects;

/**
 * An attribute annotators fill in for a label class (for example "occluded" or "vehicle type").
 *
 * @param name          unique within its label class
 * @param type          the kind of value
 * @param allowedValues for {@link AttributeType#CHOICE} and {@link AttributeType#MULTI_CHOICE}; empty otherwise
 * @param required      whether an annotation of the class is incomplete without it
 */
public record AttributeDef(String name, AttributeType type, List<String> allowedValues, boolean required) {
    public AttributeDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        allowedValues = List.copyOf(allowedValues == null ? List.of() : allowedValues);
    }

    /** Whether {@code value} is an acceptable value of this attribute (null counts as absent, not invalid). */
    public boolean accepts(Object value) {
        if (value == null) {
            return true;
        }
        return switch (type) {
            case TEXT -> value instanceof String;
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case CHOICE -> allowedValues.contains(String.valueOf(value));
            case MULTI_CHOICE -> value instanceof List<?> l && l.stream().allMatch(v -> allowedValues.contains(String.valueOf(v)));
        };
    }
}
