package dev.vellum.core.spi;

import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import java.util.function.Consumer;

/** One automated check over items. A DS service; modalities contribute rules for their own types. */
public interface ValidationRule {
    /** Stable id, e.g. {@code schema.required-attribute} or {@code image.box-outside}. */
    String id();

    /** What the rule checks, in words for people. */
    String description();

    /** Whether the rule applies to items of {@code modalityId}; by default to all. */
    default boolean accepts(String modalityId) {
        return true;
    }

    /**
     * Checks one item and reports each problem to {@code findings}.
     *
     * @param context the project and its installed services
     */
    void check(ValidationContext context, Item item, Consumer<Finding> findings);

    /**
     * What a rule may consult.
     *
     * @param project    the project (settings, schemas, summaries)
     * @param stored     the store, to check media
     * @param modalities installed modalities by id
     */
    record ValidationContext(Project project, StoredProject stored, java.util.Map<String, Modality> modalities) {
    }
}
