package dev.vellum.modality.preference.model;

import java.util.Map;
import java.util.Objects;

/**
 * One candidate response.
 *
 * @param id       stable within the comparison ({@code A}, {@code B}... or the source's ids); what
 *                 annotations refer to, never shown as a model name
 * @param content  the response, Markdown
 * @param metadata model id, sampling settings...: hidden from annotators
 */
public record Response(String id, String content, Map<String, Object> metadata) {
    public Response {
        Objects.requireNonNull(id, "id");
        content = content == null ? "" : content;
        metadata = metadata == null ? Map.of() : metadata;
    }
}
