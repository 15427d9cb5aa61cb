package dev.vellum.core.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The label classes of one modality in a project.
 *
 * @param modalityId the modality these classes apply to
 * @param classes    in the order the palette shows them; names and non-empty hotkeys are unique
 */
public record LabelSchema(String modalityId, List<LabelClass> classes) {
    public LabelSchema {
        Objects.requireNonNull(modalityId, "modalityId");
        classes = List.copyOf(classes == null ? List.of() : classes);
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (LabelClass c : classes) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("schema '" + modalityId + "': label '" + c.name() + "' is defined twice");
            }
            if (!c.hotkey().isEmpty() && !keys.add(c.hotkey())) {
                throw new IllegalArgumentException("schema '" + modalityId + "': hotkey '" + c.hotkey() + "' is used twice");
            }
        }
    }

    /** The class with that name, if defined. */
    public Optional<LabelClass> labelClass(String name) {
        return classes.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
