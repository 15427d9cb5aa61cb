package dev.vellum.core.ui.views;

import dev.vellum.core.session.ProjectChange;
import dev.vellum.core.session.ProjectListener;
import dev.vellum.core.session.ProjectSession;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * Keeps a view listening to whichever project is open: moves its listener from the old session to
 * the new one, and runs the view's reload on the UI thread when a change it cares about happens
 * (sessions tell their listeners on whatever thread saved or edited). Views hold one and call
 * {@link #follow} from their injected session setter and {@link #dispose} when they close.
 */
public final class SessionFollower {
    private final ProjectListener listener;
    private ProjectSession session;

    /**
     * @param root    the view's top control (reloads are skipped once it is disposed)
     * @param relevant which project changes make the view reload
     * @param reload  what the view does then
     */
    public SessionFollower(Supplier<Control> root, Predicate<ProjectChange> relevant, Runnable reload) {
        this.listener = change -> {
            if (relevant.test(change)) {
                onUiThread(root.get(), reload);
            }
        };
    }

    /** Runs {@code r} on {@code control}'s UI thread (now when called there), unless the control is gone. */
    private static void onUiThread(Control control, Runnable r) {
        if (control == null || control.isDisposed()) {
            return;
        }
        Display d = control.getDisplay();
        if (d.getThread() == Thread.currentThread()) {
            r.run();
        } else {
            d.asyncExec(() -> {
                if (!control.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    /** A view that reloads when project settings change (a guideline version was published). */
    public static boolean settingsChanged(ProjectChange change) {
        return change.kind() == ProjectChange.Kind.PROJECT_CHANGED;
    }

    /**
     * Follows {@code next} from now on.
     *
     * @return whether it is another session than before
     */
    public boolean follow(ProjectSession next) {
        if (next == session) {
            return false;
        }
        if (session != null) {
            session.removeListener(listener);
        }
        session = next;
        if (session != null) {
            session.addListener(listener);
        }
        return true;
    }

    /** The session followed, or null. */
    public ProjectSession session() {
        return session;
    }

    /** Stops listening. */
    public void dispose() {
        follow(null);
    }
}
