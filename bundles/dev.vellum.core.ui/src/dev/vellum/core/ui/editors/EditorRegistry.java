package dev.vellum.core.ui.editors;

import dev.vellum.core.model.ItemSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The installed editors; chooses the one that scores highest for an item. */
@Component(service = EditorRegistry.class)
public final class EditorRegistry {
    private final Map<String, EditorProvider> byId = new ConcurrentHashMap<>();

    /**
     * Adds an editor provider.
     *
     * @throws IllegalStateException when its id is taken (the first one stays)
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addProvider(EditorProvider provider) {
        EditorProvider previous = byId.putIfAbsent(provider.id(), provider);
        if (previous != null && previous != provider) {
            String message = "duplicate editor id '" + provider.id() + "': " + provider.getClass().getName() + " rejected";
            System.getLogger(EditorRegistry.class.getName()).log(System.Logger.Level.ERROR, message);
            throw new IllegalStateException(message);
        }
    }

    /** Removes an editor provider. */
    public void removeProvider(EditorProvider provider) {
        byId.remove(provider.id(), provider);
    }

    /** All providers, sorted by id. */
    public List<EditorProvider> all() {
        List<EditorProvider> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(EditorProvider::id));
        return list;
    }

    /** The provider with the highest score for {@code item}; empty when none accepts it. */
    public Optional<EditorProvider> bestFor(ItemSummary item) {
        EditorProvider best = null;
        int bestScore = EditorProvider.NOT_SUITABLE;
        for (EditorProvider p : all()) {
            int score = p.accepts(item);
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }
}
