package dev.vellum.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One annotation: a labelled shape, span, segment, choice... Immutable; edits replace it.
 *
 * @param id             unique within its item
 * @param typeId         the annotation type, namespaced by modality, e.g. {@code image.bbox}
 * @param label          the label class name, or empty for types without a label
 * @param attributes     attribute values by attribute name (JSON-shaped)
 * @param payloadVersion the version of the type's payload schema the payload follows
 * @param payload        the modality's geometry or content (JSON-shaped); opaque to core
 * @param provenance     who made it
 * @param author         the user who made or last changed it
 * @param created        when it was made
 * @param modified       when it was last changed
 */
public record Annotation(String id, String typeId, String label, Map<String, Object> attributes, int payloadVersion,
        Map<String, Object> payload, Provenance provenance, String author, Instant created, Instant modified) {

    public Annotation {
        Ids.requireValid(id, "annotation id");
        Objects.requireNonNull(typeId, "typeId");
        label = label == null ? "" : label;
        attributes = JsonTrees.copy(attributes);
        payload = JsonTrees.copy(payload);
        Objects.requireNonNull(provenance, "provenance");
        author = author == null ? "" : author;
        Objects.requireNonNull(created, "created");
        modified = modified == null ? created : modified;
    }

    /** A new human annotation made now by {@code author}. */
    public static Annotation create(String id, String typeId, String label, Map<String, Object> payload, String author) {
        Instant now = Instant.now();
        return new Annotation(id, typeId, label, Map.of(), 1, payload, Provenance.HUMAN, author, now, now);
    }

    /** This annotation with another label, changed by {@code user} now. */
    public Annotation withLabel(String newLabel, String user) {
        return new Annotation(id, typeId, newLabel, attributes, payloadVersion, payload, provenance, user, created, Instant.now());
    }

    /** This annotation with other attribute values, changed by {@code user} now. */
    public Annotation withAttributes(Map<String, Object> newAttributes, String user) {
        return new Annotation(id, typeId, label, newAttributes, payloadVersion, payload, provenance, user, created, Instant.now());
    }

    /** This annotation with another payload, changed by {@code user} now. */
    public Annotation withPayload(Map<String, Object> newPayload, String user) {
        return new Annotation(id, typeId, label, attributes, payloadVersion, newPayload, provenance, user, created, Instant.now());
    }

    /** The modality id this annotation's type belongs to: the part of {@link #typeId()} before the first dot. */
    public String modalityId() {
        int dot = typeId.indexOf('.');
        return dot < 0 ? typeId : typeId.substring(0, dot);
    }
}
