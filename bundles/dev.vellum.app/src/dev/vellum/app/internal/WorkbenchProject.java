package dev.vellum.app.internal;

import dev.vellum.core.model.Ids;
import dev.vellum.core.registry.StoreRegistry;
import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectListener;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.session.Users;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.core.runtime.ILog;

/**
 * The project the workbench works on (at most one at a time), the user working on it, and the
 * projects opened lately. Lives in the application context; parts listen to it rather than to a
 * session, so they keep working when another project is opened.
 */
public final class WorkbenchProject {
    /** Told of project switches and of changes in the open project, on the thread that made them. */
    public interface Listener {
        /** Another project was opened, or the project was closed ({@code session} is null then). */
        default void projectSwitched(ProjectSession session) {
        }

        /** The open project changed (edits, undo, redo, saves). */
        default void projectChanged(ProjectChange change) {
        }

        /** Something went wrong in the background (an autosave failed); {@code message} is one line. */
        default void problemReported(String message) {
        }
    }

    private final StoreRegistry stores;
    private final String user;
    private final RecentProjects recent;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ProjectListener forwarder = this::forward;
    private ProjectSession session;
    private Instant lastSaved;
    private String startupProblem;
    private CompletableFuture<StoredProject> pending;

    /**
     * @param stores the installed stores, which open and create projects
     * @param user   who works: recorded as author of edits
     * @param recent the list of recent projects to keep current
     */
    public WorkbenchProject(StoreRegistry stores, String user, RecentProjects recent) {
        this.stores = Objects.requireNonNull(stores);
        this.user = Objects.requireNonNull(user);
        this.recent = Objects.requireNonNull(recent);
    }

    /** The user from the {@code vellum.user} system property, else {@code VELLUM_USER}, else the login name. */
    public static String defaultUser() {
        String user = System.getProperty("vellum.user");
        return user == null || user.isBlank() ? Users.fromEnvironment() : user.strip();
    }

    /** The open project, if any. */
    public Optional<ProjectSession> session() {
        return Optional.ofNullable(current());
    }

    /** Who works. */
    public String user() {
        return user;
    }

    /** The projects opened lately. */
    public RecentProjects recent() {
        return recent;
    }

    /** When the open project was last saved in this session of work, if it was. */
    public Optional<Instant> lastSaved() {
        return Optional.ofNullable(lastSaved);
    }

    /**
     * Starts opening the project the workbench starts with, in the background, so that reading a
     * large project overlaps with building the window; the first call that needs the project waits
     * for it. A failure is remembered for the Project Explorer to show instead of being thrown,
     * because nobody asked for the project at that moment.
     */
    public void openAtStart(String location) {
        pending = CompletableFuture.supplyAsync(() -> {
            try {
                return stores.open(location);
            } catch (StoreException e) {
                throw new CompletionException(e);
            }
        });
    }

    // Called on the thread that uses the project, which then owns it.
    private ProjectSession current() {
        CompletableFuture<StoredProject> opening = pending;
        if (opening != null) {
            pending = null;
            try {
                switchTo(opening.join());
            } catch (CompletionException e) {
                String message = e.getCause() instanceof StoreException se ? se.getMessage() : String.valueOf(e.getCause());
                ILog.of(WorkbenchProject.class).warn(message, e.getCause());
                startupProblem = message;
            }
        }
        return session;
    }

    /** Why the project to start with could not be opened, until another project is opened. */
    public Optional<String> startupProblem() {
        current();
        return Optional.ofNullable(startupProblem);
    }

    /** Tells listeners of a problem found in the background. */
    public void reportProblem(String message) {
        listeners.forEach(l -> l.problemReported(message));
    }

    /** Whether a project is open and has unsaved changes. */
    public boolean isDirty() {
        return current() != null && session.isDirty();
    }

    /**
     * Opens the project at {@code location}, closing the open one without saving (callers ask the
     * user first), and puts it first in the recent projects.
     *
     * @throws StoreException when no store can open it; the open project stays open then
     */
    public ProjectSession open(String location) throws StoreException {
        StoredProject stored = stores.open(location);
        return switchTo(stored);
    }

    /**
     * Creates a project at {@code location} and opens it.
     *
     * @param name display name; the project id is made from it
     * @throws StoreException when it cannot be created; the open project stays open then
     */
    public ProjectSession create(String location, String name) throws StoreException {
        StoredProject stored = stores.create(location, idFor(name), name);
        return switchTo(stored);
    }

    /** Closes the open project without saving (callers ask the user first). */
    public void close() {
        if (current() == null) {
            return;
        }
        release(session);
        session = null;
        lastSaved = null;
        listeners.forEach(l -> l.projectSwitched(null));
    }

    /**
     * Saves every changed item of the open project.
     *
     * @return how many items were written (0 when nothing is open)
     * @throws StoreException naming the file that failed
     */
    public int save() throws StoreException {
        if (current() == null) {
            return 0;
        }
        return session.save();
    }

    /** Starts telling {@code listener} of switches and changes. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Stops telling {@code listener}. */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** A valid project id made from a display name: lower case, other characters as '-'. */
    public static String idFor(String name) {
        String id = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        if (id.length() > 64) {
            id = id.substring(0, 64);
        }
        return Ids.isValid(id) ? id : "project";
    }

    private ProjectSession switchTo(StoredProject stored) {
        if (pending != null) {
            // Another project was chosen before the one to start with was needed: drop that one.
            CompletableFuture<StoredProject> dropped = pending;
            pending = null;
            dropped.thenAccept(WorkbenchProject::closeQuietly);
        }
        if (session != null) {
            release(session);
        }
        session = new ProjectSession(stored, user);
        session.addListener(forwarder);
        lastSaved = null;
        startupProblem = null;
        recent.add(stored.location());
        ProjectSession opened = session;
        listeners.forEach(l -> l.projectSwitched(opened));
        return opened;
    }

    private void release(ProjectSession s) {
        s.removeListener(forwarder);
        closeQuietly(s.stored());
    }

    private static void closeQuietly(StoredProject stored) {
        try {
            stored.close();
        } catch (StoreException e) {
            // Closing only releases locks; the user cannot act on a failure here, the log keeps it.
            ILog.of(WorkbenchProject.class).warn(e.getMessage(), e);
        }
    }

    private void forward(ProjectChange change) {
        if (change.kind() == ProjectChange.Kind.SAVED) {
            lastSaved = Instant.now();
        }
        listeners.forEach(l -> l.projectChanged(change));
    }
}
