package dev.vellum.modality.preference;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AnnotationType;
import dev.vellum.core.spi.Modality;
import dev.vellum.modality.preference.model.PayloadException;
import dev.vellum.modality.preference.model.Pairwise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Comparisons of LLM responses to a prompt or conversation (a JSON asset, see
 * {@link dev.vellum.modality.preference.model.Comparison}) and the judgements made on them.
 * Claims only assets whose modality says {@code preference}: a JSON file alone could be anything.
 */
@Component(service = Modality.class)
public final class PreferenceModality implements Modality {
    /** The modality id, never renamed. */
    public static final String ID = "preference";

    /** The current payload version of every preference annotation type. */
    public static final int PAYLOAD_VERSION = 1;

    private static final List<AnnotationType> TYPES = List.of(new AnnotationType(Pairwise.TYPE, "Pairwise choice", PAYLOAD_VERSION));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Preference";
    }

    @Override
    public int accepts(Asset asset) {
        return ID.equals(asset.modalityId()) ? PREFERRED : NOT_SUITABLE;
    }

    @Override
    public List<AnnotationType> annotationTypes() {
        return TYPES;
    }

    @Override
    public Map<String, Object> createPayload(String typeId) {
        return switch (typeId) {
            case Pairwise.TYPE -> new Pairwise(Pairwise.TIE, 0, List.of()).toPayload();
            default -> throw new IllegalArgumentException("'" + typeId + "' is not a preference annotation type");
        };
    }

    @Override
    public List<String> validate(Annotation annotation, LabelSchema schema, int guidelineVersion) {
        List<String> problems = new ArrayList<>();
        if (annotation.payloadVersion() > PAYLOAD_VERSION) {
            problems.add(annotation.typeId() + ": payload version " + annotation.payloadVersion() + " is newer than this Vellum reads ("
                    + PAYLOAD_VERSION + ")");
            return problems;
        }
        try {
            switch (annotation.typeId()) {
                case Pairwise.TYPE -> Pairwise.fromPayload(annotation.payload());
                default -> problems.add("'" + annotation.typeId() + "' is not a preference annotation type");
            }
        } catch (PayloadException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }
}
