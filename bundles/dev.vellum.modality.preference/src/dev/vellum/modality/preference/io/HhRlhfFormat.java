package dev.vellum.modality.preference.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.PayloadException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's HH-RLHF JSONL ({@code .jsonl} or {@code .jsonl.gz}): {@code {"chosen": transcript,
 * "rejected": transcript}}, a transcript being turns {@code "\n\nHuman: ..."} and
 * {@code "\n\nAssistant: ..."}. The turns both transcripts share are the prompt, the rest of each
 * the two responses (usually one assistant turn; a few records differ earlier, and their responses
 * keep several turns). A transcript has no system turn: one is left out on export, as a loss.
 */
final class HhRlhfFormat extends PairFormat {
    static final String ID = "hh-rlhf";
    private static final String HUMAN = "\n\nHuman:";
    private static final String ASSISTANT = "\n\nAssistant:";

    @Override
    String id() {
        return ID;
    }

    @Override
    String displayName() {
        return "Anthropic HH-RLHF (chosen/rejected transcripts, JSONL)";
    }

    @Override
    List<String> endings() {
        return List.of(".jsonl", ".jsonl.gz");
    }

    @Override
    int score(JsonNode first) {
        return first.path("chosen").isTextual() && first.path("rejected").isTextual() && !first.has("prompt")
                && first.get("chosen").asText().startsWith("\n\nHuman:") ? 90 : 0;
    }

    @Override
    Pair read(JsonNode record) {
        List<Message> chosen = transcript(text(record, "chosen"), "chosen");
        List<Message> rejected = transcript(text(record, "rejected"), "rejected");
        int shared = PreferenceFormats.sharedPrefix(chosen, rejected);
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<String, Object> fields = otherFields(record, "chosen", "rejected");
        if (!fields.isEmpty()) {
            extra.put("fields", fields);
        }
        return new Pair(chosen.subList(0, shared), chosen.subList(shared, chosen.size()), rejected.subList(shared, rejected.size()), extra);
    }

    /** The turns of a transcript. */
    static List<Message> transcript(String t, String field) {
        if (!t.startsWith(HUMAN) && !t.startsWith(ASSISTANT)) {
            throw new PayloadException("'" + field + "' does not start with a \"Human:\" or \"Assistant:\" turn");
        }
        List<Message> out = new ArrayList<>();
        int pos = 0;
        while (pos < t.length()) {
            boolean human = t.startsWith(HUMAN, pos);
            int start = pos + (human ? HUMAN.length() : ASSISTANT.length());
            int next = nextTurn(t, start);
            String content = t.substring(start, next);
            out.add(new Message(human ? "user" : "assistant", content.startsWith(" ") ? content.substring(1) : content));
            pos = next;
        }
        return out;
    }

    private static int nextTurn(String t, int from) {
        int i = t.indexOf("\n\n", from);
        while (i >= 0) {
            if (t.startsWith(HUMAN, i) || t.startsWith(ASSISTANT, i)) {
                return i;
            }
            i = t.indexOf("\n\n", i + 1);
        }
        return t.length();
    }

    @Override
    Map<String, Object> write(Pair pair, PreferenceFormats.Losses losses, String itemId) {
        StringBuilder prompt = new StringBuilder();
        turns(prompt, pair.prompt(), losses, itemId);
        StringBuilder chosen = new StringBuilder(prompt), rejected = new StringBuilder(prompt);
        turns(chosen, pair.chosen(), losses, itemId);
        turns(rejected, pair.rejected(), losses, itemId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chosen", chosen.toString());
        out.put("rejected", rejected.toString());
        if (pair.extra().get("fields") instanceof Map<?, ?> fields) {
            fields.forEach((k, v) -> out.putIfAbsent((String) k, v));
        }
        return out;
    }

    private static void turns(StringBuilder b, List<Message> turns, PreferenceFormats.Losses losses, String itemId) {
        for (Message m : turns) {
            switch (m.role()) {
                case "user" -> b.append(HUMAN).append(' ').append(m.content());
                case "assistant" -> b.append(ASSISTANT).append(' ').append(m.content());
                default -> losses.add(itemId, ID + " transcripts have only Human and Assistant turns; a " + m.role() + " turn was left out");
            }
        }
    }
}
