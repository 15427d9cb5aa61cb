package dev.vellum.modality.image.agreement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.modality.image.ImageModality;
import dev.vellum.modality.image.model.Tag;

/**
 * Image-level tags as units: one unit per tag label any of the annotators gave the item, in which
 * every annotator has the value {@value #PRESENT} or {@value #ABSENT} (not giving a tag is a
 * judgement, not a missing value). A label nobody gave the item makes no unit, so agreement on
 * absence is only counted where someone thought the tag applied.
 */
@Component(service = AgreementUnits.class)
public final class TagUnits implements AgreementUnits {
    /** The service id. */
    public static final String ID = "image.tags";
    /** The value of an annotator who gave the tag. */
    public static final String PRESENT = "present";
    /** The value of an annotator who did not. */
    public static final String ABSENT = "absent";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String modalityId() {
        return ImageModality.ID;
    }

    @Override
    public String displayName() {
        return "Image tags, present or absent";
    }

    @Override
    public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
        Drawn.requireDistinct(item, sets);
        List<Map<String, List<String>>> tagsPerSet = new ArrayList<>();
        TreeSet<String> labels = new TreeSet<>();
        for (AnnotationSet s : sets) {
            Map<String, List<String>> tags = new LinkedHashMap<>();
            for (Annotation a : s.annotations()) {
                if (a.typeId().equals(Tag.TYPE)) {
                    tags.computeIfAbsent(a.label(), l -> new ArrayList<>()).add(a.id());
                    labels.add(a.label());
                }
            }
            tagsPerSet.add(tags);
        }
        List<AgreementUnit> out = new ArrayList<>(labels.size());
        for (String label : labels) {
            Map<String, AgreementUnit.Rating> ratings = new LinkedHashMap<>();
            for (int i = 0; i < sets.size(); i++) {
                List<String> ids = tagsPerSet.get(i).get(label);
                ratings.put(sets.get(i).annotator(), new AgreementUnit.Rating(AgreementValue.of(ids == null ? ABSENT : PRESENT), ids, 1));
            }
            out.add(new AgreementUnit(item.id(), Tag.TYPE + ":" + label, Tag.TYPE, MeasurementLevel.NOMINAL, ratings));
        }
        return out;
    }
}
