package dev.vellum.modality.preference.model;

/**
 * A flag a project allows on responses.
 *
 * @param id          stable, what {@link Flag#flag()} holds, e.g. {@code factual_error}
 * @param name        words for people, e.g. "Factual error" (made from the id when not given)
 * @param description when to use it, or empty
 */
public record FlagKind(String id, String name, String description) {
    public FlagKind {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a flag needs an id");
        }
        name = name == null || name.isBlank() ? RubricDimension.displayName(id) : name;
        description = description == null ? "" : description;
    }

    /** A flag named after its id. */
    public FlagKind(String id) {
        this(id, null, null);
    }
}
