package dev.vellum.modality.preference.ui.internal;

import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.Project;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of one modality in project order, indexed once, so that going to the next or previous
 * item is a look-up rather than a walk over all the project's items (100,000 of them take a few
 * milliseconds to index, once per editor and again only when the project's item count changes).
 */
public final class ItemSequence {
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final int projectItemCount;

    /** Indexes the items of {@code project} whose modality is {@code modalityId}. */
    public ItemSequence(Project project, String modalityId) {
        for (ItemSummary s : project.items()) {
            if (modalityId.equals(s.modalityId())) {
                positions.put(s.id(), ids.size());
                ids.add(s.id());
            }
        }
        projectItemCount = project.itemCount();
    }

    /** Whether the index still fits the project (no item added or removed since). */
    public boolean fits(Project project) {
        return project.itemCount() == projectItemCount;
    }

    /** How many items. */
    public int size() {
        return ids.size();
    }

    /** The position of an item from 0, or -1 when it is not in the sequence. */
    public int position(String itemId) {
        Integer p = positions.get(itemId);
        return p == null ? -1 : p;
    }

    /** The item after {@code itemId}, or null at the end (or when the item is not in the sequence). */
    public String next(String itemId) {
        int p = position(itemId);
        return p < 0 || p + 1 >= ids.size() ? null : ids.get(p + 1);
    }

    /** The item before {@code itemId}, or null at the start. */
    public String previous(String itemId) {
        int p = position(itemId);
        return p <= 0 ? null : ids.get(p - 1);
    }
}
