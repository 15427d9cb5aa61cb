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
import dev.vellum.modality.preference.model.PayloadException;
import dev.vellum.modality.preference.model.PreferenceSettings;
import dev.vellum.modality.preference.model.RubricDimension;
import dev.vellum.modality.preference.model.Rubric;
import java.util.Comparator;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Rubric scores: one unit per response and dimension anyone scored
 * ({@code preference.rubric:<response>/<dimension>}), of kind
 * {@code preference.rubric:<dimension>} so that agreement is computed per dimension
 * (helpfulness apart from honesty). Values are the scores; the level is the dimension's
 * ({@link RubricDimension#level()}: ordinal unless the project's settings say interval), read
 * from the project through the store, ordinal without one. The first scoring of a response in a
 * set counts; a second one's annotation joins its rating.
 */
@Component(service = AgreementUnits.class)
public final class RubricUnits implements AgreementUnits {
    /** The service id. */
    public static final String ID = "preference.rubric";
    /** The prefix of its kinds; the dimension id follows. */
    public static final String KIND_PREFIX = "preference.rubric:";

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
        return "Rubric scores per response and dimension";
    }

    /** The units with every dimension ordinal. */
    @Override
    public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
        return units(null, item, sets, schema);
    }

    /** The units with each dimension's level from the project's settings (ordinal when they are malformed). */
    @Override
    public List<AgreementUnit> units(StoredProject stored, Item item, List<AnnotationSet> sets, LabelSchema schema) {
        Judged.requireDistinct(item, sets);
        PreferenceSettings settings = null;
        if (stored != null) {
            try {
                settings = PreferenceSettings.of(stored.project());
            } catch (IllegalArgumentException e) {
                // the rule preference.not-allowed reports malformed settings; agreement still works
            }
        }
        Judged.Table table = new Judged.Table();
        for (AnnotationSet set : sets) {
            for (Annotation a : set.annotations()) {
                if (!a.typeId().equals(Rubric.TYPE)) {
                    continue;
                }
                Rubric r;
                try {
                    r = Rubric.fromPayload(a.payload());
                } catch (PayloadException e) {
                    continue;
                }
                for (var e : r.scores().entrySet()) {
                    RubricDimension d = settings == null ? null : settings.dimension(e.getKey());
                    MeasurementLevel level = d == null ? MeasurementLevel.ORDINAL : d.level();
                    table.put("preference.rubric:" + r.response() + "/" + e.getKey(), KIND_PREFIX + e.getKey(), level, set.annotator(),
                            AgreementValue.of(e.getValue()), a.id());
                }
            }
        }
        return table.units(item, sets, Comparator.naturalOrder());
    }
}
