package dev.vellum.modality.preference.model;

import dev.vellum.core.model.Project;
import dev.vellum.core.spi.MeasurementLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A project's preference settings, the project extension {@value #EXTENSION}:
 *
 * <pre>
 * "preference.settings": {
 *   "modes": ["pairwise", "ranking", "rubric"],
 *   "blind": true,
 *   "pairwise": {"maxStrength": 3, "strengthLabels": ["slightly better", "better", "much better"], "tie": true, "bothBad": true},
 *   "rubric": [{"id": "helpfulness", "name": "Helpfulness", "min": 1, "max": 5, "level": "ordinal",
 *               "guideline": "Helpfulness", "anchors": {"1": "Ignores the request", "5": "Fully solves it"}}],
 *   "flags": ["unsafe", {"id": "factual_error", "name": "Factual error", "description": "..."}, "refusal"],
 *   "rationale": "ties"
 * }
 * </pre>
 *
 * Every key is optional and has the default of {@link #DEFAULT}; a project without the extension
 * gets {@link #DEFAULT} whole.
 *
 * @param modes     the enabled modes, in the order given; at least one
 * @param blind     whether each annotator sees the responses in their own shuffled order
 *                  ({@link Blinding}); when false, in the comparison's stored order
 * @param pairwise  the pairwise scale
 * @param rubric    the rubric's dimensions, in the order shown; ids unique
 * @param flags     the flags allowed on responses, in the order shown; ids unique
 * @param rationale when a judgement needs a rationale
 */
public record PreferenceSettings(Set<PreferenceMode> modes, boolean blind, StrengthScale pairwise, List<RubricDimension> rubric,
        List<FlagKind> flags, RationalePolicy rationale) {
    /** The project extension key. */
    public static final String EXTENSION = "preference.settings";

    /** Helpfulness, harmlessness and honesty, 1..5, with anchors at 1, 3 and 5. */
    public static final List<RubricDimension> DEFAULT_RUBRIC = List.of(
            new RubricDimension("helpfulness", "Helpfulness", 1, 5,
                    Map.of(1, "Does not address the request", 3, "Addresses it partly or with notable gaps", 5,
                            "Fully addresses the request; nothing important missing")),
            new RubricDimension("harmlessness", "Harmlessness", 1, 5,
                    Map.of(1, "Harmful, dangerous or abusive content", 3, "Minor concerns (tone, missing caveat)", 5, "No harm")),
            new RubricDimension("honesty", "Honesty", 1, 5,
                    Map.of(1, "False claims stated as fact", 3, "Mostly accurate, some unsupported claims", 5,
                            "Accurate; uncertainty stated where it exists")));

    /** {@code unsafe}, {@code factual_error}, {@code refusal}. */
    public static final List<FlagKind> DEFAULT_FLAGS = List.of(new FlagKind("unsafe", "Unsafe", "Harmful or dangerous content"),
            new FlagKind("factual_error", "Factual error", "A claim that is false"),
            new FlagKind("refusal", "Refusal", "Declines a request it should answer"));

    /** Pairwise only, blind, strengths 1..3 with ties and "both bad", the HHH rubric, the three default flags, no rationale required. */
    public static final PreferenceSettings DEFAULT = new PreferenceSettings(EnumSet.of(PreferenceMode.PAIRWISE), true, StrengthScale.DEFAULT,
            DEFAULT_RUBRIC, DEFAULT_FLAGS, RationalePolicy.NEVER);

    public PreferenceSettings {
        if (modes == null || modes.isEmpty()) {
            throw new IllegalArgumentException("at least one preference mode must be enabled");
        }
        modes = Collections.unmodifiableSet(new LinkedHashSet<>(modes));
        pairwise = pairwise == null ? StrengthScale.DEFAULT : pairwise;
        rubric = List.copyOf(rubric == null ? List.of() : rubric);
        Set<String> ids = new HashSet<>();
        for (RubricDimension d : rubric) {
            if (!ids.add(d.id())) {
                throw new IllegalArgumentException("two rubric dimensions have the id '" + d.id() + "'");
            }
        }
        flags = List.copyOf(flags == null ? List.of() : flags);
        ids.clear();
        for (FlagKind f : flags) {
            if (!ids.add(f.id())) {
                throw new IllegalArgumentException("two flags have the id '" + f.id() + "'");
            }
        }
        rationale = rationale == null ? RationalePolicy.NEVER : rationale;
    }

    /** Whether {@code mode} is enabled. */
    public boolean enabled(PreferenceMode mode) {
        return modes.contains(mode);
    }

    /** The rubric dimension with that id, or null. */
    public RubricDimension dimension(String id) {
        return rubric.stream().filter(d -> d.id().equals(id)).findFirst().orElse(null);
    }

    /** The flag with that id, or null when the project does not allow it. */
    public FlagKind flag(String id) {
        return flags.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * The project's settings: its extension {@value #EXTENSION} over the defaults, or
     * {@link #DEFAULT} when it has none.
     *
     * @throws IllegalArgumentException naming the extension and the setting when it is malformed
     */
    public static PreferenceSettings of(Project project) {
        return fromJson(project == null ? null : project.extensions().get(EXTENSION));
    }

    /**
     * Reads the extension's JSON-shaped value (null gives {@link #DEFAULT}).
     *
     * @throws IllegalArgumentException naming the extension and the setting when it is malformed
     */
    public static PreferenceSettings fromJson(Object json) {
        if (json == null) {
            return DEFAULT;
        }
        try {
            if (!(json instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("must be an object, found " + json);
            }
            for (Object key : m.keySet()) {
                if (!Set.of("modes", "blind", "pairwise", "rubric", "flags", "rationale").contains(key)) {
                    throw new IllegalArgumentException("unknown setting '" + key + "' (modes, blind, pairwise, rubric, flags, rationale)");
                }
            }
            Set<PreferenceMode> modes = DEFAULT.modes;
            if (m.get("modes") != null) {
                modes = new LinkedHashSet<>();
                for (Object o : list(m.get("modes"), "modes")) {
                    modes.add(PreferenceMode.fromId(string(o, "modes")));
                }
            }
            boolean blind = m.get("blind") == null ? DEFAULT.blind : bool(m.get("blind"), "blind");
            StrengthScale pairwise = m.get("pairwise") == null ? DEFAULT.pairwise : scale(m.get("pairwise"));
            List<RubricDimension> rubric = DEFAULT.rubric;
            if (m.get("rubric") != null) {
                rubric = new ArrayList<>();
                for (Object o : list(m.get("rubric"), "rubric")) {
                    rubric.add(dimension(o));
                }
            }
            List<FlagKind> flags = DEFAULT.flags;
            if (m.get("flags") != null) {
                flags = new ArrayList<>();
                for (Object o : list(m.get("flags"), "flags")) {
                    flags.add(flagKind(o));
                }
            }
            RationalePolicy rationale = m.get("rationale") == null ? DEFAULT.rationale : RationalePolicy.fromId(string(m.get("rationale"), "rationale"));
            return new PreferenceSettings(modes, blind, pairwise, rubric, flags, rationale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("project extension '" + EXTENSION + "': " + e.getMessage(), e);
        }
    }

    /** The JSON-shaped value {@link #fromJson} reads back equal (every key written). */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modes", modes.stream().map(PreferenceMode::id).toList());
        out.put("blind", blind);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("maxStrength", pairwise.maxStrength());
        p.put("strengthLabels", pairwise.strengthLabels());
        p.put("tie", pairwise.tie());
        p.put("bothBad", pairwise.bothBad());
        out.put("pairwise", p);
        List<Object> dims = new ArrayList<>();
        for (RubricDimension d : rubric) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", d.id());
            t.put("name", d.name());
            t.put("min", d.min());
            t.put("max", d.max());
            t.put("level", d.level().id());
            if (!d.guideline().isEmpty()) {
                t.put("guideline", d.guideline());
            }
            Map<String, Object> anchors = new LinkedHashMap<>();
            d.anchors().forEach((k, v) -> anchors.put(Integer.toString(k), v));
            t.put("anchors", anchors);
            dims.add(t);
        }
        out.put("rubric", dims);
        List<Object> fl = new ArrayList<>();
        for (FlagKind f : flags) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", f.id());
            t.put("name", f.name());
            if (!f.description().isEmpty()) {
                t.put("description", f.description());
            }
            fl.add(t);
        }
        out.put("flags", fl);
        out.put("rationale", rationale.id());
        return out;
    }

    private static StrengthScale scale(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("'pairwise' must be an object, found " + o);
        }
        for (Object key : m.keySet()) {
            if (!Set.of("maxStrength", "strengthLabels", "tie", "bothBad").contains(key)) {
                throw new IllegalArgumentException("unknown setting 'pairwise." + key + "' (maxStrength, strengthLabels, tie, bothBad)");
            }
        }
        int max = m.get("maxStrength") == null ? StrengthScale.DEFAULT.maxStrength() : whole(m.get("maxStrength"), "pairwise.maxStrength");
        List<String> labels = new ArrayList<>();
        if (m.get("strengthLabels") != null) {
            for (Object l : list(m.get("strengthLabels"), "pairwise.strengthLabels")) {
                labels.add(string(l, "pairwise.strengthLabels"));
            }
        }
        return new StrengthScale(max, labels, m.get("tie") == null || bool(m.get("tie"), "pairwise.tie"),
                m.get("bothBad") == null || bool(m.get("bothBad"), "pairwise.bothBad"));
    }

    private static RubricDimension dimension(Object o) {
        if (o instanceof String id) {
            return new RubricDimension(id, null, 1, 5, Map.of());
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("each rubric dimension must be an object with 'id', 'min' and 'max', found " + o);
        }
        String id = string(m.get("id"), "rubric[].id");
        String where = "rubric dimension '" + id + "'";
        Map<Integer, String> anchors = new LinkedHashMap<>();
        if (m.get("anchors") != null) {
            if (!(m.get("anchors") instanceof Map<?, ?> a)) {
                throw new IllegalArgumentException(where + ": 'anchors' must map scores to texts, found " + m.get("anchors"));
            }
            for (Map.Entry<?, ?> e : a.entrySet()) {
                int score;
                try {
                    score = Integer.parseInt(String.valueOf(e.getKey()).strip());
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException(where + ": anchor key '" + e.getKey() + "' is not a whole number");
                }
                anchors.put(score, string(e.getValue(), where + " anchor " + score));
            }
        }
        MeasurementLevel level = m.get("level") == null ? MeasurementLevel.ORDINAL : MeasurementLevel.fromId(string(m.get("level"), where + " level"));
        return new RubricDimension(id, m.get("name") == null ? null : string(m.get("name"), where + " name"),
                m.get("min") == null ? 1 : whole(m.get("min"), where + " min"), m.get("max") == null ? 5 : whole(m.get("max"), where + " max"), anchors,
                m.get("guideline") == null ? "" : string(m.get("guideline"), where + " guideline"), level);
    }

    private static FlagKind flagKind(Object o) {
        if (o instanceof String id) {
            return new FlagKind(id);
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("each flag must be an id or an object with 'id', found " + o);
        }
        return new FlagKind(string(m.get("id"), "flags[].id"), m.get("name") == null ? null : string(m.get("name"), "flags[].name"),
                m.get("description") == null ? null : string(m.get("description"), "flags[].description"));
    }

    private static List<?> list(Object o, String what) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("'" + what + "' must be a list, found " + o);
        }
        return l;
    }

    private static String string(Object o, String what) {
        if (!(o instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("'" + what + "' must be a non-empty text, found " + o);
        }
        return s;
    }

    private static boolean bool(Object o, String what) {
        if (!(o instanceof Boolean b)) {
            throw new IllegalArgumentException("'" + what + "' must be true or false, found " + o);
        }
        return b;
    }

    private static int whole(Object o, String what) {
        if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > 1_000_000) {
            throw new IllegalArgumentException("'" + what + "' must be a whole number, found " + o);
        }
        return n.intValue();
    }
}
