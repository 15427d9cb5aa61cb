package dev.vellum.quality.ui.internal;

import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import dev.vellum.quality.workflow.Queues;
import dev.vellum.quality.workflow.Queues.SetRef;
import java.util.Locale;
import java.util.Optional;

/**
 * The user's next piece of work as the project's queues ({@link Queues}) hand it out, for each
 * role: the next item to annotate, the next set to review, the next set to audit.
 */
public final class NextWork {
    /** The roles a user takes work in. */
    public enum Role {
        /** Annotate: the user's next item (rejected work first, then work in progress, then new items). */
        ANNOTATE("annotate"),
        /** Review: the next submitted set of someone else. */
        REVIEW("review"),
        /** Audit: the next accepted set drawn for audit. */
        AUDIT("audit");

        private final String id;

        Role(String id) {
            this.id = id;
        }

        /** The command parameter's value. */
        public String id() {
            return id;
        }

        /** The role with this id; annotate for null or empty (the plain Next Item key). */
        public static Role of(String id) {
            if (id == null || id.isEmpty()) {
                return ANNOTATE;
            }
            for (Role r : values()) {
                if (r.id.equals(id.toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown role '" + id + "' (annotate, review, audit)");
        }
    }

    private NextWork() {
    }

    /**
     * The next set the session's user works on in {@code role}: for annotating, the item and the
     * user's own (maybe not yet started) set.
     *
     * @throws StoreException           when the queue cannot be read
     * @throws IllegalArgumentException when the project's quality settings are malformed
     */
    public static Optional<SetRef> find(ProjectSession session, Role role) throws StoreException {
        Queues queues = new Queues(session);
        String user = session.user();
        return switch (role) {
            case ANNOTATE -> queues.next(user).map(id -> new SetRef(id, user));
            case REVIEW -> queues.nextSetToReview(user);
            case AUDIT -> queues.nextSetToAudit(user);
        };
    }

    /** What to say when {@code role} has nothing left for {@code user}. */
    public static String nothingLeft(Role role, String user) {
        return switch (role) {
            case ANNOTATE -> "Nothing left to annotate for " + user + ".";
            case REVIEW -> "Nothing waits for review by " + user + ".";
            case AUDIT -> "Nothing waits for audit by " + user + ".";
        };
    }
}
