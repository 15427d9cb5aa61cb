package dev.vellum.modality.preference.model;

import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * @param role    {@code system}, {@code user} or {@code assistant} (other roles are kept as they are)
 * @param content the text, Markdown
 */
public record Message(String role, String content) {
    public Message {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
    }
}
