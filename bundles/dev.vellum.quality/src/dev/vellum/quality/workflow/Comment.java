package dev.vellum.quality.workflow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A review comment on an annotation set, pinned to one of its annotations or to the set as a whole.
 *
 * @param annotationId the annotation it is about, or empty for the whole set
 * @param text         what the reviewer says
 * @param author       who wrote it (filled in when it is recorded)
 * @param time         when (filled in when it is recorded)
 */
public record Comment(String annotationId, String text, String author, Instant time) {
    public Comment {
        annotationId = annotationId == null ? "" : annotationId;
        text = text == null ? "" : text.strip();
        author = author == null ? "" : author;
    }

    /** A comment to pass to {@link Reviews#reject}: its author and time are filled in when recorded. */
    public static Comment pinned(String annotationId, String text) {
        return new Comment(annotationId, text, "", null);
    }

    /** Whether it is about the whole set rather than one annotation. */
    public boolean onSet() {
        return annotationId.isEmpty();
    }

    Comment recordedBy(String user, Instant when) {
        return new Comment(annotationId, text, user, when);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("annotation", annotationId);
        m.put("text", text);
        m.put("author", author);
        m.put("time", time == null ? null : time.toString());
        return m;
    }

    static Comment fromJson(Map<?, ?> m) {
        Object t = m.get("time");
        return new Comment((String) m.get("annotation"), (String) m.get("text"), (String) m.get("author"),
                t == null ? null : Instant.parse((String) t));
    }
}
