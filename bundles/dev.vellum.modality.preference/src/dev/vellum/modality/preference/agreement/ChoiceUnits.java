package dev.vellum.modality.preference.agreement;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PayloadException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Pairwise choices. Each pair of responses judged makes two units: the choice ({@value #CHOICE_KIND},
 * nominal: the preferred response's id, or {@code tie} or {@code both_bad}) and the strength
 * ({@value #STRENGTH_KIND}, ordinal, signed: +strength when the first id of the pair in sorted
 * order is preferred, -strength when the second is, 0 for a tie or "both bad", which say that
 * neither is better; a preference recorded with strength 0, where a project asks for none, counts
 * as 1). Unit ids are {@code preference.choice:A|B} and {@code preference.strength:A|B} with the
 * pair in sorted order, so annotators who saw the responses in different orders meet in one unit.
 * <p>
 * The pair is the recorded {@code order} when it names two responses, else the comparison's two
 * responses (read through the store when one is given); a judgement whose pair cannot be told
 * (no order on a comparison of more responses) is a choice about the whole comparison,
 * {@code preference.choice:*}, and has no strength unit. The first choice of a set on a pair
 * counts; further ones join its rating's annotation ids.
 */
@Component(service = AgreementUnits.class)
public final class ChoiceUnits implements AgreementUnits {
    /** The service id. */
    public static final String ID = "preference.choices";
    /** The kind of choice units. */
    public static final String CHOICE_KIND = "preference.choice";
    /** The kind of strength units. */
    public static final String STRENGTH_KIND = "preference.strength";

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
        return "Pairwise choices and strengths";
    }

    @Override
    public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
        return units(null, item, sets, schema);
    }

    /** Reads the comparison through {@code stored} to know the pair of a choice recorded without an order. */
    @Override
    public List<AgreementUnit> units(StoredProject stored, Item item, List<AnnotationSet> sets, LabelSchema schema) {
        Judged.requireDistinct(item, sets);
        List<String> ids = null;
        boolean idsRead = false;
        Judged.Table table = new Judged.Table();
        for (AnnotationSet set : sets) {
            for (Annotation a : set.annotations()) {
                if (!a.typeId().equals(Pairwise.TYPE)) {
                    continue;
                }
                Pairwise p;
                try {
                    p = Pairwise.fromPayload(a.payload());
                } catch (PayloadException e) {
                    continue;
                }
                if (p.order().size() != 2 && !idsRead) {
                    ids = Judged.responseIds(stored, item);
                    idsRead = true;
                }
                List<String> pair = pair(p, ids);
                String key = pair.isEmpty() ? "*" : pair.get(0) + "|" + pair.get(1);
                String choiceId = CHOICE_KIND + ":" + key;
                boolean first = !table.has(choiceId, set.annotator());
                table.put(choiceId, CHOICE_KIND, MeasurementLevel.NOMINAL, set.annotator(), AgreementValue.of(p.preferred()), a.id());
                Double signed = pair.isEmpty() ? null : signed(p, pair);
                if (signed != null && (first || table.has(STRENGTH_KIND + ":" + key, set.annotator()))) {
                    table.put(STRENGTH_KIND + ":" + key, STRENGTH_KIND, MeasurementLevel.ORDINAL, set.annotator(), AgreementValue.of(signed), a.id());
                }
            }
        }
        return table.units(item, sets, Comparator.comparing((String u) -> u.substring(u.indexOf(':') + 1)).thenComparing(Comparator.naturalOrder()));
    }

    /**
     * The two responses a pairwise choice is between, sorted; empty when it cannot be told.
     *
     * @param comparisonIds the comparison's response ids, or null when unknown
     */
    public static List<String> pair(Pairwise p, List<String> comparisonIds) {
        List<String> pair = new ArrayList<>(2);
        if (p.order().size() == 2) {
            pair.addAll(p.order());
        } else if (comparisonIds != null && comparisonIds.size() == 2) {
            pair.addAll(comparisonIds);
        } else {
            return List.of();
        }
        pair.sort(Comparator.naturalOrder());
        return List.copyOf(pair);
    }

    /**
     * The signed strength of a choice on {@code pair} (sorted): + for the first, - for the second,
     * 0 for a tie or "both bad"; null when it prefers a response outside the pair.
     */
    public static Double signed(Pairwise p, List<String> pair) {
        if (Pairwise.TIE.equals(p.preferred()) || Pairwise.BOTH_BAD.equals(p.preferred())) {
            return 0.0;
        }
        int strength = Math.max(1, p.strength());
        if (p.preferred().equals(pair.get(0))) {
            return (double) strength;
        }
        if (p.preferred().equals(pair.get(1))) {
            return (double) -strength;
        }
        return null;
    }
}
