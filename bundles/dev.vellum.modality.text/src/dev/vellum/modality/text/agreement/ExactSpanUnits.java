package dev.vellum.modality.text.agreement;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AgreementUnit;
import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.AgreementValue;
import dev.vellum.core.spi.MeasurementLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;

/**
 * Spans matched exactly: one unit per distinct (start, end) any annotator marked, whose values are
 * the labels given there; an annotator with no span at exactly those offsets is missing. Stacked
 * spans of one annotator at one place rate it with their labels joined ({@code LOC+ORG}). Unit ids
 * are {@code text.span-exact:<start>-<end>}, in document order (start, longer first). Relations
 * become units per pair of these span units (see {@link RelationPairs}), kind
 * {@value #RELATION_KIND}.
 */
@Component(service = AgreementUnits.class)
public final class ExactSpanUnits extends TextUnits {
    /** The service id. */
    public static final String ID = "text.spans-exact";
    /** The kind of its span units. */
    public static final String SPAN_KIND = "text.span-exact";
    /** The kind of its relation units. */
    public static final String RELATION_KIND = "text.relation-exact";

    /** The DS service. */
    public ExactSpanUnits() {
        super(ID, "Spans matched exactly, and their relations");
    }

    @Override
    public List<AgreementUnit> units(Item item, List<AnnotationSet> sets, LabelSchema schema) {
        Marked.requireDistinct(item, sets);
        List<Marked> marked = Marked.of(sets);
        // (start, end) in document order -> per set index: its spans there
        TreeMap<long[], Map<Integer, List<Marked.MarkedSpan>>> places = new TreeMap<>(
                (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(b[1], a[1]));
        for (int i = 0; i < sets.size(); i++) {
            for (Marked.MarkedSpan s : marked.get(i).spans) {
                int set = i;
                places.computeIfAbsent(new long[] {s.span().start(), s.span().end()}, k -> new LinkedHashMap<>())
                        .computeIfAbsent(set, k -> new ArrayList<>()).add(s);
            }
        }
        List<AgreementUnit> out = new ArrayList<>();
        List<String> unitIds = new ArrayList<>(places.size());
        List<Map<String, RelationPairs.Placed>> placed = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            placed.add(new HashMap<>());
        }
        for (var e : places.entrySet()) {
            String local = e.getKey()[0] + "-" + e.getKey()[1];
            Map<String, AgreementUnit.Rating> ratings = new LinkedHashMap<>();
            for (var bySet : e.getValue().entrySet()) {
                List<Marked.MarkedSpan> spans = bySet.getValue();
                List<String> ids = spans.stream().map(Marked.MarkedSpan::id).toList();
                ratings.put(sets.get(bySet.getKey()).annotator(),
                        new AgreementUnit.Rating(AgreementValue.of(Marked.joined(spans.stream().map(Marked.MarkedSpan::label).toList())), ids, 1));
                for (String id : ids) {
                    placed.get(bySet.getKey()).put(id, new RelationPairs.Placed(unitIds.size(), 1));
                }
            }
            out.add(new AgreementUnit(item.id(), SPAN_KIND + ":" + local, SPAN_KIND, MeasurementLevel.NOMINAL, ratings));
            unitIds.add(local);
        }
        out.addAll(RelationPairs.units(item, sets, marked, RELATION_KIND, unitIds, placed));
        return out;
    }
}
