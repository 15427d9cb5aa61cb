package dev.vellum.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A project: its settings, label schemas and the summaries of all its items. Full items are loaded
 * on demand through the store, so a project of any size opens quickly.
 */
public final class Project {
    private final String id;
    private String name;
    private final Instant created;
    private final LinkedHashMap<String, LabelSchema> schemas = new LinkedHashMap<>();
    private WorkflowSettings workflow;
    private int currentGuidelineVersion;
    private Map<String, Object> extensions;
    private final LinkedHashMap<String, ItemSummary> items = new LinkedHashMap<>();

    /**
     * @param id                      stable id
     * @param name                    display name
     * @param created                 creation time
     * @param schemas                 label schemas, one per modality id
     * @param workflow                workflow settings
     * @param currentGuidelineVersion latest published guideline version (0: none yet)
     * @param extensions              settings of plugins kept verbatim (JSON-shaped), by key
     */
    public Project(String id, String name, Instant created, Collection<LabelSchema> schemas, WorkflowSettings workflow,
            int currentGuidelineVersion, Map<String, Object> extensions) {
        this.id = Ids.requireValid(id, "project id");
        this.name = Objects.requireNonNull(name, "name");
        this.created = Objects.requireNonNull(created, "created");
        if (schemas != null) {
            for (LabelSchema s : schemas) {
                if (this.schemas.put(s.modalityId(), s) != null) {
                    throw new IllegalArgumentException("two label schemas for modality '" + s.modalityId() + "'");
                }
            }
        }
        this.workflow = workflow == null ? WorkflowSettings.DEFAULT : workflow;
        this.currentGuidelineVersion = currentGuidelineVersion;
        this.extensions = JsonTrees.copy(extensions);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = Objects.requireNonNull(name);
    }

    public Instant created() {
        return created;
    }

    /** Label schemas, unmodifiable, by modality id. */
    public Map<String, LabelSchema> schemas() {
        return Collections.unmodifiableMap(schemas);
    }

    /** The schema of {@code modalityId}, if the project defines one. */
    public Optional<LabelSchema> schema(String modalityId) {
        return Optional.ofNullable(schemas.get(modalityId));
    }

    /** Adds or replaces the schema of its modality. */
    public void putSchema(LabelSchema schema) {
        schemas.put(schema.modalityId(), schema);
    }

    /**
     * Adds to the label schema of {@code modalityId} (made when the project has none) the classes
     * whose names it lacks, after its own; the classes it has stay as they are. This is how
     * importers add the labels they met.
     *
     * @return whether the schema changed
     * @throws IllegalArgumentException when an added class's hotkey is taken
     */
    public boolean addMissingLabels(String modalityId, Collection<LabelClass> classes) {
        LabelSchema schema = schemas.get(modalityId);
        List<LabelClass> all = new ArrayList<>(schema == null ? List.of() : schema.classes());
        Set<String> names = new HashSet<>();
        all.forEach(c -> names.add(c.name()));
        boolean changed = false;
        for (LabelClass c : classes) {
            if (names.add(c.name())) {
                all.add(c);
                changed = true;
            }
        }
        if (changed) {
            putSchema(new LabelSchema(modalityId, all));
        }
        return changed;
    }

    public WorkflowSettings workflow() {
        return workflow;
    }

    public void setWorkflow(WorkflowSettings workflow) {
        this.workflow = Objects.requireNonNull(workflow);
    }

    public int currentGuidelineVersion() {
        return currentGuidelineVersion;
    }

    public void setCurrentGuidelineVersion(int version) {
        this.currentGuidelineVersion = version;
    }

    /** Plugin settings kept verbatim. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    public void setExtensions(Map<String, Object> extensions) {
        this.extensions = JsonTrees.copy(extensions);
    }

    /** Summaries of all items in project order, unmodifiable. */
    public Collection<ItemSummary> items() {
        return Collections.unmodifiableCollection(items.values());
    }

    /** Ids of all items in project order. */
    public List<String> itemIds() {
        return new ArrayList<>(items.keySet());
    }

    /** The summary of an item, if the project has it. */
    public Optional<ItemSummary> item(String itemId) {
        return Optional.ofNullable(items.get(itemId));
    }

    /** Number of items. */
    public int itemCount() {
        return items.size();
    }

    /** Adds or updates an item's summary (stores and sessions keep it current). */
    public void putSummary(ItemSummary summary) {
        items.put(summary.id(), summary);
    }

    /** Forgets an item's summary. */
    public void removeSummary(String itemId) {
        items.remove(itemId);
    }
}
