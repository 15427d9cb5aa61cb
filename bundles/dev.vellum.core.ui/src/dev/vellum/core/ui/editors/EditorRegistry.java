package dev.vellum.core.ui.editors;

import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.registry.IdRegistry;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The installed editors; chooses the one that scores highest for an item. */
@Component(service = EditorRegistry.class)
public final class EditorRegistry {
    private final IdRegistry<EditorProvider> providers = new IdRegistry<>("editor", EditorProvider::id);

    /**
     * Adds an editor provider.
     *
     * @throws IllegalStateException when its id is taken (the first one stays)
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addProvider(EditorProvider provider) {
        providers.add(provider);
    }

    /** Removes an editor provider. */
    public void removeProvider(EditorProvider provider) {
        providers.remove(provider);
    }

    /** All providers, sorted by id. */
    public List<EditorProvider> all() {
        return providers.all();
    }

    /** The provider with the highest score for {@code item}; empty when none accepts it. */
    public Optional<EditorProvider> bestFor(ItemSummary item) {
        return providers.best(p -> p.accepts(item));
    }

    /** Rejected registrations (duplicate ids). */
    public List<String> problems() {
        return providers.problems();
    }
}
