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
import dev.vellum.modality.preference.model.PayloadException;
import dev.vellum.modality.preference.model.Ranking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Rankings: one unit per response anyone ranked ({@code preference.rank:<response id>}, kind
 * {@value #KIND}, ordinal), valued with the annotator's mid-rank of it ({@link Ranking#midRanks()}:
 * ties share the mean of their positions, 1 is best), missing for an annotator who did not rank
 * it. Krippendorff's ordinal alpha reads these units directly; the units of kind {@value #KIND}
 * of one item, read per annotator, are that annotator's ranking of the item, from which
 * {@link RankCorrelation} computes Kendall's tau-b (two annotators) or W (several) per item. The
 * first ranking of a set counts; a second one's annotation joins its ratings.
 */
@Component(service = AgreementUnits.class)
public final class RankUnits implements AgreementUnits {
    /** The service id. */
    public static final String ID = "preference.rankings";
    /** The kind of its units. */
    public static final String KIND = "preference.rank";

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
        return "Ranks of responses";
    }

    @Override
    public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
        Judged.requireDistinct(item, sets);
        Judged.Table table = new Judged.Table();
        for (AnnotationSet set : sets) {
            Map<String, Double> counted = null;
            List<String> duplicates = new ArrayList<>();
            for (Annotation a : set.annotations()) {
                if (!a.typeId().equals(Ranking.TYPE)) {
                    continue;
                }
                Ranking r;
                try {
                    r = Ranking.fromPayload(a.payload());
                } catch (PayloadException e) {
                    continue;
                }
                if (counted != null) {
                    duplicates.add(a.id());
                    continue;
                }
                counted = new LinkedHashMap<>(r.midRanks());
                counted.forEach((response, rank) -> table.put(KIND + ":" + response, KIND, MeasurementLevel.ORDINAL, set.annotator(),
                        AgreementValue.of(rank), a.id()));
            }
            if (counted != null) {
                for (String response : counted.keySet()) {
                    for (String d : duplicates) {
                        table.put(KIND + ":" + response, KIND, MeasurementLevel.ORDINAL, set.annotator(), null, d);
                    }
                }
            }
        }
        return table.units(item, sets, Comparator.naturalOrder());
    }
}
