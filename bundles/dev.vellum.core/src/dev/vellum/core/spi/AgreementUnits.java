package dev.vellum.core.spi;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import java.util.List;

/**
 * Turns one item's annotation sets into {@link AgreementUnit}s: the modality's way of saying which
 * annotations of different annotators are about the same thing (boxes by IoU, spans by overlap,
 * choices by prompt). A DS service; a modality may offer several (shapes, keypoints, tags...), and
 * the agreement engine uses every one registered for the item's modality. Returns data only.
 */
public interface AgreementUnits {
    /** Stable id, namespaced by modality, e.g. {@code image.shapes}; never renamed. */
    String id();

    /** The modality whose items it reads. */
    String modalityId();

    /** Words for people, e.g. "Shapes matched by IoU". */
    String displayName();

    /**
     * Former ids this service still answers to, so that settings written with them keep working
     * after a rename; empty by default.
     */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * The units of one item. Every annotation it looks at ends up in exactly one unit: an
     * annotation no other annotator matched makes a unit in which the others are missing.
     *
     * @param item   the item the sets belong to
     * @param sets   the annotation sets to compare, of distinct annotators, usually two or more;
     *               their order is the order units form in (the first set founds units and is the
     *               reference of match quality), so put a gold or reference set first
     * @param schema the project's label schema for the item's modality, or null when it has none
     * @return units in a stable order; empty when nothing in the sets is of this service's concern
     * @throws IllegalArgumentException when two sets have the same annotator
     */
    List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema);

    /**
     * The units of one item, for services whose units depend on the item's media and not only on
     * its annotations (a text's tokens when the asset stores none). Takes the same arguments and
     * keeps the same promises as {@link #units(Item, List, LabelSchema)}, which it calls by default:
     * most services need only the annotations.
     *
     * @param stored the project the item belongs to, to read its media; may be null when the
     *               caller has no store (a service then does what it can without the media, or
     *               throws {@link IllegalArgumentException} saying what it needs)
     */
    default List<AgreementUnit> units(StoredProject stored, Item item, List<AnnotationSet> sets, LabelSchema schema) {
        return units(item, sets, schema);
    }
}
