package dev.vellum.modality.preference.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.PayloadException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's (and Azure OpenAI's) preference fine-tuning JSONL: {@code {"input": {"messages":
 * [{role, content}...]}, "preferred_output": [{role, content}], "non_preferred_output": [...]}}.
 * Other keys of {@code input} (tools, parallel_tool_calls) and of the record are kept and written
 * back. Message fields other than role and content (tool calls, names) are not read.
 */
final class OpenAiDpoFormat extends PairFormat {
    static final String ID = "openai-dpo";

    @Override
    String id() {
        return ID;
    }

    @Override
    String displayName() {
        return "OpenAI/Azure preference fine-tuning JSONL (input, preferred_output, non_preferred_output)";
    }

    @Override
    List<String> endings() {
        return List.of(".jsonl", ".jsonl.gz");
    }

    @Override
    int score(JsonNode first) {
        return first.has("preferred_output") && first.has("non_preferred_output") ? 95 : 0;
    }

    @Override
    Pair read(JsonNode record) {
        List<Message> prompt = PreferenceFormats.messages(record.path("input").get("messages"), "role", "content", Map.of());
        if (prompt == null) {
            throw new PayloadException("'input.messages' is not a list of {role, content} messages");
        }
        List<Message> chosen = PreferenceFormats.messages(record.get("preferred_output"), "role", "content", Map.of());
        List<Message> rejected = PreferenceFormats.messages(record.get("non_preferred_output"), "role", "content", Map.of());
        if (chosen == null || rejected == null) {
            throw new PayloadException("'preferred_output' and 'non_preferred_output' must be lists of {role, content} messages");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<String, Object> input = otherFields(record.get("input"), "messages");
        if (!input.isEmpty()) {
            extra.put("input", input);
        }
        Map<String, Object> fields = otherFields(record, "input", "preferred_output", "non_preferred_output");
        if (!fields.isEmpty()) {
            extra.put("fields", fields);
        }
        return new Pair(prompt, chosen, rejected, extra);
    }

    @Override
    Map<String, Object> write(Pair pair, PreferenceFormats.Losses losses, String itemId) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("messages", PreferenceFormats.messageTrees(pair.prompt(), "role", "content", Map.of()));
        if (pair.extra().get("input") instanceof Map<?, ?> more) {
            more.forEach((k, v) -> input.putIfAbsent((String) k, v));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input", input);
        out.put("preferred_output", PreferenceFormats.messageTrees(pair.chosen(), "role", "content", Map.of()));
        out.put("non_preferred_output", PreferenceFormats.messageTrees(pair.rejected(), "role", "content", Map.of()));
        if (pair.extra().get("fields") instanceof Map<?, ?> fields) {
            fields.forEach((k, v) -> out.putIfAbsent((String) k, v));
        }
        return out;
    }
}
