package dev.vellum.core.registry;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Services of one kind by stable id, for the registries of core and of plugins. A second service
 * with an id already taken is rejected loudly: logged, kept in {@link #problems()}, and reported by
 * an exception to whoever added it (SCR logs it when it binds a DS reference).
 *
 * @param <T> the service type
 */
public final class IdRegistry<T> {
    private static final System.Logger LOG = System.getLogger(IdRegistry.class.getName());
    private final String kind;
    private final Function<T, String> idOf;
    private final Map<String, T> byId = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    /**
     * @param kind words for the service kind, used in messages ("modality", "importer")
     * @param idOf how to read a service's id
     */
    public IdRegistry(String kind, Function<T, String> idOf) {
        this.kind = kind;
        this.idOf = idOf;
    }

    /**
     * Adds a service.
     *
     * @throws IllegalStateException when another service has the same id (the first one stays)
     */
    public void add(T service) {
        String id = idOf.apply(service);
        T previous = byId.putIfAbsent(id, service);
        if (previous != null && previous != service) {
            String message = "duplicate " + kind + " id '" + id + "': " + service.getClass().getName()
                    + " rejected, " + previous.getClass().getName() + " keeps it";
            problems.add(message);
            LOG.log(Level.ERROR, message);
            throw new IllegalStateException(message);
        }
    }

    /** Removes a service (only if it is the one registered under its id). */
    public void remove(T service) {
        byId.remove(idOf.apply(service), service);
    }

    /** The service with that id. */
    public Optional<T> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** All services, sorted by id. */
    public List<T> all() {
        List<T> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(idOf));
        return list;
    }

    /**
     * The service that scores highest, if any scores above zero; ties go to the smallest id so the
     * choice does not depend on the order services arrived in.
     */
    public Optional<T> best(ToIntFunction<T> score) {
        T best = null;
        int bestScore = 0;
        for (T s : all()) {
            int sc = score.applyAsInt(s);
            if (sc > bestScore) {
                best = s;
                bestScore = sc;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Messages about rejected registrations, for diagnostics views and {@code vellum cli info}. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
