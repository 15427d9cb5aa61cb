package dev.vellum.modality.preference.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.PayloadException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LLaMA-Factory's ShareGPT-style preference data: a JSON array (or JSON lines) of
 * {@code {"conversations": [{"from": "human"|"gpt"|"system"|..., "value"}], "chosen": {"from",
 * "value"}, "rejected": {...}}}. {@code human} becomes the user role, {@code gpt} the assistant;
 * other roles (observation, function_call) are kept as they are. Record fields such as
 * {@code system} or {@code tools} are kept and written back. Written as one indented JSON array.
 */
final class ShareGptFormat extends PairFormat {
    static final String ID = "sharegpt";
    private static final Map<String, String> IN = Map.of("human", "user", "gpt", "assistant");
    private static final Map<String, String> OUT = Map.of("user", "human", "assistant", "gpt");

    @Override
    String id() {
        return ID;
    }

    @Override
    String displayName() {
        return "LLaMA-Factory ShareGPT preference data (conversations, chosen, rejected)";
    }

    @Override
    List<String> endings() {
        return List.of(".json", ".jsonl", ".jsonl.gz");
    }

    @Override
    int score(JsonNode first) {
        return first.path("conversations").isArray() && first.path("chosen").isObject() ? 95 : 0;
    }

    @Override
    Pair read(JsonNode record) {
        List<Message> prompt = PreferenceFormats.messages(record.get("conversations"), "from", "value", IN);
        if (prompt == null) {
            throw new PayloadException("'conversations' is not a list of {from, value} messages");
        }
        Message chosen = message(record.get("chosen"), "chosen"), rejected = message(record.get("rejected"), "rejected");
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<String, Object> fields = otherFields(record, "conversations", "chosen", "rejected");
        if (!fields.isEmpty()) {
            extra.put("fields", fields);
        }
        return new Pair(prompt, List.of(chosen), List.of(rejected), extra);
    }

    private static Message message(JsonNode n, String field) {
        List<Message> m = n == null ? null : PreferenceFormats.messages(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(n),
                "from", "value", IN);
        if (m == null) {
            throw new PayloadException("'" + field + "' is not a {from, value} message");
        }
        return m.get(0);
    }

    @Override
    Map<String, Object> write(Pair pair, PreferenceFormats.Losses losses, String itemId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversations", PreferenceFormats.messageTrees(pair.prompt(), "from", "value", OUT));
        out.put("chosen", one(pair.chosen(), losses, itemId));
        out.put("rejected", one(pair.rejected(), losses, itemId));
        if (pair.extra().get("fields") instanceof Map<?, ?> fields) {
            fields.forEach((k, v) -> out.putIfAbsent((String) k, v));
        }
        return out;
    }

    private static Map<String, Object> one(List<Message> tail, PreferenceFormats.Losses losses, String itemId) {
        if (tail.size() == 1) {
            return PreferenceFormats.messageTrees(tail, "from", "value", OUT).get(0);
        }
        losses.add(itemId, ID + " holds a response as one message; a response of " + tail.size() + " turns was written as one gpt message");
        StringBuilder b = new StringBuilder();
        for (Message m : tail) {
            b.append(b.isEmpty() ? "" : "\n\n").append(m.content());
        }
        return PreferenceFormats.messageTrees(List.of(new Message("assistant", b.toString())), "from", "value", OUT).get(0);
    }

    @Override
    boolean streams() {
        return false;
    }

    @Override
    void writeFile(OutputStream out, List<Map<String, Object>> records) throws IOException {
        out.write(PreferenceFormats.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(records));
        out.write('\n');
    }
}
