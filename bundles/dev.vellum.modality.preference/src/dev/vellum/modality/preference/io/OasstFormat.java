package dev.vellum.modality.preference.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.ExportReport;
import dev.vellum.core.spi.FormatExporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Message;
import dev.vellum.modality.preference.model.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * OpenAssistant message trees (oasst1/oasst2 {@code *.trees.jsonl[.gz]}): a line per tree,
 * {@code {"message_tree_id", "tree_state", "prompt": message}}, a message being
 * {@code {"message_id", "parent_id", "text", "role": "prompter"|"assistant", "rank", "replies": [...], ...}}.
 *
 * <p>Import: every prompter message with at least two ranked assistant replies becomes a comparison:
 * the prompt is the conversation from the tree's root down to it, the responses are its ranked
 * replies (A, B... in the tree's order), and the sibling ranks (0 = best) become the annotator's
 * {@code preference.ranking} (1 = best). Unranked replies beside ranked ones, and prompts with fewer
 * than two ranked replies, are reported. Every message's other fields (ids, user, dates, labels,
 * emojis...) are kept in hidden metadata ({@code oasst}), so an export rebuilds the same trees.
 *
 * <p>Export: the comparisons of one tree are merged back into it by message id; a comparison from
 * another format becomes a tree of its own with ids derived from the item id. Ranks come from the
 * set's ranking, else from its pairwise choice; system turns have no place (reported).
 */
final class OasstFormat {
    static final String ID = "oasst";

    private OasstFormat() {
    }

    static int accepts(Path file) {
        if (java.nio.file.Files.isDirectory(file)) {
            return 5;
        }
        JsonNode first = PreferenceFormats.firstRecord(file);
        return first != null && (first.has("message_tree_id") || first.has("message_id") && first.has("replies")) ? 95 : 0;
    }

    static ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress) throws IOException, StoreException {
        PreferenceFormats.Sink sink = new PreferenceFormats.Sink(project, annotator);
        List<Path> all = PreferenceFormats.files(files, List.of(".jsonl", ".jsonl.gz"));
        progress.begin("Importing " + ID, all.size());
        for (Path f : all) {
            String stem = PreferenceFormats.stem(f);
            int[] few = {0};
            PreferenceFormats.records(f, sink, rec -> {
                JsonNode o = rec.node();
                JsonNode root = o.has("prompt") ? o.get("prompt") : o;
                if (!root.isObject() || !root.path("message_id").isTextual()) {
                    sink.problem(f, "line " + rec.line() + ": not a message tree (no 'prompt' message with a 'message_id'); skipped");
                    return;
                }
                Map<String, Object> tree = o.has("prompt") ? PairFormat.otherFields(o, "prompt") : Map.of();
                List<Drafted> out = new ArrayList<>();
                walk(f, sink, rec.line(), root, 0, new ArrayList<>(), tree, out, few);
                for (Drafted d : out) {
                    PreferenceFormats.Draft draft = new PreferenceFormats.Draft(stem + "-" + d.messageId, d.comparison);
                    draft.ranks = d.ranks;
                    sink.add(f, draft);
                }
            });
            if (few[0] > 0) {
                sink.problem(f, few[0] + " prompt(s) with replies but fewer than 2 ranked assistant replies are not comparisons; not imported");
            }
            progress.worked(1);
        }
        return sink.finish();
    }

    private record Drafted(String messageId, Comparison comparison, Map<String, Integer> ranks) {
    }

    private static void walk(Path f, PreferenceFormats.Sink sink, int line, JsonNode node, int index, List<Map<String, Object>> path,
            Map<String, Object> tree, List<Drafted> out, int[] few) {
        Map<String, Object> here = nodeMeta(node, index);
        List<Map<String, Object>> down = new ArrayList<>(path);
        down.add(here);
        JsonNode replies = node.path("replies");
        if ("prompter".equals(node.path("role").asText())) {
            List<JsonNode> ranked = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            int unranked = 0, i = 0;
            for (JsonNode r : replies) {
                if ("assistant".equals(r.path("role").asText())) {
                    if (r.path("rank").isNumber()) {
                        ranked.add(r);
                        at.add(i);
                    } else {
                        unranked++;
                    }
                }
                i++;
            }
            if (ranked.size() >= 2) {
                if (unranked > 0) {
                    sink.problem(f, "line " + line + ": message " + node.path("message_id").asText() + ": " + unranked
                            + " assistant repl" + (unranked == 1 ? "y" : "ies") + " without rank left out of the comparison");
                }
                List<Message> prompt = new ArrayList<>();
                for (Map<String, Object> p : down) {
                    prompt.add(new Message("prompter".equals(p.get("role")) ? "user" : (String) p.get("role"), (String) p.get("text")));
                }
                TreeSet<Integer> distinct = new TreeSet<>();
                ranked.forEach(r -> distinct.add(r.get("rank").asInt()));
                List<Integer> dense = new ArrayList<>(distinct);
                List<Response> responses = new ArrayList<>();
                Map<String, Integer> ranks = new LinkedHashMap<>();
                for (int k = 0; k < ranked.size(); k++) {
                    String id = PreferenceFormats.responseId(k);
                    Map<String, Object> meta = nodeMeta(ranked.get(k), at.get(k));
                    meta.remove("text");
                    meta.remove("role");
                    responses.add(new Response(id, ranked.get(k).path("text").asText(""), Map.of(ID, meta)));
                    ranks.put(id, dense.indexOf(ranked.get(k).get("rank").asInt()) + 1);
                }
                List<Map<String, Object>> pathMeta = new ArrayList<>();
                for (Map<String, Object> p : down) {
                    Map<String, Object> m = new LinkedHashMap<>(p);
                    m.remove("text");
                    pathMeta.add(m);
                }
                Map<String, Object> oasst = new LinkedHashMap<>();
                oasst.put("tree", tree);
                oasst.put("path", pathMeta);
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("source", PreferenceFormats.source(ID, f, line));
                meta.put(ID, oasst);
                out.add(new Drafted(node.path("message_id").asText(), new Comparison(prompt, responses, meta), ranks));
            } else if (replies.size() > 0) {
                few[0]++;
            }
        }
        int i = 0;
        for (JsonNode r : replies) {
            walk(f, sink, line, r, i++, down, tree, out, few);
        }
    }

    /** A message without its replies: {role, text, index, fields (everything else, in order)}. */
    private static Map<String, Object> nodeMeta(JsonNode node, int index) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", node.path("role").asText("prompter"));
        m.put("text", node.path("text").asText(""));
        m.put("index", index);
        m.put("fields", PairFormat.otherFields(node, "text", "role", "replies"));
        return m;
    }

    // ---------------------------------------------------------------- export

    /** A message being rebuilt. */
    private static final class Node {
        final String id;
        final Map<String, Object> fields = new LinkedHashMap<>();
        String role;
        String text;
        int index = Integer.MAX_VALUE;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String id) {
            this.id = id;
        }

        Node child(String id) {
            return children.computeIfAbsent(id, Node::new);
        }

        void merge(String role, String text, int index, Map<?, ?> fields, boolean override) {
            this.role = this.role == null ? role : this.role;
            this.text = this.text == null ? text : this.text;
            this.index = Math.min(this.index, index);
            fields.forEach((k, v) -> {
                if (override || !this.fields.containsKey(k)) {
                    this.fields.put((String) k, v);
                }
            });
        }

        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("message_id", id);
            out.putAll(fields);
            out.put("message_id", id);
            out.put("text", text);
            out.put("role", role);
            List<Map<String, Object>> replies = new ArrayList<>();
            children.values().stream().sorted(Comparator.comparingInt((Node n) -> n.index)).forEach(n -> replies.add(n.toJson()));
            out.put("replies", replies);
            return out;
        }
    }

    static ExportReport export(StoredProject project, FormatExporter.Options options, Path out, Progress progress) throws IOException, StoreException {
        PreferenceFormats.Losses losses = new PreferenceFormats.Losses();
        List<String> ids = PreferenceFormats.preferenceItems(project);
        Map<String, Map<String, Object>> treeInfo = new LinkedHashMap<>();
        Map<String, Node> roots = new LinkedHashMap<>();
        int[] written = {0};
        progress.begin("Exporting " + ID, ids.size());
        PreferenceFormats.eachItem(project, ids, progress, item -> {
            AnnotationSet set = PreferenceFormats.oneSet(item, options, ID, losses);
            if (set == null) {
                losses.add(item.id(), "no judgement to write; not written");
                return;
            }
            Comparison c = Comparisons.load(project, item);
            List<Annotation> unused = new ArrayList<>();
            Map<String, Integer> ranks = PreferenceFormats.ranks(set, c, unused, losses, item.id());
            PreferenceFormats.unused(unused, ID, losses, item.id());
            if (ranks == null) {
                losses.add(item.id(), "no ranking or pairwise choice by " + set.annotator() + "; not written");
                return;
            }
            if (new java.util.HashSet<>(ranks.values()).size() < ranks.size()) {
                losses.add(item.id(), "the ranking has ties; written as equal oasst ranks");
            }
            add(item, c, ranks, treeInfo, roots, losses);
            written[0]++;
        });
        PreferenceFormats.writeAtomically(out, os -> {
            for (Map.Entry<String, Node> e : roots.entrySet()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("message_tree_id", e.getKey());
                treeInfo.getOrDefault(e.getKey(), Map.of()).forEach(line::putIfAbsent);
                line.put("prompt", e.getValue().toJson());
                PreferenceFormats.line(os, line);
            }
        });
        return losses.report(written[0]);
    }

    private static void add(Item item, Comparison c, Map<String, Integer> ranks, Map<String, Map<String, Object>> treeInfo, Map<String, Node> roots,
            PreferenceFormats.Losses losses) {
        Map<?, ?> oasst = c.metadata().get(ID) instanceof Map<?, ?> m ? m : Map.of();
        List<?> path = oasst.get("path") instanceof List<?> l && l.size() == c.prompt().size() ? l : null;
        List<Message> prompt = new ArrayList<>();
        List<Map<?, ?>> metas = new ArrayList<>();
        for (int i = 0; i < c.prompt().size(); i++) {
            Message msg = c.prompt().get(i);
            if (!msg.role().equals("user") && !msg.role().equals("assistant")) {
                losses.add(item.id(), "oasst trees have prompter and assistant messages only; a " + msg.role() + " turn was left out");
                continue;
            }
            prompt.add(msg);
            metas.add(path != null && path.get(i) instanceof Map<?, ?> pm ? pm : Map.of());
        }
        if (prompt.isEmpty()) {
            losses.add(item.id(), "an oasst tree needs a prompter message at its root; the comparison has no prompt and was not written");
            return;
        }
        List<String> nodeIds = new ArrayList<>();
        for (int i = 0; i < prompt.size(); i++) {
            nodeIds.add(messageId(metas.get(i), item.id() + "/prompt/" + i));
        }
        String treeId = oasst.get("tree") instanceof Map<?, ?> t && t.get("message_tree_id") instanceof String s ? s : nodeIds.get(0);
        if (oasst.get("tree") instanceof Map<?, ?> t) {
            Map<String, Object> info = new LinkedHashMap<>();
            t.forEach((k, v) -> info.put((String) k, v));
            treeInfo.putIfAbsent(treeId, info);
        }
        Node node = roots.computeIfAbsent(treeId, k -> new Node(nodeIds.get(0)));
        if (!node.id.equals(nodeIds.get(0))) {
            losses.add(item.id(), "tree " + treeId + " already has another root message; the comparison was not written");
            return;
        }
        for (int i = 0; i < prompt.size(); i++) {
            if (i > 0) {
                String parent = node.id;
                node = node.child(nodeIds.get(i));
                node.fields.putIfAbsent("parent_id", parent);
            } else {
                node.fields.putIfAbsent("parent_id", null);
            }
            Map<?, ?> meta = metas.get(i);
            node.merge(prompt.get(i).role().equals("user") ? "prompter" : "assistant", prompt.get(i).content(),
                    meta.get("index") instanceof Number n ? n.intValue() : Integer.MAX_VALUE - 1,
                    meta.get("fields") instanceof Map<?, ?> fm ? fm : Map.of(), false);
        }
        int k = 0;
        for (Response r : c.responses()) {
            Map<?, ?> meta = r.metadata().get(ID) instanceof Map<?, ?> rm ? rm : Map.of();
            Node child = node.child(messageId(meta, item.id() + "/response/" + r.id()));
            Map<String, Object> fields = new LinkedHashMap<>();
            if (meta.get("fields") instanceof Map<?, ?> fm) {
                fm.forEach((key, v) -> fields.put((String) key, v));
            }
            fields.putIfAbsent("parent_id", node.id);
            Integer rank = ranks.get(r.id());
            fields.put("rank", rank == null ? null : rank - 1);
            child.merge("assistant", r.content(), meta.get("index") instanceof Number n ? n.intValue() : 1_000_000 + k, fields, true);
            k++;
        }
    }

    private static String messageId(Map<?, ?> meta, String seed) {
        if (meta.get("fields") instanceof Map<?, ?> f && f.get("message_id") instanceof String s) {
            return s;
        }
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
