package dev.vellum.modality.preference.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a preference item shows: the context (a prompt, or a conversation with system, user and
 * assistant turns) and 2 or more candidate responses, with metadata hidden from annotators. Stored
 * as the item's JSON asset:
 * {@code {"prompt": [{"role", "content"}...], "responses": [{"id", "content", "metadata"?}...], "metadata": {...}}}.
 *
 * @param prompt    the turns before the responses, oldest first
 * @param responses the candidates, at least 2, ids unique
 * @param metadata  about the comparison as a whole (source, model ids...): hidden from annotators
 */
public record Comparison(List<Message> prompt, List<Response> responses, Map<String, Object> metadata) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Comparison {
        prompt = List.copyOf(prompt);
        responses = List.copyOf(responses);
        metadata = metadata == null ? Map.of() : metadata;
        if (responses.size() < 2) {
            throw new PayloadException("a comparison needs at least 2 responses, found " + responses.size());
        }
        Set<String> ids = new HashSet<>();
        for (Response r : responses) {
            if (!ids.add(r.id())) {
                throw new PayloadException("two responses have the id '" + r.id() + "'");
            }
        }
    }

    /** The response with that id, or null. */
    public Response response(String id) {
        for (Response r : responses) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** The ids of the responses in stored order. */
    public List<String> ids() {
        return responses.stream().map(Response::id).toList();
    }

    /** Reads a comparison from its JSON tree. */
    @SuppressWarnings("unchecked")
    public static Comparison fromJson(Map<String, Object> tree) {
        List<Message> prompt = new ArrayList<>();
        Object p = tree.get("prompt");
        if (p instanceof String s) {
            prompt.add(new Message("user", s));
        } else if (p instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof Map<?, ?> m) || !(m.get("role") instanceof String role)) {
                    throw new PayloadException("comparison: every prompt turn needs a 'role' and 'content'");
                }
                prompt.add(new Message(role, m.get("content") instanceof String c ? c : ""));
            }
        }
        List<Response> responses = new ArrayList<>();
        if (tree.get("responses") instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof Map<?, ?> m) || !(m.get("id") instanceof String id)) {
                    throw new PayloadException("comparison: every response needs an 'id' and 'content'");
                }
                responses.add(new Response(id, m.get("content") instanceof String c ? c : "",
                        m.get("metadata") instanceof Map<?, ?> md ? (Map<String, Object>) md : Map.of()));
            }
        }
        return new Comparison(prompt, responses, tree.get("metadata") instanceof Map<?, ?> md ? (Map<String, Object>) md : Map.of());
    }

    /** The JSON tree of this comparison (what {@link #fromJson} reads). */
    public Map<String, Object> toJson() {
        List<Map<String, Object>> p = new ArrayList<>();
        for (Message m : prompt) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("role", m.role());
            t.put("content", m.content());
            p.add(t);
        }
        List<Map<String, Object>> r = new ArrayList<>();
        for (Response x : responses) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", x.id());
            t.put("content", x.content());
            if (!x.metadata().isEmpty()) {
                t.put("metadata", x.metadata());
            }
            r.add(t);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prompt", p);
        out.put("responses", r);
        if (!metadata.isEmpty()) {
            out.put("metadata", metadata);
        }
        return out;
    }

    /**
     * Reads a comparison file.
     *
     * @throws IOException naming the file when it cannot be read or is not a comparison
     */
    @SuppressWarnings("unchecked")
    public static Comparison read(Path file) throws IOException {
        try {
            return fromJson(JSON.readValue(file.toFile(), Map.class));
        } catch (PayloadException | com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not a comparison: " + e.getMessage(), e);
        }
    }

    /** The comparison as JSON text (what is written as the item's asset). */
    public String toJsonText() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
