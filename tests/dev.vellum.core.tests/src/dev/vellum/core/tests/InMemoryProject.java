package dev.vellum.core.tests;

import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A store kept in memory that counts writes, so tests can see what a session saves. */
final class InMemoryProject implements StoredProject {
    final Project project;
    final Map<String, Item> saved = new LinkedHashMap<>();
    final List<String> writes = new ArrayList<>();
    int loads;
    /** Whether appending to the audit trail fails. */
    boolean auditFails;
    /** What the audit trail received. */
    final List<dev.vellum.core.audit.AuditEvent> audited = new ArrayList<>();
    private final dev.vellum.core.audit.AuditLog audit = new dev.vellum.core.audit.AuditLog() {
        @Override
        public List<dev.vellum.core.audit.AuditEvent> append(List<dev.vellum.core.audit.AuditEvent> events) throws StoreException {
            if (auditFails) {
                throw new StoreException("memory:audit", "cannot be appended to (test)");
            }
            audited.addAll(events);
            return events;
        }

        @Override
        public List<dev.vellum.core.audit.AuditEvent> events(String itemId) {
            return audited.stream().filter(e -> itemId == null || e.itemId().equals(itemId)).toList();
        }

        @Override
        public dev.vellum.core.audit.AuditVerification verify() {
            return dev.vellum.core.audit.AuditVerification.ok(audited.size(), "");
        }
    };

    InMemoryProject(Project project, List<Item> items) {
        this.project = project;
        for (Item i : items) {
            saved.put(i.id(), i.copy());
            project.putSummary(i.summary());
        }
    }

    @Override
    public String location() {
        return "memory:" + project.id();
    }

    @Override
    public Project project() {
        return project;
    }

    @Override
    public Item loadItem(String itemId) throws StoreException {
        Item i = saved.get(itemId);
        if (i == null) {
            throw new StoreException("memory:" + itemId, "no such item");
        }
        loads++;
        return i.copy();
    }

    @Override
    public void saveItem(Item item) {
        writes.add(item.id());
        saved.put(item.id(), item.copy());
        project.putSummary(item.summary());
    }

    @Override
    public void saveProject() {
        writes.add("(project)");
    }

    @Override
    public void deleteItem(String itemId) {
        saved.remove(itemId);
        project.removeSummary(itemId);
    }

    private final dev.vellum.core.spi.ProjectDocuments documents = dev.vellum.core.spi.ProjectDocuments.inMemory();

    @Override
    public dev.vellum.core.spi.ProjectDocuments documents() {
        return documents;
    }

    @Override
    public dev.vellum.core.audit.AuditLog audit() {
        return audit;
    }

    @Override
    public URI resolve(Asset asset) {
        return URI.create("memory:/" + asset.uri());
    }

    @Override
    public List<String> checkMedia(Item item) {
        return item.assets().stream().filter(a -> a.uri().contains("missing"))
                .map(a -> "items/" + item.id() + ".json: media " + a.uri() + " does not exist").toList();
    }

    @Override
    public void close() {
    }
}
