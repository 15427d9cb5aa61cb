package dev.vellum.modality.preference;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AnnotationType;
import dev.vellum.core.spi.Modality;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PayloadException;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.Rationale;
import dev.vellum.modality.preference.model.Rubric;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Comparisons of LLM responses to a prompt or conversation (a JSON asset, see
 * {@link dev.vellum.modality.preference.model.Comparison}) and the judgements made on them.
 * Claims only assets whose modality says {@code preference}: a JSON file alone could be anything.
 * <p>
 * Types: {@code preference.pairwise} ({@link Pairwise}), {@code preference.ranking}
 * ({@link Ranking}), {@code preference.rubric} ({@link Rubric}, one per response) and
 * {@code preference.flag} ({@link Flag}); a judgement's reason is its attribute
 * {@value Rationale#ATTRIBUTE}. {@link #validate} checks what a payload alone can say; whether
 * it fits the comparison and the project's settings is for the rules in {@code quality}.
 */
@Component(service = Modality.class)
public final class PreferenceModality implements Modality {
    /** The modality id, never renamed. */
    public static final String ID = "preference";

    /** The current payload version of every preference annotation type. */
    public static final int PAYLOAD_VERSION = 1;

    private static final List<AnnotationType> TYPES = List.of(new AnnotationType(Pairwise.TYPE, "Pairwise choice", PAYLOAD_VERSION),
            new AnnotationType(Ranking.TYPE, "Ranking", PAYLOAD_VERSION), new AnnotationType(Rubric.TYPE, "Rubric scores", PAYLOAD_VERSION),
            new AnnotationType(Flag.TYPE, "Flag", PAYLOAD_VERSION));

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

    /**
     * {@inheritDoc} A pairwise choice starts as a tie and a ranking with nothing ranked; rubric
     * scores and flags start with an empty {@code response} (and {@code flag}) for the caller to
     * fill in: they are about one response, which only the caller knows.
     */
    @Override
    public Map<String, Object> createPayload(String typeId) {
        return switch (typeId) {
            case Pairwise.TYPE -> new Pairwise(Pairwise.TIE, 0, List.of()).toPayload();
            case Ranking.TYPE -> new Ranking(Map.of(), List.of()).toPayload();
            case Rubric.TYPE -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("response", "");
                m.put("scores", new LinkedHashMap<>());
                yield m;
            }
            case Flag.TYPE -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("response", "");
                m.put("flag", "");
                yield m;
            }
            default -> throw new IllegalArgumentException("'" + typeId + "' is not a preference annotation type");
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
                case Pairwise.TYPE -> {
                    Pairwise.fromPayload(annotation.payload());
                    pairwiseOrder(annotation.payload().get("order"));
                }
                case Ranking.TYPE -> Ranking.fromPayload(annotation.payload());
                case Rubric.TYPE -> Rubric.fromPayload(annotation.payload());
                case Flag.TYPE -> Flag.fromPayload(annotation.payload());
                default -> problems.add("'" + annotation.typeId() + "' is not a preference annotation type");
            }
        } catch (PayloadException e) {
            problems.add(e.getMessage());
        }
        Object rationale = annotation.attributes().get(Rationale.ATTRIBUTE);
        if (rationale != null && !(rationale instanceof String)) {
            problems.add(annotation.typeId() + ": the attribute '" + Rationale.ATTRIBUTE + "' must be text, found " + rationale);
        }
        return problems;
    }

    /** {@link Pairwise#fromPayload} reads any list as the order; a payload must hold distinct ids. */
    private static void pairwiseOrder(Object order) {
        if (order == null) {
            return;
        }
        if (!(order instanceof List<?> l)) {
            throw new PayloadException(Pairwise.TYPE + ": 'order' must be a list of response ids, found " + order);
        }
        var seen = new HashSet<Object>();
        for (Object o : l) {
            if (!(o instanceof String s) || s.isEmpty()) {
                throw new PayloadException(Pairwise.TYPE + ": 'order' must be a list of response ids, found " + o);
            }
            if (!seen.add(s)) {
                throw new PayloadException(Pairwise.TYPE + ": 'order' names '" + s + "' twice");
            }
        }
    }
}
