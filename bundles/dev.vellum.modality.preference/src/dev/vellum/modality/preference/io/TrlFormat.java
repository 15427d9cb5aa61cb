package dev.vellum.modality.preference.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.PayloadException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TRL's preference datasets as JSON lines (or a JSON array): {@code {"prompt", "chosen",
 * "rejected"}} as plain strings ("standard") or as conversations {@code [{"role", "content"}]}
 * ("conversational"), or without {@code prompt}, the shared turns of the two conversations being
 * the prompt ("implicit prompt"). The form read is kept ({@code trl.form}) and written back; items
 * from other formats are written in the standard form when their prompt is one user turn, else
 * conversational.
 */
final class TrlFormat extends PairFormat {
    static final String ID = "trl";

    @Override
    String id() {
        return ID;
    }

    @Override
    String displayName() {
        return "TRL preference dataset (prompt/chosen/rejected, standard or conversational)";
    }

    @Override
    List<String> endings() {
        return List.of(".jsonl", ".jsonl.gz", ".json");
    }

    @Override
    int score(JsonNode first) {
        if (!first.has("chosen") || !first.has("rejected") || first.has("conversations")) {
            return 0;
        }
        return first.has("prompt") || first.get("chosen").isArray() ? 70 : 40;
    }

    @Override
    Pair read(JsonNode record) {
        JsonNode prompt = record.get("prompt"), chosen = record.get("chosen"), rejected = record.get("rejected");
        if (chosen == null || rejected == null) {
            throw new PayloadException("a TRL preference record needs 'chosen' and 'rejected'");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        Pair p;
        if (chosen.isTextual() && rejected.isTextual()) {
            if (prompt != null && !prompt.isTextual()) {
                throw new PayloadException("'prompt' must be a string when 'chosen' and 'rejected' are");
            }
            extra.put("form", prompt == null ? "standard-implicit" : "standard");
            p = new Pair(prompt == null ? List.of() : List.of(new Message("user", prompt.asText())), List.of(new Message("assistant", chosen.asText())),
                    List.of(new Message("assistant", rejected.asText())), extra);
        } else {
            List<Message> c = conversation(chosen, "chosen"), r = conversation(rejected, "rejected");
            if (prompt == null) {
                int shared = PreferenceFormats.sharedPrefix(c, r);
                extra.put("form", "implicit");
                p = new Pair(c.subList(0, shared), c.subList(shared, c.size()), r.subList(shared, r.size()), extra);
            } else {
                extra.put("form", "conversational");
                p = new Pair(conversation(prompt, "prompt"), c, r, extra);
            }
        }
        Map<String, Object> fields = otherFields(record, "prompt", "chosen", "rejected");
        if (!fields.isEmpty()) {
            extra.put("fields", fields);
        }
        return p;
    }

    private static List<Message> conversation(JsonNode n, String field) {
        List<Message> m = PreferenceFormats.messages(n, "role", "content", Map.of());
        if (m == null) {
            throw new PayloadException("'" + field + "' is neither a string nor a list of {role, content} messages");
        }
        return m;
    }

    @Override
    Map<String, Object> write(Pair pair, PreferenceFormats.Losses losses, String itemId) {
        String form = pair.extra().get("form") instanceof String f ? f : null;
        boolean simple = pair.chosen().size() == 1 && pair.rejected().size() == 1 && (pair.prompt().isEmpty()
                || pair.prompt().size() == 1 && pair.prompt().get(0).role().equals("user"));
        if (form == null || (form.startsWith("standard") && !simple)) {
            form = simple && !pair.prompt().isEmpty() ? "standard" : "conversational";
        }
        if (form.equals("standard-implicit") && !pair.prompt().isEmpty()) {
            form = "standard";
        }
        Map<String, Object> out = new LinkedHashMap<>();
        switch (form) {
            case "standard", "standard-implicit" -> {
                if (!pair.prompt().isEmpty()) {
                    out.put("prompt", pair.prompt().get(0).content());
                }
                out.put("chosen", pair.chosen().get(0).content());
                out.put("rejected", pair.rejected().get(0).content());
            }
            case "implicit" -> {
                out.put("chosen", PreferenceFormats.messageTrees(concat(pair.prompt(), pair.chosen()), "role", "content", Map.of()));
                out.put("rejected", PreferenceFormats.messageTrees(concat(pair.prompt(), pair.rejected()), "role", "content", Map.of()));
            }
            default -> {
                out.put("prompt", PreferenceFormats.messageTrees(pair.prompt(), "role", "content", Map.of()));
                out.put("chosen", PreferenceFormats.messageTrees(pair.chosen(), "role", "content", Map.of()));
                out.put("rejected", PreferenceFormats.messageTrees(pair.rejected(), "role", "content", Map.of()));
            }
        }
        if (pair.extra().get("fields") instanceof Map<?, ?> fields) {
            fields.forEach((k, v) -> out.putIfAbsent((String) k, v));
        }
        return out;
    }

    static List<Message> concat(List<Message> a, List<Message> b) {
        List<Message> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
