package dev.vellum.modality.text;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AnnotationType;
import dev.vellum.core.spi.Modality;
import dev.vellum.modality.text.model.PayloadException;
import dev.vellum.modality.text.model.Relation;
import dev.vellum.modality.text.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Plain-text documents and the entity spans and relations annotated on them. */
@Component(service = Modality.class)
public final class TextModality implements Modality {
    /** The modality id, never renamed. */
    public static final String ID = "text";

    /** The current payload version of every text annotation type. */
    public static final int PAYLOAD_VERSION = 1;

    private static final Set<String> EXTENSIONS = Set.of("txt", "text");

    private static final List<AnnotationType> TYPES = List.of(new AnnotationType(Span.TYPE, "Entity span", PAYLOAD_VERSION),
            new AnnotationType(Relation.TYPE, "Relation", PAYLOAD_VERSION));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Text";
    }

    @Override
    public int accepts(Asset asset) {
        return ID.equals(asset.modalityId()) || EXTENSIONS.contains(asset.extension()) ? PREFERRED : NOT_SUITABLE;
    }

    @Override
    public List<AnnotationType> annotationTypes() {
        return TYPES;
    }

    @Override
    public Map<String, Object> createPayload(String typeId) {
        return switch (typeId) {
            case Span.TYPE -> new Span(0, 0, "").toPayload();
            case Relation.TYPE -> Map.of("from", "", "to", "");
            default -> throw new IllegalArgumentException("'" + typeId + "' is not a text annotation type");
        };
    }

    @Override
    public List<String> validate(Annotation annotation, LabelSchema schema, int guidelineVersion) {
        java.util.Optional<String> newer = Modality.newerPayload(annotation, PAYLOAD_VERSION);
        if (newer.isPresent()) {
            return List.of(newer.get());
        }
        List<String> problems = new ArrayList<>();
        try {
            switch (annotation.typeId()) {
                case Span.TYPE -> Span.fromPayload(annotation.payload());
                case Relation.TYPE -> Relation.fromPayload(annotation.payload());
                default -> problems.add("'" + annotation.typeId() + "' is not a text annotation type");
            }
        } catch (PayloadException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }
}
