package dev.vellum.quality.tests;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.registry.AgreementRegistry;
import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Tag;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.quality.agreement.RatingTable;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds projects of real modality annotations in a folder store, and reads rating tables back as text. */
final class Fixtures {
    private Fixtures() {
    }

    /** A registry holding exactly {@code services}, as DS would fill it. */
    static AgreementRegistry registry(AgreementUnits... services) {
        AgreementRegistry r = new AgreementRegistry();
        for (AgreementUnits s : services) {
            r.addUnits(s);
        }
        return r;
    }

    static StoredProject project(Path folder) throws Exception {
        return new FolderProjectStore().create(folder.toString(), "p", "P");
    }

    static Annotation box(String id, String label, double x, double y, double w, double h) {
        return Annotation.create(id, BoundingBox.TYPE, label, new BoundingBox(x, y, w, h).toPayload(), "x");
    }

    static Annotation tag(String id, String label) {
        return Annotation.create(id, Tag.TYPE, label, new Tag().toPayload(), "x");
    }

    static Annotation ranking(String id, Map<String, Integer> ranks) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ranks", new LinkedHashMap<>(ranks));
        return Annotation.create(id, Ranking.TYPE, "", payload, "x");
    }

    /** A set last annotated at {@code modified} (its annotations made then or a minute before). */
    static AnnotationSet set(String annotator, AnnotationState state, Instant modified, Annotation... annotations) {
        List<Annotation> made = new java.util.ArrayList<>();
        for (Annotation a : annotations) {
            made.add(new Annotation(a.id(), a.typeId(), a.label(), a.attributes(), a.payloadVersion(), a.payload(), a.provenance(),
                    a.author(), modified.minusSeconds(60), modified));
        }
        return new AnnotationSet(annotator, state, 1, modified.minusSeconds(3600), modified, made);
    }

    static AnnotationSet submitted(String annotator, Instant modified, Annotation... annotations) {
        return set(annotator, AnnotationState.SUBMITTED, modified, annotations);
    }

    static Item item(String id, String modality, AnnotationSet... sets) {
        String ext = switch (modality) {
            case "image" -> ".png";
            case "text" -> ".txt";
            default -> ".json";
        };
        return new Item(id, "", List.of(new Asset("media/" + id + ext, modality, "", null)), null, null, List.of(sets));
    }

    /**
     * The table's rows as text, one per unit, sorted: {@code "alice=car bob=car carol=-"}, raters in
     * {@code raters} order, {@code -} for a missing cell. Unit names are left out: they are the
     * modality's, and the tests pin what the table holds.
     */
    static List<String> rows(RatingTable t, String... raters) {
        List<String> out = new ArrayList<>();
        for (int u = 0; u < t.unitCount(); u++) {
            StringBuilder b = new StringBuilder();
            for (String r : raters) {
                int c = t.raters().indexOf(r);
                String v;
                if (c < 0 || t.isMissing(u, c)) {
                    v = "-";
                } else if (t.isNumeric()) {
                    double d = t.cell(u, c);
                    v = d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
                } else {
                    v = t.categories().get((int) t.cell(u, c));
                }
                b.append(b.isEmpty() ? "" : " ").append(r).append('=').append(v);
            }
            out.add(b.toString());
        }
        out.sort(null);
        return out;
    }

    /** The raters of a table, sorted. */
    static List<String> raters(RatingTable t) {
        return new ArrayList<>(new TreeSet<>(t.raters()));
    }
}
