package dev.vellum.core.registry;

import dev.vellum.core.spi.ProjectStore;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The installed project stores; opens a location with the store that accepts it best. */
@Component(service = StoreRegistry.class)
public final class StoreRegistry {
    private final IdRegistry<ProjectStore> stores = new IdRegistry<>("store", ProjectStore::id);

    /** Adds a store; throws when its id is taken. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addStore(ProjectStore store) {
        stores.add(store);
    }

    /** Removes a store. */
    public void removeStore(ProjectStore store) {
        stores.remove(store);
    }

    /** All stores, sorted by id. */
    public List<ProjectStore> all() {
        return stores.all();
    }

    /** The store that scores highest for {@code location}. */
    public Optional<ProjectStore> storeFor(String location) {
        return stores.best(s -> s.accepts(location));
    }

    /**
     * Opens the project at {@code location}.
     *
     * @throws StoreException when no store accepts the location, or the store cannot read it
     */
    public StoredProject open(String location) throws StoreException {
        return storeFor(location).orElseThrow(() -> new StoreException(location, "no installed store can open this location"))
                .open(location);
    }

    /**
     * Creates a project at {@code location}.
     *
     * @throws StoreException when no store accepts the location, or it cannot be created
     */
    public StoredProject create(String location, String projectId, String name) throws StoreException {
        return storeFor(location).orElseThrow(() -> new StoreException(location, "no installed store can create a project here"))
                .create(location, projectId, name);
    }

    /** Rejected registrations (duplicate ids). */
    public List<String> problems() {
        return stores.problems();
    }
}
