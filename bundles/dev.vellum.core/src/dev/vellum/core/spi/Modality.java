package dev.vellum.core.spi;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.LabelSchema;
import java.util.List;
import java.util.Map;

/**
 * A kind of media and the annotations made on it (image, text, audio...). Implementations are DS
 * components in their own bundle; core never names one.
 */
public interface Modality {
    /** Score meaning "cannot handle this asset". */
    int NOT_SUITABLE = 0;
    /** Score of a modality that can handle an asset as a fallback. */
    int DEFAULT = 50;
    /** Score of a modality made for the asset. */
    int PREFERRED = 100;

    /** Stable id, never renamed: {@code image}, {@code text}... */
    String id();

    /** Words for people. */
    String displayName();

    /**
     * Former ids this service still answers to, so that files and scripts written with them keep
     * working after a rename; empty by default.
     */
    default List<String> aliases() {
        return List.of();
    }

    /** How well this modality handles {@code asset}: {@link #NOT_SUITABLE}, {@link #DEFAULT}, {@link #PREFERRED} or between. */
    int accepts(Asset asset);

    /** The annotation types this modality defines; ids start with {@link #id()} and a dot. */
    List<AnnotationType> annotationTypes();

    /**
     * A payload for a new annotation of {@code typeId}, JSON-shaped.
     *
     * @throws IllegalArgumentException when the type is not one of this modality's
     */
    Map<String, Object> createPayload(String typeId);

    /**
     * Problems with an annotation's payload, in words for annotators; empty when it is valid.
     *
     * @param annotation       an annotation of one of this modality's types
     * @param schema           the project's label schema for this modality, or null when it has none
     * @param guidelineVersion the guideline version the annotation set follows
     */
    default List<String> validate(Annotation annotation, LabelSchema schema, int guidelineVersion) {
        return List.of();
    }

    /**
     * The problem of an annotation whose payload version is newer than {@code readable}, the newest
     * a modality reads (such a payload is kept but not interpreted); empty when it can be read.
     */
    static java.util.Optional<String> newerPayload(Annotation annotation, int readable) {
        if (annotation.payloadVersion() <= readable) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(annotation.typeId() + ": payload version " + annotation.payloadVersion()
                + " is newer than this Vellum reads (" + readable + ")");
    }
}
