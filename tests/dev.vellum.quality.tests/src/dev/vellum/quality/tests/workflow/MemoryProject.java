package dev.vellum.quality.tests.workflow;

import dev.vellum.core.audit.AuditChain;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.audit.AuditLog;
import dev.vellum.core.audit.AuditVerification;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.core.model.Provenance;
import dev.vellum.core.model.WorkflowSettings;
import dev.vellum.core.spi.ProjectDocuments;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A project held in memory, with documents and an audit log that keeps what is appended: for queues over many items. */
final class MemoryProject implements StoredProject {
    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private final Project project;
    private final Map<String, Item> items = new HashMap<>();
    private final ProjectDocuments documents = ProjectDocuments.inMemory();
    final List<AuditEvent> events = new ArrayList<>();
    private final AuditLog audit = new AuditLog() {
        @Override
        public List<AuditEvent> append(List<AuditEvent> added) {
            List<AuditEvent> out = new ArrayList<>();
            for (AuditEvent e : added) {
                AuditEvent r = e.recorded(events.size() + 1, "x");
                events.add(r);
                out.add(r);
            }
            return out;
        }

        @Override
        public List<AuditEvent> events(String itemId) {
            return events.stream().filter(e -> itemId == null || e.itemId().equals(itemId)).toList();
        }

        @Override
        public AuditVerification verify() {
            return AuditVerification.ok(events.size(), AuditChain.GENESIS);
        }
    };

    MemoryProject(int overlap, String... stages) {
        project = new Project("p", "P", T0, List.of(), new WorkflowSettings(overlap, List.of(stages)), 0, Map.of());
    }

    /** Adds an item with these sets. */
    Item add(String id, String dataset, AnnotationSet... sets) {
        Item item = new Item(id, dataset, List.of(new Asset("media/" + id + ".png", "image", "", null)), null, null, List.of(sets));
        items.put(id, item.copy());
        project.putSummary(item.summary());
        return item;
    }

    static AnnotationSet set(String annotator, AnnotationState state, String... annotationIds) {
        List<Annotation> as = new ArrayList<>();
        for (String a : annotationIds) {
            as.add(new Annotation(a, "image.tag", "car", Map.of(), 1, Map.of(), Provenance.HUMAN, annotator, T0, T0));
        }
        return new AnnotationSet(annotator, state, 0, T0, T0, as);
    }

    /** Starts (or moves) the annotator's set on the item to {@code state}, as if they had worked on it. */
    void work(String itemId, String annotator, AnnotationState state) {
        Item item = items.get(itemId);
        item.removeSet(annotator);
        item.putSet(set(annotator, state));
        project.putSummary(item.summary());
    }

    @Override
    public String location() {
        return "memory:p";
    }

    @Override
    public Project project() {
        return project;
    }

    @Override
    public Item loadItem(String itemId) throws StoreException {
        Item item = items.get(itemId);
        if (item == null) {
            throw new StoreException("items/" + itemId, "no such item");
        }
        return item.copy();
    }

    @Override
    public void saveItem(Item item) {
        items.put(item.id(), item.copy());
        project.putSummary(item.summary());
    }

    @Override
    public void saveProject() {
    }

    @Override
    public void deleteItem(String itemId) {
        items.remove(itemId);
        project.removeSummary(itemId);
    }

    @Override
    public ProjectDocuments documents() {
        return documents;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public URI resolve(Asset asset) {
        return URI.create("memory:" + asset.uri());
    }

    @Override
    public List<String> checkMedia(Item item) {
        return List.of();
    }

    @Override
    public void close() {
    }
}
