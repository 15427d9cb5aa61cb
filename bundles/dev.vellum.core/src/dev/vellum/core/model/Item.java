package dev.vellum.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The unit of work: one asset, a group of synchronized assets (camera + lidar), or a prompt with
 * candidate responses; with the annotators assigned to it and each one's annotation set.
 */
public final class Item {
    private final String id;
    private final String dataset;
    private final List<Asset> assets;
    private final Map<String, Object> metadata;
    private final List<String> assignees;
    private final LinkedHashMap<String, AnnotationSet> sets = new LinkedHashMap<>();

    /**
     * @param id        unique in the project; a valid {@link Ids id}
     * @param dataset   the dataset (folder, batch) the item belongs to; may be empty
     * @param assets    at least one; the first decides the item's modality
     * @param metadata  JSON-shaped facts about the item (source, split...)
     * @param assignees users assigned to annotate it
     * @param sets      annotation sets, at most one per annotator
     */
    public Item(String id, String dataset, List<Asset> assets, Map<String, Object> metadata, List<String> assignees,
            Collection<AnnotationSet> sets) {
        this.id = Ids.requireValid(id, "item id");
        this.dataset = dataset == null ? "" : dataset;
        this.assets = List.copyOf(Objects.requireNonNull(assets, "assets"));
        if (this.assets.isEmpty()) {
            throw new IllegalArgumentException("item '" + id + "' has no asset");
        }
        this.metadata = JsonTrees.copy(metadata);
        this.assignees = new ArrayList<>(assignees == null ? List.of() : assignees);
        if (sets != null) {
            for (AnnotationSet s : sets) {
                putSet(s);
            }
        }
    }

    public String id() {
        return id;
    }

    public String dataset() {
        return dataset;
    }

    public List<Asset> assets() {
        return assets;
    }

    /** The modality of the first asset. */
    public String modalityId() {
        return assets.get(0).modalityId();
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    /** Users assigned to this item, unmodifiable. */
    public List<String> assignees() {
        return Collections.unmodifiableList(assignees);
    }

    /** Assigns a user (no effect if already assigned). */
    public void assign(String user) {
        if (!assignees.contains(user)) {
            assignees.add(user);
        }
    }

    /** All annotation sets, in the order annotators started. */
    public Collection<AnnotationSet> sets() {
        return Collections.unmodifiableCollection(sets.values());
    }

    /** The set of {@code annotator}, if they started one. */
    public Optional<AnnotationSet> set(String annotator) {
        return Optional.ofNullable(sets.get(annotator));
    }

    /**
     * Adds a set.
     *
     * @throws IllegalArgumentException when the annotator already has one
     */
    public void putSet(AnnotationSet set) {
        if (sets.containsKey(set.annotator())) {
            throw new IllegalArgumentException("item '" + id + "' has two annotation sets of " + set.annotator());
        }
        sets.put(set.annotator(), set);
    }

    /** Removes the set of {@code annotator}, returning it if there was one. */
    public Optional<AnnotationSet> removeSet(String annotator) {
        return Optional.ofNullable(sets.remove(annotator));
    }

    /** A deep copy. */
    public Item copy() {
        List<AnnotationSet> copies = new ArrayList<>();
        for (AnnotationSet s : sets.values()) {
            copies.add(s.copy());
        }
        return new Item(id, dataset, assets, metadata, assignees, copies);
    }

    /** The summary shown in lists, computed from the current state. */
    public ItemSummary summary() {
        return ItemSummary.of(this);
    }
}
