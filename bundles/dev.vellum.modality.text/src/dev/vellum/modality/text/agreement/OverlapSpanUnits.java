package dev.vellum.modality.text.agreement;

import dev.vellum.core.agreement.Assignment;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.core.spi.MeasurementLevel;
import dev.vellum.modality.text.model.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Spans matched by overlap: two annotators' spans are the same mention when they share characters,
 * and which pairs are matched is decided by optimal assignment ({@link Assignment}: as many pairs
 * as possible, then the largest summed overlap), so that nested spans (an ORG containing a LOC)
 * pair with their counterparts and not across. Overlap is measured as the Jaccard index of the two
 * character ranges (shared characters over characters covered by either), which is also each
 * rating's match quality. Each match, or unmatched span, is a unit whose values are the labels;
 * an annotator without a matching span is missing. Unit ids are
 * {@code text.span-overlap:<annotator>/<annotationId>} of the span that founded the unit.
 * <p>
 * More than two annotators: the first set's spans found units; each next set is matched optimally
 * to the units so far by its spans' mean overlap with their members, and its unmatched spans found
 * new units (the image modality's shapes are clustered the same way). Relations become units per
 * pair of these span units (see {@link RelationPairs}), kind {@value #RELATION_KIND}.
 */
@Component(service = AgreementUnits.class)
public final class OverlapSpanUnits extends TextUnits {
    /** The service id. */
    public static final String ID = "text.spans-overlap";
    /** The kind of its span units. */
    public static final String SPAN_KIND = "text.span-overlap";
    /** The kind of its relation units. */
    public static final String RELATION_KIND = "text.relation-overlap";
    /** The component property giving the least overlap (Jaccard index) of a match. */
    public static final String OVERLAP_THRESHOLD = "overlap.threshold";
    /** The component property that, when true, matches only spans with the same label. */
    public static final String SAME_LABEL_ONLY = "match.sameLabelOnly";
    /** By default any shared character makes spans candidates for matching. */
    public static final double DEFAULT_OVERLAP_THRESHOLD = 0;

    private final double threshold;
    private final boolean sameLabelOnly;

    /** Matching any overlap, across labels. */
    public OverlapSpanUnits() {
        this(DEFAULT_OVERLAP_THRESHOLD, false);
    }

    /**
     * @param threshold     the least Jaccard index of a match, in 0..1 (a match also needs a shared character)
     * @param sameLabelOnly whether spans with different labels may match (false: a label
     *                      disagreement on one mention shows as different values in one unit)
     */
    public OverlapSpanUnits(double threshold, boolean sameLabelOnly) {
        super(ID, "Spans matched by overlap, and their relations");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("overlap threshold must be within 0..1, found " + threshold);
        }
        this.threshold = threshold;
        this.sameLabelOnly = sameLabelOnly;
    }

    /** As configured through the component properties {@value #OVERLAP_THRESHOLD} and {@value #SAME_LABEL_ONLY}. */
    @Activate
    public OverlapSpanUnits(Map<String, Object> properties) {
        this(Marked.number(properties, OVERLAP_THRESHOLD, DEFAULT_OVERLAP_THRESHOLD), Marked.flag(properties, SAME_LABEL_ONLY, false));
    }

    /**
     * The Jaccard index of two character ranges: shared characters over characters in either; 1
     * for two empty spans at one place, 0 for an empty span and any other.
     */
    public static double overlap(Span a, Span b) {
        if (a.length() == 0 || b.length() == 0) {
            return a.length() == 0 && b.length() == 0 && a.start() == b.start() ? 1 : 0;
        }
        int shared = Math.min(a.end(), b.end()) - Math.max(a.start(), b.start());
        return shared <= 0 ? 0 : (double) shared / (a.length() + b.length() - shared);
    }

    private record Member(int set, Marked.MarkedSpan span, double quality) {
    }

    @Override
    public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
        Marked.requireDistinct(item, sets);
        List<Marked> marked = Marked.of(sets);
        List<List<Member>> clusters = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            List<Marked.MarkedSpan> spans = marked.get(s).spans;
            if (spans.isEmpty()) {
                continue;
            }
            int[] match = new int[spans.size()];
            Arrays.fill(match, -1);
            if (!clusters.isEmpty()) {
                match = Assignment.match(spans.size(), clusters.size(), candidates(clusters, spans));
            }
            List<List<Member>> founded = new ArrayList<>();
            for (int i = 0; i < spans.size(); i++) {
                Marked.MarkedSpan sp = spans.get(i);
                if (match[i] >= 0) {
                    List<Member> c = clusters.get(match[i]);
                    c.add(new Member(s, sp, meanSimilarity(c, sp)));
                } else {
                    List<Member> c = new ArrayList<>();
                    c.add(new Member(s, sp, 1));
                    founded.add(c);
                }
            }
            clusters.addAll(founded);
        }
        List<AgreementUnit> out = new ArrayList<>(clusters.size());
        List<String> unitIds = new ArrayList<>(clusters.size());
        List<Map<String, RelationPairs.Placed>> placed = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            placed.add(new HashMap<>());
        }
        for (List<Member> c : clusters) {
            Member founder = c.get(0);
            String local = sets.get(founder.set()).annotator() + "/" + founder.span().id();
            Map<String, AgreementUnit.Rating> ratings = new LinkedHashMap<>();
            for (Member m : c) {
                double q = Math.min(1, m.quality());
                ratings.put(sets.get(m.set()).annotator(), new AgreementUnit.Rating(AgreementValue.of(m.span().label()), List.of(m.span().id()), q));
                placed.get(m.set()).put(m.span().id(), new RelationPairs.Placed(unitIds.size(), q));
            }
            out.add(new AgreementUnit(item.id(), SPAN_KIND + ":" + local, SPAN_KIND, MeasurementLevel.NOMINAL, ratings));
            unitIds.add(local);
        }
        out.addAll(RelationPairs.units(item, sets, marked, RELATION_KIND, unitIds, placed));
        return out;
    }

    private double similarity(Marked.MarkedSpan a, Marked.MarkedSpan b) {
        return sameLabelOnly && !a.label().equals(b.label()) ? 0 : overlap(a.span(), b.span());
    }

    private double meanSimilarity(List<Member> cluster, Marked.MarkedSpan s) {
        double sum = 0;
        for (Member m : cluster) {
            sum += similarity(m.span(), s);
        }
        return sum / cluster.size();
    }

    /**
     * Candidate pairs (span, cluster): only clusters with a member overlapping the span can have a
     * mean overlap above zero, and those are found by binary search over the members sorted by
     * start, so 20,000 spans are not compared with 20,000 others.
     */
    private List<Assignment.Edge> candidates(List<List<Member>> clusters, List<Marked.MarkedSpan> spans) {
        int count = 0;
        for (List<Member> c : clusters) {
            count += c.size();
        }
        long[] members = new long[count]; // start << 32 | cluster, sorted by start
        int k = 0, longest = 0;
        for (int c = 0; c < clusters.size(); c++) {
            for (Member m : clusters.get(c)) {
                members[k++] = (long) m.span().span().start() << 32 | c;
                longest = Math.max(longest, m.span().span().length());
            }
        }
        Arrays.sort(members);
        int[] seenBy = new int[clusters.size()];
        Arrays.fill(seenBy, -1);
        List<Assignment.Edge> edges = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i).span();
            long from = (long) Math.max(0, s.start() - longest) << 32;
            int at = Arrays.binarySearch(members, from);
            for (int j = at >= 0 ? at : -at - 1; j < members.length && (int) (members[j] >>> 32) <= s.end(); j++) {
                int c = (int) members[j];
                if (seenBy[c] == i) {
                    continue;
                }
                seenBy[c] = i;
                double sim = meanSimilarity(clusters.get(c), spans.get(i));
                if (sim > 0 && sim >= threshold) {
                    edges.add(new Assignment.Edge(i, c, sim));
                }
            }
        }
        return edges;
    }
}
