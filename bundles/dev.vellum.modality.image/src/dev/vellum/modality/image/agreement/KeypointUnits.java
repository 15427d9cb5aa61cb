package dev.vellum.modality.image.agreement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
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
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Shape;

/**
 * Keypoint objects as units: the annotators' keypoints are matched by OKS ({@link Oks}, COCO's
 * person σ for 17-point templates) with optimal assignment, each match or unmatched object being a
 * unit of kind {@value #OBJECT_KIND} whose values are the labels. The object's scale is the area of
 * the box its payload names (in the same set), else the extent of its labelled points; the
 * reference of OKS is the cluster's earlier members (see {@link Clusters}), so with a gold set first
 * it is COCO's OKS against the gold. Optionally each point of each matched object is a unit of kind
 * {@value #VISIBILITY_KIND} with the visibility 0, 1 or 2 as value.
 */
@Component(service = AgreementUnits.class)
public final class KeypointUnits implements AgreementUnits {
    /** The service id. */
    public static final String ID = "image.keypoints";
    /** Kind of the units of whole keypoint objects. */
    public static final String OBJECT_KIND = Keypoints.TYPE;
    /** Kind of the units of one point's visibility. */
    public static final String VISIBILITY_KIND = "image.keypoint-visibility";
    /** The component property giving the OKS threshold. */
    public static final String OKS_THRESHOLD = "oks.threshold";
    /** The component property that, when false, leaves out the per-point visibility units. */
    public static final String VISIBILITY_UNITS = "units.visibility";
    /** The OKS a match needs by default. */
    public static final double DEFAULT_OKS_THRESHOLD = 0.5;

    private final double threshold;
    private final boolean visibilityUnits;

    /** Matching at OKS {@value #DEFAULT_OKS_THRESHOLD}, with visibility units. */
    public KeypointUnits() {
        this(DEFAULT_OKS_THRESHOLD, true);
    }

    /**
     * @param oksThreshold    the least OKS of a match, in 0..1
     * @param visibilityUnits whether each point of a matched object is a unit too
     */
    public KeypointUnits(double oksThreshold, boolean visibilityUnits) {
        if (!(oksThreshold >= 0 && oksThreshold <= 1)) {
            throw new IllegalArgumentException("OKS threshold must be within 0..1, found " + oksThreshold);
        }
        this.threshold = oksThreshold;
        this.visibilityUnits = visibilityUnits;
    }

    /** As configured through the component properties {@value #OKS_THRESHOLD} and {@value #VISIBILITY_UNITS}. */
    @Activate
    public KeypointUnits(Map<String, Object> properties) {
        this(Config.number(properties, OKS_THRESHOLD, DEFAULT_OKS_THRESHOLD), Config.flag(properties, VISIBILITY_UNITS, true));
    }

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
        return "Keypoints matched by OKS";
    }

    /** One annotator's keypoint object, with the scale and σ OKS uses when it is the reference. */
    private record Person(String id, String label, Keypoints points, double area, double[] sigmas) {
    }

    @Override
    public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
        Drawn.requireDistinct(item, sets);
        List<List<Person>> perSet = new ArrayList<>(sets.size());
        boolean any = false;
        for (AnnotationSet s : sets) {
            List<Person> people = people(s);
            any |= !people.isEmpty();
            perSet.add(people);
        }
        if (!any) {
            return List.of();
        }
        List<List<Clusters.Member<Person>>> clusters = Clusters.form(perSet, null,
                (ref, other) -> Oks.of(ref.points(), ref.area(), other.points(), ref.sigmas()), threshold);
        List<AgreementUnit> objects = Drawn.units(item, sets, OBJECT_KIND, clusters, p -> List.of(p.id()), p -> AgreementValue.of(p.label()));
        if (!visibilityUnits) {
            return objects;
        }
        List<AgreementUnit> out = new ArrayList<>();
        for (int c = 0; c < clusters.size(); c++) {
            out.add(objects.get(c));
            List<Clusters.Member<Person>> cluster = clusters.get(c);
            int points = cluster.stream().mapToInt(m -> m.object().points().size()).max().orElse(0);
            String base = VISIBILITY_KIND + ":" + sets.get(cluster.get(0).set()).annotator() + "/" + cluster.get(0).object().id() + "#";
            for (int k = 0; k < points; k++) {
                Map<String, AgreementUnit.Rating> ratings = new LinkedHashMap<>();
                for (Clusters.Member<Person> m : cluster) {
                    Keypoints kp = m.object().points();
                    if (k < kp.size()) {
                        ratings.put(sets.get(m.set()).annotator(),
                                new AgreementUnit.Rating(AgreementValue.of(kp.visibility(k)), List.of(m.object().id()), Math.min(1, m.quality())));
                    }
                }
                out.add(new AgreementUnit(item.id(), base + (k + 1), VISIBILITY_KIND, MeasurementLevel.NOMINAL, ratings));
            }
        }
        return out;
    }

    private static List<Person> people(AnnotationSet set) {
        List<Person> out = new ArrayList<>();
        for (Annotation a : set.annotations()) {
            if (a.typeId().equals(Keypoints.TYPE) && Drawn.shape(a) instanceof Keypoints k) {
                out.add(new Person(a.id(), a.label(), k, scale(set, k), Oks.sigmas(k.size())));
            }
        }
        return out;
    }

    /** The object's area: its box's when the payload names one in the set, else its labelled points' extent. */
    private static double scale(AnnotationSet set, Keypoints k) {
        if (!k.box().isEmpty()) {
            Shape box = set.annotation(k.box()).map(Drawn::shape).orElse(null);
            if (box instanceof BoundingBox b) {
                return b.area();
            }
        }
        BoundingBox extent = k.bounds();
        return extent == null ? 0 : extent.area();
    }
}
