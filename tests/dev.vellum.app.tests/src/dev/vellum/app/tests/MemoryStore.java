package dev.vellum.app.tests;

import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.core.spi.ProjectStore;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A store that keeps projects in memory under {@code mem:} locations, so the workbench can be tested
 * without the folder store. Loading hands out copies, as a real store reads files afresh.
 */
final class MemoryStore implements ProjectStore {
    final Map<String, MemoryProject> projects = new HashMap<>();

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public int accepts(String location) {
        return location.startsWith("mem:") ? 100 : 0;
    }

    @Override
    public StoredProject create(String location, String projectId, String name) throws StoreException {
        if (projects.containsKey(location)) {
            throw new StoreException(location, "a project exists here already");
        }
        MemoryProject p = new MemoryProject(location, new Project(projectId, name, Instant.now(), List.of(), null, 0, Map.of()));
        projects.put(location, p);
        return p;
    }

    @Override
    public StoredProject open(String location) throws StoreException {
        MemoryProject p = projects.get(location);
        if (p == null) {
            throw new StoreException(location, "no project here");
        }
        p.closed = false;
        return p;
    }

    /** One project held in memory. */
    static final class MemoryProject implements StoredProject {
        private final String location;
        private final Project project;
        private final Map<String, Item> items = new LinkedHashMap<>();
        final Set<String> broken = new HashSet<>();
        final Map<String, List<String>> missingMedia = new HashMap<>();
        final List<String> saved = new ArrayList<>();
        final List<String> unreadable = new ArrayList<>();
        boolean closed;

        MemoryProject(String location, Project project) {
            this.location = location;
            this.project = project;
        }

        void put(Item item) {
            items.put(item.id(), item.copy());
            project.putSummary(item.summary());
        }

        @Override
        public List<String> problems() {
            return List.copyOf(unreadable);
        }

        Item storedCopy(String id) {
            return items.get(id).copy();
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public Project project() {
            return project;
        }

        @Override
        public Item loadItem(String itemId) throws StoreException {
            if (broken.contains(itemId)) {
                throw new StoreException("/p/items/" + itemId + ".json", "line 3: unexpected end of file");
            }
            Item item = items.get(itemId);
            if (item == null) {
                throw new StoreException("/p/items/" + itemId + ".json", "no such item");
            }
            return item.copy();
        }

        @Override
        public void saveItem(Item item) {
            items.put(item.id(), item.copy());
            project.putSummary(item.summary());
            saved.add(item.id());
        }

        @Override
        public void saveProject() {
        }

        @Override
        public void deleteItem(String itemId) {
            items.remove(itemId);
            project.removeSummary(itemId);
        }

        private final dev.vellum.core.spi.ProjectDocuments documents = dev.vellum.core.spi.ProjectDocuments.inMemory();

        @Override
        public dev.vellum.core.spi.ProjectDocuments documents() {
            return documents;
        }

        @Override
        public URI resolve(Asset asset) {
            return URI.create("mem:/" + asset.uri());
        }

        @Override
        public List<String> checkMedia(Item item) {
            return missingMedia.getOrDefault(item.id(), List.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
