package dev.vellum.modality.image.ui.internal;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of one item that the editor shows, kept in step with the item incrementally (an edit
 * of one annotation re-indexes one figure, not thousands), with the spatial index for drawing only
 * what is visible and for hit tests. Labels can be hidden (not drawn, not hit) or locked (drawn,
 * not hit). No SWT.
 */
public final class Scene {
    /** Drawing order: z_order, then position in the set. */
    public static final Comparator<Figure> DRAW_ORDER = Comparator.comparingInt(Figure::z).thenComparingLong(Figure::order);

    private final SpatialIndex index;
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final Set<String> hidden = new HashSet<>();
    private final Set<String> locked = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    public Scene(int imageWidth, int imageHeight) {
        index = new SpatialIndex(imageWidth, imageHeight);
    }

    /**
     * Brings the scene in step with {@code item}, showing the sets of {@code annotators}.
     *
     * @return whether anything changed
     */
    public boolean update(Item item, Collection<String> annotators) {
        Map<String, Figure> seen = new LinkedHashMap<>();
        boolean changed = false;
        problems.clear();
        long order = 0;
        for (String annotator : annotators) {
            AnnotationSet set = item.set(annotator).orElse(null);
            if (set == null) {
                continue;
            }
            for (Annotation a : set.annotations()) {
                order++;
                String key = Figure.key(annotator, a.id());
                Figure old = figures.get(key);
                if (old != null && old.annotation() == a && old.order() == order) {
                    seen.put(key, old);
                    continue;
                }
                if (old != null && old.annotation().equals(a) && old.order() == order) {
                    seen.put(key, old);
                    continue;
                }
                try {
                    Figure f = new Figure(annotator, a, order);
                    seen.put(key, f);
                } catch (IllegalArgumentException e) {
                    problems.add(a.id() + ": " + e.getMessage());
                }
                changed = true;
            }
        }
        for (Figure old : figures.values()) {
            Figure now = seen.get(old.key());
            if (now != old) {
                index.remove(old);
                changed = true;
            }
        }
        for (Figure f : seen.values()) {
            if (figures.get(f.key()) != f && f.isSpatial()) {
                index.add(f);
            }
        }
        figures.clear();
        figures.putAll(seen);
        return changed;
    }

    /** Annotations that could not be shown, one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** All figures, in set order. */
    public Collection<Figure> all() {
        return figures.values();
    }

    public Figure get(String key) {
        return figures.get(key);
    }

    public int size() {
        return figures.size();
    }

    /** Spatial figures of shown labels touching the rectangle, in drawing order. */
    public List<Figure> visible(double minX, double minY, double maxX, double maxY) {
        List<Figure> out = new ArrayList<>();
        index.query(minX, minY, maxX, maxY, f -> {
            if (!hidden.contains(f.label())) {
                out.add(f);
            }
        });
        out.sort(DRAW_ORDER);
        return out;
    }

    /** How many spatial figures of shown labels touch the rectangle. */
    public int visibleCount(double minX, double minY, double maxX, double maxY) {
        int[] n = new int[1];
        index.query(minX, minY, maxX, maxY, f -> {
            if (!hidden.contains(f.label())) {
                n[0]++;
            }
        });
        return n[0];
    }

    /**
     * The figure under image point (x, y): among shown, unlocked figures that {@linkplain
     * Figure#hits hit}, the one drawn on top; among equal z the smallest (so that a small shape
     * inside a large one can be picked). Only figures of {@code annotator} when not null.
     */
    public Figure pick(double x, double y, double tolerance, String annotator) {
        Figure[] best = new Figure[1];
        index.query(x - tolerance, y - tolerance, x + tolerance, y + tolerance, f -> {
            if (hidden.contains(f.label()) || locked.contains(f.label()) || annotator != null && !annotator.equals(f.annotator())
                    || !f.hits(x, y, tolerance)) {
                return;
            }
            Figure b = best[0];
            if (b == null || f.z() > b.z() || f.z() == b.z() && f.boundsArea() < b.boundsArea()) {
                best[0] = f;
            }
        });
        return best[0];
    }

    public boolean isHidden(String label) {
        return hidden.contains(label);
    }

    public boolean isLocked(String label) {
        return locked.contains(label);
    }

    public void setHidden(String label, boolean hide) {
        if (hide) {
            hidden.add(label);
        } else {
            hidden.remove(label);
        }
    }

    public void setLocked(String label, boolean lock) {
        if (lock) {
            locked.add(label);
        } else {
            locked.remove(label);
        }
    }

    /** Whether a figure can be selected and edited (its label is neither hidden nor locked). */
    public boolean isEditable(Figure f) {
        return !hidden.contains(f.label()) && !locked.contains(f.label());
    }
}
