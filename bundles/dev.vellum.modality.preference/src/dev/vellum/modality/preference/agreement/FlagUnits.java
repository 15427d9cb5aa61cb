package dev.vellum.modality.preference.agreement;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.PayloadException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Flags: one unit per response and flag anyone raised ({@code preference.flag:<response>/<flag>},
 * kind {@value #KIND}, nominal), {@value #PRESENT} for annotators who raised it (on any span or
 * the whole response; all their flags of that kind on that response are the rating's annotations)
 * and {@value #ABSENT} for every other annotator whose set holds preference judgements; an
 * annotator who judged nothing on the item is missing. Spans are not compared.
 */
@Component(service = AgreementUnits.class)
public final class FlagUnits implements AgreementUnits {
    /** The service id. */
    public static final String ID = "preference.flags";
    /** The kind of its units. */
    public static final String KIND = "preference.flag";
    /** The value of an annotator who raised the flag. */
    public static final String PRESENT = "present";
    /** The value of an annotator who judged the item without raising it. */
    public static final String ABSENT = "absent";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String modalityId() {
        return PreferenceModality.ID;
    }

    @Override
    public String displayName() {
        return "Flags on responses";
    }

    @Override
    public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
        Judged.requireDistinct(item, sets);
        Map<String, Map<String, List<String>>> raised = new LinkedHashMap<>();
        Set<String> judging = new LinkedHashSet<>();
        for (AnnotationSet set : sets) {
            for (Annotation a : set.annotations()) {
                if (a.modalityId().equals(PreferenceModality.ID)) {
                    judging.add(set.annotator());
                }
                if (!a.typeId().equals(Flag.TYPE)) {
                    continue;
                }
                try {
                    Flag f = Flag.fromPayload(a.payload());
                    raised.computeIfAbsent(KIND + ":" + f.response() + "/" + f.flag(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(set.annotator(), k -> new ArrayList<>()).add(a.id());
                } catch (PayloadException e) {
                    // the payload rule reports it
                }
            }
        }
        List<String> ids = new ArrayList<>(raised.keySet());
        ids.sort(Comparator.naturalOrder());
        List<AgreementUnit> out = new ArrayList<>();
        for (String id : ids) {
            Map<String, List<String>> by = raised.get(id);
            Map<String, AgreementUnit.Rating> ratings = new LinkedHashMap<>();
            for (AnnotationSet s : sets) {
                if (by.containsKey(s.annotator())) {
                    ratings.put(s.annotator(), new AgreementUnit.Rating(AgreementValue.of(PRESENT), by.get(s.annotator()), 1));
                } else if (judging.contains(s.annotator())) {
                    ratings.put(s.annotator(), new AgreementUnit.Rating(AgreementValue.of(ABSENT), List.of(), 1));
                }
            }
            out.add(new AgreementUnit(item.id(), id, KIND, MeasurementLevel.NOMINAL, ratings));
        }
        return out;
    }
}
