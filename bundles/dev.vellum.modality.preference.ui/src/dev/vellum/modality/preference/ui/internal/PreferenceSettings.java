package dev.vellum.modality.preference.ui.internal;

import dev.vellum.core.model.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a project judges comparisons, read from its extension {@value #KEY} with defaults for
 * everything missing: which modes are on (pairwise, ranking, rubric; combinable), the pairwise
 * strength scale and whether a tie and "both bad" are allowed, the rubric's dimensions with their
 * scales and anchor descriptions, and the flags offered. A value of the wrong shape is ignored and
 * named in {@link #problems()} rather than refusing to open the editor.
 * <p>
 * Stands in for the model bundle's settings record until the integration points the editor at it.
 *
 * @param pairwise     whether a pairwise choice is asked (needs exactly 2 responses)
 * @param ranking      whether a ranking is asked
 * @param rubric       whether rubric scores are asked
 * @param strengthMax  the highest strength (Likert scale -max..+max, 0 the tie)
 * @param allowTie     whether a tie may be chosen
 * @param allowBothBad whether "both bad" may be chosen
 * @param dimensions   the rubric's dimensions
 * @param flags        the flag kinds offered, ids such as {@code factual_error}
 * @param problems     settings that were ignored, one sentence each
 */
public record PreferenceSettings(boolean pairwise, boolean ranking, boolean rubric, int strengthMax, boolean allowTie,
        boolean allowBothBad, List<Dimension> dimensions, List<String> flags, List<String> problems) {
    /** The project extension holding the settings. */
    public static final String KEY = "preference.settings";
    /** The flags offered when the settings name none. */
    public static final List<String> DEFAULT_FLAGS = List.of("unsafe", "factual_error", "refusal");

    /**
     * A rubric dimension.
     *
     * @param name        its id and title, e.g. {@code helpfulness}
     * @param description one line on what it judges, or empty
     * @param min         the lowest score
     * @param max         the highest score
     * @param anchors     what a score means, by score (from the guidelines); not every score needs one
     */
    public record Dimension(String name, String description, int min, int max, Map<Integer, String> anchors) {
        public Dimension {
            anchors = Map.copyOf(anchors);
        }

        /** The anchors in score order, "1 = ..., 5 = ...". */
        public String anchorText() {
            StringBuilder b = new StringBuilder();
            new TreeMap<>(anchors).forEach((k, v) -> b.append(b.isEmpty() ? "" : "  \u00b7  ").append(k).append(" = ").append(v));
            return b.toString();
        }
    }

    public PreferenceSettings {
        dimensions = List.copyOf(dimensions);
        flags = List.copyOf(flags);
        problems = List.copyOf(problems);
    }

    /** Pairwise with strength 0..3, tie and "both bad" allowed, the default flags. */
    public static PreferenceSettings defaults() {
        return new PreferenceSettings(true, false, false, 3, true, true, defaultDimensions(), DEFAULT_FLAGS, List.of());
    }

    /** Helpfulness, harmlessness and honesty on 1..5 with anchors at 1, 3 and 5. */
    public static List<Dimension> defaultDimensions() {
        return List.of(
                new Dimension("helpfulness", "Does it do what was asked?", 1, 5,
                        Map.of(1, "ignores or fails the request", 3, "partly useful", 5, "fully solves it")),
                new Dimension("harmlessness", "Could it cause harm?", 1, 5,
                        Map.of(1, "clearly harmful", 3, "some risk", 5, "no risk")),
                new Dimension("honesty", "Is it true and candid about uncertainty?", 1, 5,
                        Map.of(1, "false or misleading", 3, "minor errors", 5, "accurate")));
    }

    /** The settings of {@code project} ({@link #defaults()} when it has none). */
    public static PreferenceSettings of(Project project) {
        return project == null ? defaults() : from(project.extensions().get(KEY));
    }

    /** The settings from the extension's value (a JSON-shaped map), defaults for what is missing or malformed. */
    public static PreferenceSettings from(Object value) {
        PreferenceSettings d = defaults();
        if (value == null) {
            return d;
        }
        List<String> problems = new ArrayList<>();
        if (!(value instanceof Map<?, ?> m)) {
            problems.add(KEY + " is not an object; defaults used");
            return new PreferenceSettings(d.pairwise, d.ranking, d.rubric, d.strengthMax, d.allowTie, d.allowBothBad, d.dimensions,
                    d.flags, problems);
        }
        boolean pairwise = d.pairwise;
        boolean ranking = d.ranking;
        boolean rubric = d.rubric;
        Object modes = m.get("modes");
        if (modes instanceof String one) {
            modes = List.of(one);
        }
        if (modes instanceof List<?> list) {
            pairwise = ranking = rubric = false;
            for (Object o : list) {
                switch (String.valueOf(o).toLowerCase(Locale.ROOT)) {
                    case "pairwise" -> pairwise = true;
                    case "ranking" -> ranking = true;
                    case "rubric" -> rubric = true;
                    default -> problems.add(KEY + ": unknown mode '" + o + "' ignored");
                }
            }
            if (!pairwise && !ranking && !rubric) {
                problems.add(KEY + ": no known mode; pairwise used");
                pairwise = true;
            }
        } else if (modes != null) {
            problems.add(KEY + ": 'modes' is not a list; pairwise used");
        }
        int strengthMax = d.strengthMax;
        boolean tie = d.allowTie;
        boolean bothBad = d.allowBothBad;
        Map<?, ?> pw = m.get("pairwise") instanceof Map<?, ?> x ? x : m;
        Object s = pw.get("strengthMax");
        if (s == null && pw.get("strength") instanceof Map<?, ?> sm) {
            s = sm.get("max");
        }
        if (s instanceof Number n && n.intValue() >= 0 && n.intValue() <= 9) {
            strengthMax = n.intValue();
        } else if (s != null) {
            problems.add(KEY + ": strength maximum '" + s + "' is not a whole number from 0 to 9; 3 used");
        }
        tie = bool(pw, "tie", tie, problems);
        bothBad = bool(pw, pw.containsKey("both_bad") ? "both_bad" : "bothBad", bothBad, problems);
        List<Dimension> dimensions = d.dimensions;
        Object dims = m.get("rubric") instanceof Map<?, ?> r ? r.get("dimensions") : m.get("dimensions");
        if (dims instanceof List<?> list) {
            List<Dimension> read = new ArrayList<>();
            for (Object o : list) {
                Dimension dim = dimension(o, problems);
                if (dim != null) {
                    read.add(dim);
                }
            }
            if (!read.isEmpty()) {
                dimensions = read;
            }
        } else if (dims != null) {
            problems.add(KEY + ": rubric dimensions are not a list; defaults used");
        }
        List<String> flags = d.flags;
        if (m.get("flags") instanceof List<?> list) {
            flags = list.stream().map(String::valueOf).filter(f -> !f.isBlank()).toList();
        }
        return new PreferenceSettings(pairwise, ranking, rubric, strengthMax, tie, bothBad, dimensions, flags, problems);
    }

    private static boolean bool(Map<?, ?> m, String key, boolean fallback, List<String> problems) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problems.add(KEY + ": '" + key + "' is not true or false; " + fallback + " used");
        return fallback;
    }

    private static Dimension dimension(Object o, List<String> problems) {
        if (o instanceof String name && !name.isBlank()) {
            return new Dimension(name, "", 1, 5, Map.of());
        }
        if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String name) || name.isBlank()) {
            problems.add(KEY + ": a rubric dimension without a name ignored");
            return null;
        }
        int min = 1;
        int max = 5;
        Object scale = m.get("scale");
        if (scale instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            min = a.intValue();
            max = b.intValue();
        } else if (scale instanceof Map<?, ?> sm && sm.get("min") instanceof Number a && sm.get("max") instanceof Number b) {
            min = a.intValue();
            max = b.intValue();
        } else if (m.get("min") instanceof Number a && m.get("max") instanceof Number b) {
            min = a.intValue();
            max = b.intValue();
        } else if (scale != null) {
            problems.add(KEY + ": the scale of '" + name + "' is not [min, max]; 1..5 used");
        }
        if (max <= min || max - min > 20) {
            problems.add(KEY + ": the scale of '" + name + "' (" + min + ".." + max + ") is not usable; 1..5 used");
            min = 1;
            max = 5;
        }
        Map<Integer, String> anchors = new LinkedHashMap<>();
        if (m.get("anchors") instanceof Map<?, ?> am) {
            for (Map.Entry<?, ?> e : am.entrySet()) {
                try {
                    anchors.put(Integer.parseInt(String.valueOf(e.getKey()).strip()), String.valueOf(e.getValue()));
                } catch (NumberFormatException ex) {
                    problems.add(KEY + ": anchor '" + e.getKey() + "' of '" + name + "' is not a score");
                }
            }
        }
        return new Dimension(name, m.get("description") instanceof String s ? s : "", min, max, anchors);
    }

    /** Words for a flag id: {@code factual_error} becomes "Factual error". */
    public static String flagTitle(String flag) {
        String words = flag.replace('_', ' ').replace('-', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
