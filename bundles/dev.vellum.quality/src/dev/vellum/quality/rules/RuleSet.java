package dev.vellum.quality.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.core.spi.Finding.Severity;
import dev.vellum.core.spi.StoreException;
import dev.vellum.quality.rules.ProjectRule.LabelCombination;
import dev.vellum.quality.rules.ProjectRule.LabelCombination.Combination;
import dev.vellum.quality.rules.ProjectRule.LabelDistribution;
import dev.vellum.quality.rules.ProjectRule.RequiredAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A project's rule file, parsed: {@code {"format": "vellum-rules", "formatVersion": 1, "rules": [...]}}
 * (docs/project-format.md describes each rule kind). Parsing checks everything a rule needs, so that
 * a rule set that parses can always be run.
 *
 * @param rules the rules in file order
 */
public record RuleSet(List<ProjectRule> rules) {
    /** The value of the file's {@code format} field. */
    public static final String FORMAT = "vellum-rules";
    /** The file format version this code reads and writes. */
    public static final int FORMAT_VERSION = 1;
    /** No rules. */
    public static final RuleSet EMPTY = new RuleSet(List.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> COMMON = Set.of("id", "kind", "description", "severity", "modality");

    public RuleSet {
        rules = List.copyOf(rules);
    }

    /** The rule with this id, if any. */
    public java.util.Optional<ProjectRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * Parses a rule file.
     *
     * @param where the document or file, named in errors (e.g. {@code /p/rules/draft.json})
     * @param text  the file's text
     * @throws StoreException naming {@code where}, the rule (by position and id) and the problem
     */
    public static RuleSet parse(String where, String text) throws StoreException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new StoreException(where, "invalid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage().replace('\n', ' '));
        }
        if (root == null || !root.isObject()) {
            throw new StoreException(where, "is not a JSON object with a \"rules\" array");
        }
        JsonNode format = root.get("format");
        if (format != null && !FORMAT.equals(format.asText())) {
            throw new StoreException(where, "\"format\" is \"" + format.asText() + "\", not \"" + FORMAT + "\"");
        }
        JsonNode version = root.get("formatVersion");
        if (version != null && (!version.canConvertToInt() || version.asInt() > FORMAT_VERSION)) {
            throw new StoreException(where, "\"formatVersion\" " + version + " is newer than this Vellum reads (" + FORMAT_VERSION
                    + "): update Vellum");
        }
        JsonNode list = root.get("rules");
        if (list == null || !list.isArray()) {
            throw new StoreException(where, "has no \"rules\" array");
        }
        List<ProjectRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Fields f = new Fields(where, i + 1, list.get(i));
            ProjectRule r = f.rule();
            if (!ids.add(r.id())) {
                throw f.bad("the id '" + r.id() + "' is used by an earlier rule too");
            }
            rules.add(r);
        }
        return new RuleSet(rules);
    }

    /** Reads one rule, naming it in every error. */
    private static final class Fields {
        private final String where;
        private final int position;
        private final JsonNode node;
        private String id = "";

        Fields(String where, int position, JsonNode node) {
            this.where = where;
            this.position = position;
            this.node = node;
        }

        StoreException bad(String problem) {
            return new StoreException(where, "rule " + position + (id.isEmpty() ? "" : " ('" + id + "')") + ": " + problem);
        }

        ProjectRule rule() throws StoreException {
            if (node == null || !node.isObject()) {
                throw bad("is not a JSON object");
            }
            id = text("id", true);
            if (!ID.matcher(id).matches()) {
                throw bad("the id '" + id + "' must start with a letter or digit and have only letters, digits, '.', '_' and '-'");
            }
            String kind = text("kind", true);
            String description = text("description", false);
            Severity severity = severity();
            String modality = text("modality", false);
            return switch (kind) {
                case "required-attributes" -> {
                    known("labels", "types", "attributes");
                    List<String> labels = strings("labels", false);
                    List<String> types = strings("types", false);
                    if (labels.isEmpty() && types.isEmpty()) {
                        throw bad("a required-attributes rule needs \"labels\" or \"types\" (or both) to say which annotations it is about");
                    }
                    yield new RequiredAttributes(id, description, severity, modality, labels, types, strings("attributes", true));
                }
                case "label-combination" -> combination(description, severity, modality);
                case "label-distribution" -> distribution(description, severity, modality);
                default -> throw bad("unknown kind '" + kind + "' (known: required-attributes, label-combination, label-distribution)");
            };
        }

        private ProjectRule combination(String description, Severity severity, String modality) throws StoreException {
            known("when", "requires", "excludes", "exactlyOneOf");
            List<Combination> given = new ArrayList<>();
            for (Combination c : Combination.values()) {
                if (node.has(c.key())) {
                    given.add(c);
                }
            }
            if (given.size() != 1) {
                throw bad("a label-combination rule has exactly one of \"requires\", \"excludes\" and \"exactlyOneOf\""
                        + (given.isEmpty() ? "" : " (this one has " + given.size() + ")"));
            }
            Combination c = given.get(0);
            List<String> labels = strings(c.key(), true);
            String when = text("when", c != Combination.EXACTLY_ONE_OF);
            if (c == Combination.EXACTLY_ONE_OF && !when.isEmpty()) {
                throw bad("\"exactlyOneOf\" applies to every set: it takes no \"when\"");
            }
            if (c == Combination.EXACTLY_ONE_OF && labels.size() < 2) {
                throw bad("\"exactlyOneOf\" needs at least two labels to choose from");
            }
            if (labels.contains(when)) {
                throw bad("'" + when + "' is both \"when\" and in \"" + c.key() + "\"");
            }
            return new LabelCombination(id, description, severity, modality, c, when, labels);
        }

        private ProjectRule distribution(String description, Severity severity, String modality) throws StoreException {
            known("expected", "tolerance", "minCount");
            if (modality.isEmpty()) {
                throw bad("a label-distribution rule needs \"modality\": shares are counted among one modality's annotations");
            }
            JsonNode e = node.get("expected");
            if (e == null || !e.isObject() || e.isEmpty()) {
                throw bad("\"expected\" must be an object of label: share, e.g. {\"car\": 0.4}");
            }
            Map<String, Double> expected = new LinkedHashMap<>();
            double sum = 0;
            for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) e::fields) {
                JsonNode v = entry.getValue();
                if (!v.isNumber() || v.asDouble() <= 0 || v.asDouble() > 1) {
                    throw bad("the expected share of '" + entry.getKey() + "' is " + v + ": it must be a number above 0 and at most 1");
                }
                expected.put(entry.getKey(), v.asDouble());
                sum += v.asDouble();
            }
            if (sum > 1 + 1e-9) {
                throw bad(String.format(Locale.ROOT, "the expected shares add up to %.3f: they can be at most 1", sum));
            }
            JsonNode t = node.get("tolerance");
            if (t == null || !t.isNumber() || t.asDouble() < 0 || t.asDouble() >= 1) {
                throw bad("\"tolerance\" must be a share in [0, 1), e.g. 0.1 for ten percentage points");
            }
            JsonNode m = node.get("minCount");
            if (m != null && (!m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 0)) {
                throw bad("\"minCount\" must be a whole number of annotations, 0 or more");
            }
            return new LabelDistribution(id, description, severity, modality, expected, t.asDouble(), m == null ? 0 : m.asInt());
        }

        private Severity severity() throws StoreException {
            String s = text("severity", false);
            if (s.isEmpty()) {
                return Severity.WARNING;
            }
            try {
                return Severity.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad("\"severity\" is '" + s + "': it must be error, warning or info");
            }
        }

        private void known(String... fields) throws StoreException {
            Set<String> ok = new HashSet<>(COMMON);
            ok.addAll(List.of(fields));
            for (String name : (Iterable<String>) node::fieldNames) {
                if (!ok.contains(name)) {
                    // A misspelt field would otherwise quietly leave the rule checking less than meant.
                    throw bad("unknown field \"" + name + "\" for a " + node.get("kind").asText() + " rule");
                }
            }
        }

        private String text(String field, boolean required) throws StoreException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    throw bad("\"" + field + "\" is missing");
                }
                return "";
            }
            if (!v.isTextual()) {
                throw bad("\"" + field + "\" must be a string");
            }
            if (required && v.asText().isBlank()) {
                throw bad("\"" + field + "\" is empty");
            }
            return v.asText().strip();
        }

        private List<String> strings(String field, boolean required) throws StoreException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    throw bad("\"" + field + "\" is missing");
                }
                return List.of();
            }
            if (!v.isArray()) {
                throw bad("\"" + field + "\" must be an array of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode s : v) {
                if (!s.isTextual() || s.asText().isBlank()) {
                    throw bad("\"" + field + "\" must be an array of non-empty strings");
                }
                out.add(s.asText().strip());
            }
            if (required && out.isEmpty()) {
                throw bad("\"" + field + "\" is empty");
            }
            return out;
        }
    }
}
