package dev.vellum.modality.preference.tests;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.Rationale;
import dev.vellum.modality.preference.model.Response;
import dev.vellum.modality.preference.model.Rubric;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Building preference items, judgements and projects for tests. */
final class Prefs {
    private Prefs() {
    }

    static Comparison comparison(String... responseIds) {
        List<Response> responses = new ArrayList<>();
        for (String id : responseIds) {
            responses.add(new Response(id, "Answer " + id + ": some text of response " + id + ".", Map.of("model", "m-" + id)));
        }
        return new Comparison(List.of(new Message("user", "Question?")), responses, Map.of());
    }

    static Annotation pairwise(String id, String preferred, int strength, String... order) {
        return Annotation.create(id, Pairwise.TYPE, "", new Pairwise(preferred, strength, List.of(order)).toPayload(), "t");
    }

    /** A ranking from alternating ids and ranks: {@code ranking("r", "A", 1, "B", 2)}. */
    static Annotation ranking(String id, Object... idsAndRanks) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (int i = 0; i < idsAndRanks.length; i += 2) {
            ranks.put((String) idsAndRanks[i], (Integer) idsAndRanks[i + 1]);
        }
        return Annotation.create(id, Ranking.TYPE, "", new Ranking(ranks, List.of()).toPayload(), "t");
    }

    /** Rubric scores from alternating dimensions and scores. */
    static Annotation rubric(String id, String response, Object... dimsAndScores) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (int i = 0; i < dimsAndScores.length; i += 2) {
            scores.put((String) dimsAndScores[i], (Integer) dimsAndScores[i + 1]);
        }
        return Annotation.create(id, Rubric.TYPE, "", new Rubric(response, scores, List.of()).toPayload(), "t");
    }

    static Annotation flag(String id, String response, String flag, Integer start, Integer end) {
        return Annotation.create(id, Flag.TYPE, "", new Flag(response, flag, start, end).toPayload(), "t");
    }

    static Annotation withRationale(Annotation a, String text) {
        return a.withAttributes(Rationale.with(a, text), "t");
    }

    static AnnotationSet set(String annotator, Annotation... annotations) {
        return set(annotator, AnnotationState.IN_PROGRESS, annotations);
    }

    static AnnotationSet set(String annotator, AnnotationState state, Annotation... annotations) {
        AnnotationSet set = AnnotationSet.start(annotator, 1);
        for (Annotation a : annotations) {
            set.insert(-1, a);
        }
        set.setState(state);
        return set;
    }

    static Item item(String id, AnnotationSet... sets) {
        return new Item(id, "", List.of(new Asset("media/" + id + ".json", PreferenceModality.ID, "", Map.of())), null, null, List.of(sets));
    }

    /** A new folder project in {@code dir} with extensions. */
    static StoredProject project(Path dir, Map<String, Object> extensions) throws StoreException {
        StoredProject p = new FolderProjectStore().create(dir.toString(), "p", "p");
        if (extensions != null) {
            p.project().setExtensions(extensions);
            p.saveProject();
        }
        return p;
    }

    /** Writes {@code c} as the comparison of item {@code itemId} and saves the item. */
    static Item put(StoredProject p, Comparison c, Item item) throws StoreException {
        p.documents().write("media/" + item.id() + ".json", c.toJsonText());
        p.saveItem(item);
        return item;
    }
}
