package dev.vellum.quality.tests;

import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small image project for the dashboard tests, with known sets, states, modification days and
 * labels:
 * <ul>
 * <li>i1: alice SUBMITTED on 2 Nov (car, car, person); bob ACCEPTED on 3 Nov (car)</li>
 * <li>i2: alice IN_PROGRESS on 2 Nov (truck)</li>
 * <li>i3: bob REJECTED on 3 Nov (person)</li>
 * </ul>
 */
final class QualityProjects {
    static final Instant NOV2 = Instant.parse("2026-11-02T10:00:00Z");
    static final Instant NOV3 = Instant.parse("2026-11-03T15:00:00Z");

    private QualityProjects() {
    }

    static StoredProject small(Path dir) throws Exception {
        StoredProject p = new FolderProjectStore().create(dir.toString(), "dash", "Dashboard test");
        p.saveItem(item("i1", set("alice", AnnotationState.SUBMITTED, NOV2, "car", "car", "person"),
                set("bob", AnnotationState.ACCEPTED, NOV3, "car")));
        p.saveItem(item("i2", set("alice", AnnotationState.IN_PROGRESS, NOV2, "truck")));
        p.saveItem(item("i3", set("bob", AnnotationState.REJECTED, NOV3, "person")));
        return p;
    }

    static Item item(String id, AnnotationSet... sets) {
        return new Item(id, "", List.of(new Asset("media/" + id + ".png", "image", "", Map.of())), Map.of(), List.of(), List.of(sets));
    }

    static AnnotationSet set(String annotator, AnnotationState state, Instant modified, String... labels) {
        List<Annotation> as = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            as.add(new Annotation("a" + i, "image.tag", labels[i], Map.of(), 1, Map.of(), Provenance.HUMAN, annotator, modified, modified));
        }
        return new AnnotationSet(annotator, state, 0, modified.minusSeconds(600), modified, as);
    }

    /** An event about one annotator's set at {@code time}. */
    static AuditEvent event(String time, String kind, String item, String annotator, Map<String, Object> after, String detail) {
        return new AuditEvent(0, Instant.parse(time), "rita", 0, kind, item, annotator, "", null, after, detail, "");
    }
}
