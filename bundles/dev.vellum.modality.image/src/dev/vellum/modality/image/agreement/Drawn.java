package dev.vellum.modality.image.agreement;

import java.awt.geom.Area;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.PayloadException;
import dev.vellum.modality.image.model.Shape;

/**
 * One annotator's object for matching: usually one annotation, or several polygons of one object
 * (the parts COCO import split, sharing label and attribute {@code group}) taken as their union.
 */
final class Drawn {
    /** The attribute COCO import gives the annotations of one COCO object. */
    static final String GROUP = "group";

    final List<String> ids;
    final String label;
    final Shape shape;
    final BoundingBox bounds;
    private Area region;

    Drawn(List<String> ids, String label, Shape shape, BoundingBox bounds, Area region) {
        this.ids = List.copyOf(ids);
        this.label = label;
        this.shape = shape;
        this.bounds = bounds;
        this.region = region;
    }

    /** The polygonal region, computed once since one object is compared with several. */
    Area region() {
        if (region == null) {
            region = Iou.region(shape);
        }
        return region;
    }

    /** The annotation's shape, or null when its payload is malformed (the modality's validation reports that). */
    static Shape shape(Annotation a) {
        try {
            return Shape.fromPayload(a.typeId(), a.payload());
        } catch (PayloadException e) {
            return null;
        }
    }

    /** Checks that no two sets belong to one annotator. */
    static void requireDistinct(Item item, List<AnnotationSet> sets) {
        Set<String> seen = new HashSet<>();
        for (AnnotationSet s : sets) {
            if (!seen.add(s.annotator())) {
                throw new IllegalArgumentException("item '" + item.id() + "': two annotation sets of " + s.annotator() + " to compare");
            }
        }
    }

    /**
     * Units of one kind from clusters: each annotator in a cluster rates it with {@code value}; the
     * others are missing. Ids are {@code kind:founder/firstAnnotationId}, stable for the same sets.
     */
    static <T> List<AgreementUnit> units(Item item, List<AnnotationSet> sets, String kind, List<List<Clusters.Member<T>>> clusters,
            java.util.function.Function<T, List<String>> idsOf, java.util.function.Function<T, AgreementValue> valueOf) {
        List<AgreementUnit> out = new ArrayList<>(clusters.size());
        for (List<Clusters.Member<T>> c : clusters) {
            Clusters.Member<T> founder = c.get(0);
            String id = kind + ":" + sets.get(founder.set()).annotator() + "/" + idsOf.apply(founder.object()).get(0);
            Map<String, AgreementUnit.Rating> ratings = new LinkedHashMap<>();
            for (Clusters.Member<T> m : c) {
                ratings.put(sets.get(m.set()).annotator(),
                        new AgreementUnit.Rating(valueOf.apply(m.object()), idsOf.apply(m.object()), Math.min(1, m.quality())));
            }
            out.add(new AgreementUnit(item.id(), id, kind, MeasurementLevel.NOMINAL, ratings));
        }
        return out;
    }
}
