package dev.vellum.modality.text.model;

import dev.vellum.core.model.Project;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which classes of the text label schema are relation types. Entity and relation labels live in
 * the one text schema (so colours, hotkeys, attributes and the unknown-label rule work for both);
 * the project extension {@value #EXTENSION} lists the relation ones, e.g.
 * {@code "text.relationLabels": ["works_for", "located_in"]}. Editors offer those for relations
 * and the others for spans. A project without the extension declares no split.
 */
public final class RelationLabels {
    /** The project extension key: a list of label names. */
    public static final String EXTENSION = "text.relationLabels";

    private RelationLabels() {
    }

    /** Whether the project declares its relation labels. */
    public static boolean declared(Project project) {
        return project != null && project.extensions().get(EXTENSION) instanceof List<?>;
    }

    /**
     * The relation labels the project declares, in the order given; empty when it declares none.
     *
     * @throws IllegalArgumentException when the extension is not a list of names
     */
    public static Set<String> of(Project project) {
        Object v = project == null ? null : project.extensions().get(EXTENSION);
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("project extension '" + EXTENSION + "' must be a list of label names, found " + v);
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isEmpty()) {
                throw new IllegalArgumentException("project extension '" + EXTENSION + "' must be a list of label names, found " + o);
            }
            out.add(s);
        }
        return Collections.unmodifiableSet(out);
    }
}
