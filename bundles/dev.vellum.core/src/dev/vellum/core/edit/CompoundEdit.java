package dev.vellum.core.edit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Several commands undone and redone as one (e.g. deleting a selection of shapes). */
public final class CompoundEdit implements EditCommand {
    private final String label;
    private final List<EditCommand> parts;

    public CompoundEdit(String label, List<EditCommand> parts) {
        this.label = label;
        this.parts = List.copyOf(parts);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Set<String> itemIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (EditCommand c : parts) {
            ids.addAll(c.itemIds());
        }
        return ids;
    }

    /** Applies the parts in order; when one fails, the ones already applied are undone before rethrowing. */
    @Override
    public void apply(EditTarget target) {
        int done = 0;
        try {
            for (EditCommand c : parts) {
                c.apply(target);
                done++;
            }
        } catch (RuntimeException e) {
            for (int i = done - 1; i >= 0; i--) {
                parts.get(i).undo(target);
            }
            throw e;
        }
    }

    @Override
    public void undo(EditTarget target) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            parts.get(i).undo(target);
        }
    }
}
