package dev.vellum.quality.workflow;

import dev.vellum.core.model.AnnotationState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One step in the review of an annotation set, as kept in the item's review history.
 *
 * @param kind      what happened
 * @param itemId    the item
 * @param annotator whose set
 * @param user      who did it
 * @param time      when
 * @param from      the set's state before (equal to {@code to} for a comment)
 * @param to        the set's state after
 * @param text      the reason (reject, failed audit) or the comment; may be empty
 * @param comments  comments pinned to annotations with this step
 */
public record ReviewEvent(Kind kind, String itemId, String annotator, String user, Instant time, AnnotationState from,
        AnnotationState to, String text, List<Comment> comments) {

    /** The kinds of review steps; each is also an audit event kind {@code review.<id>}. */
    public enum Kind {
        /** The annotator handed the set in. */
        SUBMITTED,
        /** A reviewer accepted it. */
        ACCEPTED,
        /** A reviewer sent it back to its author. */
        REJECTED,
        /** Someone commented without changing its state. */
        COMMENTED,
        /** An auditor checked accepted work: passed (state audited) or failed (state rejected). */
        AUDITED;

        /** The stable lower-case id, e.g. {@code rejected}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The audit trail's event kind, e.g. {@code review.rejected}. */
        public String auditKind() {
            return "review." + id();
        }

        /** @throws IllegalArgumentException naming an unknown id */
        public static Kind fromId(String id) {
            for (Kind k : values()) {
                if (k.id().equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown review step '" + id + "'");
        }
    }

    public ReviewEvent {
        text = text == null ? "" : text;
        comments = List.copyOf(comments == null ? List.of() : comments);
    }

    /** For an audit: whether it passed. */
    public boolean passed() {
        return kind == Kind.AUDITED && to == AnnotationState.AUDITED;
    }

    /** The event as JSON-shaped data, as stored in the review document. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.id());
        m.put("annotator", annotator);
        m.put("user", user);
        m.put("time", time.toString());
        m.put("from", from.id());
        m.put("to", to.id());
        m.put("text", text);
        List<Object> cs = new ArrayList<>();
        comments.forEach(c -> cs.add(c.toJson()));
        m.put("comments", cs);
        return m;
    }

    static ReviewEvent fromJson(String itemId, Map<?, ?> m) {
        List<Comment> cs = new ArrayList<>();
        if (m.get("comments") instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof Map<?, ?> c)) {
                    throw new IllegalArgumentException("a comment is not an object: " + o);
                }
                cs.add(Comment.fromJson(c));
            }
        }
        return new ReviewEvent(Kind.fromId(text(m, "kind")), itemId, text(m, "annotator"), text(m, "user"),
                Instant.parse(text(m, "time")), AnnotationState.fromId(text(m, "from")), AnnotationState.fromId(text(m, "to")),
                (String) m.get("text"), cs);
    }

    private static String text(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof String s)) {
            throw new IllegalArgumentException("'" + key + "' is missing or not text");
        }
        return s;
    }
}
