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
 * an exception to whoever added it (SCR logs it when it binds a DS reference). Ids that are
 * persisted or typed by users are never renamed; a service that must change its id keeps the old
 * one working as an alias, which {@link #get} resolves.
 *
 * @param <T> the service type
 */
public final class IdRegistry<T> {
    private static final System.Logger LOG = System.getLogger(IdRegistry.class.getName());
    private final String kind;
    private final Function<T, String> idOf;
    private final Function<T, List<String>> aliasesOf;
    private final Map<String, T> byId = new ConcurrentHashMap<>();
    private final Map<String, T> byAlias = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    /**
     * @param kind words for the service kind, used in messages ("modality", "importer")
     * @param idOf how to read a service's id
     */
    public IdRegistry(String kind, Function<T, String> idOf) {
        this(kind, idOf, s -> List.of());
    }

    /**
     * @param kind      words for the service kind, used in messages ("modality", "importer")
     * @param idOf      how to read a service's id
     * @param aliasesOf how to read the former ids a service still answers to
     */
    public IdRegistry(String kind, Function<T, String> idOf, Function<T, List<String>> aliasesOf) {
        this.kind = kind;
        this.idOf = idOf;
        this.aliasesOf = aliasesOf;
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
        for (String alias : aliasesOf.apply(service)) {
            T holder = byId.containsKey(alias) ? byId.get(alias) : byAlias.putIfAbsent(alias, service);
            if (holder != null && holder != service) {
                String message = kind + " '" + id + "': alias '" + alias + "' is already taken by " + holder.getClass().getName()
                        + "; ignored";
                problems.add(message);
                LOG.log(Level.WARNING, message);
            }
        }
    }

    /** Removes a service (only if it is the one registered under its id) and its aliases. */
    public void remove(T service) {
        if (byId.remove(idOf.apply(service), service)) {
            for (String alias : aliasesOf.apply(service)) {
                byAlias.remove(alias, service);
            }
        }
    }

    /** The service with that id, or the service that had it as a former id. */
    public Optional<T> get(String id) {
        T s = byId.get(id);
        return Optional.ofNullable(s != null ? s : byAlias.get(id));
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
