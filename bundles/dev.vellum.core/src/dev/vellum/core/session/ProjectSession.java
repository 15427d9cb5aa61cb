package dev.vellum.core.session;

import dev.vellum.core.audit.AnnotationAudit;
import dev.vellum.core.audit.AuditEvent;
import dev.vellum.core.edit.EditCommand;
import dev.vellum.core.edit.EditHistory;
import dev.vellum.core.edit.EditTarget;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.core.session.ProjectChange.Kind;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An open project and the user working on it. Items are loaded when first needed and kept while
 * they have unsaved changes; {@link #save()} writes only changed items, each atomically.
 */
public final class ProjectSession implements EditTarget {
    /** Clean items kept in memory besides retained and changed ones, so revisiting recent items is free. */
    private static final int CLEAN_ITEMS_KEPT = 256;

    private final StoredProject stored;
    private final String user;
    private final EditHistory history = new EditHistory(1000);
    private final Map<String, Item> loaded = new LinkedHashMap<>(64, 0.75f, true);
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Set<String> dirtyOutsideHistory = new LinkedHashSet<>();
    private final List<ProjectListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> retained = new java.util.HashMap<>();
    /** Each loaded item as the store holds it (absent for items not saved yet): what saving compares against. */
    private final Map<String, Item> baseline = new java.util.HashMap<>();
    /** Events of saved items the audit trail could not take yet; the next save records them first. */
    private final List<AuditEvent> unrecorded = new java.util.ArrayList<>();

    /**
     * @param stored the open project
     * @param user   who is working: recorded as author of edits
     */
    public ProjectSession(StoredProject stored, String user) {
        this.stored = Objects.requireNonNull(stored);
        this.user = Objects.requireNonNull(user);
    }

    public StoredProject stored() {
        return stored;
    }

    public Project project() {
        return stored.project();
    }

    /** The user working on the project. */
    public String user() {
        return user;
    }

    /**
     * The live item, loading it from the store if needed.
     *
     * @throws StoreException naming the item's file when it cannot be read
     */
    public synchronized Item load(String itemId) throws StoreException {
        Item item = loaded.get(itemId);
        if (item == null) {
            item = stored.loadItem(itemId);
            loaded.put(itemId, item);
            baseline.put(itemId, item.copy());
            evictClean();
        }
        return item;
    }

    /**
     * The live item, loaded if needed and kept in memory until {@link #release}: an editor showing
     * an item retains it, so the object it draws is always the one edits change. Calls nest.
     *
     * @throws StoreException naming the item's file when it cannot be read
     */
    public synchronized Item retain(String itemId) throws StoreException {
        Item item = load(itemId);
        retained.merge(itemId, 1, Integer::sum);
        return item;
    }

    /** Ends one {@link #retain} of the item; when none is left it may leave memory once saved. */
    public synchronized void release(String itemId) {
        retained.computeIfPresent(itemId, (k, n) -> n > 1 ? n - 1 : null);
    }

    /**
     * The live, already loaded item; for commands.
     *
     * @throws IllegalArgumentException when it is not loaded
     */
    @Override
    public synchronized Item item(String itemId) {
        Item item = loaded.get(itemId);
        if (item == null) {
            throw new IllegalArgumentException("item '" + itemId + "' is not loaded");
        }
        return item;
    }

    /**
     * Executes an edit: loads the items it touches, applies it, records it for undo, marks the items
     * changed and tells listeners.
     *
     * @throws StoreException when an item cannot be loaded; nothing is changed then
     */
    public void execute(EditCommand command) throws StoreException {
        synchronized (this) {
            for (String id : command.itemIds()) {
                load(id);
            }
            history.execute(command, this);
            changed(command.itemIds());
        }
        fire(new ProjectChange(Kind.ITEMS_CHANGED, command.itemIds()));
    }

    /**
     * Reverses the last edit; returns what it was.
     *
     * @throws StoreException when an item it touches cannot be loaded again; nothing is changed then
     */
    public Optional<EditCommand> undo() throws StoreException {
        Optional<EditCommand> c;
        synchronized (this) {
            for (String id : history.peekUndo().map(EditCommand::itemIds).orElse(Set.of())) {
                load(id);
            }
            c = history.undo(this);
            c.ifPresent(cmd -> changed(cmd.itemIds()));
        }
        c.ifPresent(cmd -> fire(new ProjectChange(Kind.ITEMS_CHANGED, cmd.itemIds())));
        return c;
    }

    /**
     * Repeats the last undone edit; returns what it was.
     *
     * @throws StoreException when an item it touches cannot be loaded again; nothing is changed then
     */
    public Optional<EditCommand> redo() throws StoreException {
        Optional<EditCommand> c;
        synchronized (this) {
            for (String id : history.peekRedo().map(EditCommand::itemIds).orElse(Set.of())) {
                load(id);
            }
            c = history.redo(this);
            c.ifPresent(cmd -> changed(cmd.itemIds()));
        }
        c.ifPresent(cmd -> fire(new ProjectChange(Kind.ITEMS_CHANGED, cmd.itemIds())));
        return c;
    }

    public synchronized boolean canUndo() {
        return history.canUndo();
    }

    public synchronized boolean canRedo() {
        return history.canRedo();
    }

    /** Labels for the Edit menu. */
    public synchronized Optional<String> undoLabel() {
        return history.undoLabel();
    }

    public synchronized Optional<String> redoLabel() {
        return history.redoLabel();
    }

    /** Adds a new item (e.g. from an import); it is saved with the next {@link #save()}. */
    public void addItem(Item item) {
        synchronized (this) {
            if (project().item(item.id()).isPresent() || loaded.containsKey(item.id())) {
                throw new IllegalArgumentException("the project already has an item '" + item.id() + "'");
            }
            loaded.put(item.id(), item);
            dirtyOutsideHistory.add(item.id());
            dirty.add(item.id());
            project().putSummary(item.summary());
        }
        fire(new ProjectChange(Kind.ITEMS_ADDED, Set.of(item.id())));
    }

    /** Whether anything is unsaved (including saved changes the audit trail has not taken yet). */
    public synchronized boolean isDirty() {
        return !dirty.isEmpty() || !unrecorded.isEmpty();
    }

    /** Ids of the items with unsaved changes. */
    public synchronized Set<String> dirtyItems() {
        return Set.copyOf(dirty);
    }

    /**
     * Saves every changed item, each atomically, and nothing else. Before writing an item, each of
     * its annotation sets whose annotations changed is stamped with the project's current guideline
     * version (the version the work was made under); after writing it, the changes (annotations
     * created, changed, deleted; review states) are appended to the project's audit trail.
     *
     * @return how many items were written
     * @throws StoreException naming the file that failed (an item file, or the audit trail after its
     *                        item was saved); items saved before it stay saved (a
     *                        {@link ProjectChange.Kind#SAVED} event names them), it and the rest stay
     *                        dirty, and undo no longer counts as reaching a saved state
     */
    public int save() throws StoreException {
        Set<String> written = new LinkedHashSet<>();
        try {
            synchronized (this) {
                for (Iterator<String> it = dirty.iterator(); it.hasNext();) {
                    String id = it.next();
                    Item item = loaded.get(id);
                    List<AuditEvent> events = List.of();
                    if (item != null) {
                        Item before = baseline.get(id);
                        stampGuidelineVersion(before, item);
                        events = AnnotationAudit.changes(before, item, user, Instant.now());
                        stored.saveItem(item);
                        written.add(id);
                        baseline.put(id, item.copy());
                    }
                    it.remove();
                    dirtyOutsideHistory.remove(id);
                    // After the item is saved and marked so: if the trail cannot be written, the
                    // error says so, the item is not written a second time, and its events wait
                    // for the next save.
                    unrecorded.addAll(events);
                    recordPending();
                }
                recordPending();
                history.markSaved();
                evictClean();
            }
        } catch (StoreException | RuntimeException e) {
            synchronized (this) {
                // Some items are on disk in their new state and others are not: undo can no longer
                // lead back to a state that matches the disk.
                history.forgetSavePoint();
            }
            if (!written.isEmpty()) {
                fire(new ProjectChange(Kind.SAVED, written));
            }
            throw e;
        }
        fire(new ProjectChange(Kind.SAVED, written));
        return written.size();
    }

    /** Starts telling {@code listener} of changes. */
    public void addListener(ProjectListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ProjectListener listener) {
        listeners.remove(listener);
    }

    /** Tells listeners of a project-wide change made outside edits (settings, schemas). */
    public void projectSettingsChanged() {
        fire(new ProjectChange(Kind.PROJECT_CHANGED, Set.of()));
    }

    private void changed(Set<String> itemIds) {
        for (String id : itemIds) {
            dirty.add(id);
            Item item = loaded.get(id);
            if (item != null) {
                project().putSummary(item.summary());
            }
        }
        if (history.isAtSavePoint() && dirtyOutsideHistory.isEmpty()) {
            dirty.clear();
        }
    }

    private void recordPending() throws StoreException {
        if (!unrecorded.isEmpty()) {
            stored.audit().append(List.copyOf(unrecorded));
            unrecorded.clear();
        }
    }

    /** Whether changes that were saved still wait to be recorded in the audit trail. */
    public synchronized boolean hasUnrecordedChanges() {
        return !unrecorded.isEmpty();
    }

    private void stampGuidelineVersion(Item before, Item item) {
        int current = project().currentGuidelineVersion();
        for (AnnotationSet set : item.sets()) {
            AnnotationSet old = before == null ? null : before.set(set.annotator()).orElse(null);
            // Changed annotations were made under the current version; so was work its annotator
            // submits again after it was sent back (checked, perhaps unchanged, under these guidelines).
            boolean resubmitted = old != null && old.state() == dev.vellum.core.model.AnnotationState.IN_PROGRESS
                    && set.state() == dev.vellum.core.model.AnnotationState.SUBMITTED;
            if (set.guidelineVersion() != current && (resubmitted || AnnotationAudit.contentChanged(old, set))) {
                set.setGuidelineVersion(current);
            }
        }
    }

    private void evictClean() {
        if (loaded.size() <= CLEAN_ITEMS_KEPT) {
            return;
        }
        for (Iterator<Map.Entry<String, Item>> it = loaded.entrySet().iterator(); it.hasNext() && loaded.size() > CLEAN_ITEMS_KEPT;) {
            Map.Entry<String, Item> e = it.next();
            if (!dirty.contains(e.getKey()) && !retained.containsKey(e.getKey())) {
                it.remove();
                baseline.remove(e.getKey());
            }
        }
    }

    private void fire(ProjectChange change) {
        for (ProjectListener l : listeners) {
            l.projectChanged(change);
        }
    }
}
