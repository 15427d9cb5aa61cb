package dev.vellum.quality.workflow;

import dev.vellum.core.model.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who does what in a project's review workflow and how often items are checked. Kept in the project
 * extension {@value #EXTENSION}; the overlap (annotators per item) and the review stages are core's
 * {@link Project#workflow()}.
 *
 * @param annotators    who may annotate; empty: anyone
 * @param reviewers     who may accept or reject others' work; empty: anyone but the set's author
 * @param auditors      who may audit accepted work; empty: anyone but the set's author
 * @param auditRate     the share of accepted sets the auditors' queue samples, 0..1
 * @param goldRate      the share of an annotator's new items that are gold items, 0..1
 * @param goldThreshold accuracy against gold below which an annotator is flagged, 0..1
 * @param seed          makes gold insertion and audit sampling reproducible; change it to draw anew
 */
public record QualitySettings(List<String> annotators, List<String> reviewers, List<String> auditors, double auditRate,
        double goldRate, double goldThreshold, long seed) {
    /** The project extension the settings live in. */
    public static final String EXTENSION = "quality.workflow";
    /** The review stage id in {@code WorkflowSettings.reviewStages} for reviewing. */
    public static final String REVIEW_STAGE = "review";
    /** The review stage id in {@code WorkflowSettings.reviewStages} for auditing. */
    public static final String AUDIT_STAGE = "audit";

    /** Anyone annotates, reviews and audits; a tenth of accepted sets audited, no gold, threshold 0.8. */
    public static final QualitySettings DEFAULT = new QualitySettings(List.of(), List.of(), List.of(), 0.1, 0.0, 0.8, 0);

    private static final Set<String> KEYS = Set.of("annotators", "reviewers", "auditors", "auditRate", "goldRate", "goldThreshold",
            "seed");

    /**
     * @throws IllegalArgumentException naming the field when a rate is outside 0..1 or a user name is blank
     */
    public QualitySettings {
        annotators = users("annotators", annotators);
        reviewers = users("reviewers", reviewers);
        auditors = users("auditors", auditors);
        rate("auditRate", auditRate);
        rate("goldRate", goldRate);
        rate("goldThreshold", goldThreshold);
    }

    /**
     * The project's settings, {@link #DEFAULT} where it sets none.
     *
     * @throws IllegalArgumentException naming the extension and the field when they are malformed
     */
    public static QualitySettings read(Project project) {
        Object raw = project.extensions() == null ? null : project.extensions().get(EXTENSION);
        if (raw == null) {
            return DEFAULT;
        }
        try {
            if (!(raw instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("must be an object, found " + raw);
            }
            for (Object key : m.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw new IllegalArgumentException("unknown field '" + key + "' (annotators, reviewers, auditors, auditRate, goldRate, "
                            + "goldThreshold, seed)");
                }
            }
            return new QualitySettings(list(m, "annotators"), list(m, "reviewers"), list(m, "auditors"),
                    number(m, "auditRate", DEFAULT.auditRate), number(m, "goldRate", DEFAULT.goldRate),
                    number(m, "goldThreshold", DEFAULT.goldThreshold), whole(m, "seed", DEFAULT.seed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("project extension '" + EXTENSION + "': " + e.getMessage(), e);
        }
    }

    /** Puts these settings into the project's extension {@value #EXTENSION} (saving the project is the caller's business). */
    public void writeTo(Project project) {
        Map<String, Object> all = new LinkedHashMap<>(project.extensions() == null ? Map.of() : project.extensions());
        all.put(EXTENSION, toJson());
        project.setExtensions(all);
    }

    /** The settings as the JSON-shaped object {@link #read} reads back equal. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("annotators", new ArrayList<>(annotators));
        m.put("reviewers", new ArrayList<>(reviewers));
        m.put("auditors", new ArrayList<>(auditors));
        m.put("auditRate", auditRate);
        m.put("goldRate", goldRate);
        m.put("goldThreshold", goldThreshold);
        m.put("seed", seed);
        return m;
    }

    /** Whether {@code user} may annotate: listed, or nobody is. */
    public boolean mayAnnotate(String user) {
        return annotators.isEmpty() || annotators.contains(user);
    }

    /** Whether {@code user} may review others' sets: listed, or nobody is. */
    public boolean mayReview(String user) {
        return reviewers.isEmpty() || reviewers.contains(user);
    }

    /** Whether {@code user} may audit others' accepted sets: listed, or nobody is. */
    public boolean mayAudit(String user) {
        return auditors.isEmpty() || auditors.contains(user);
    }

    /** Whether {@code user} is named as a reviewer or an auditor (an open role list names nobody). */
    public boolean isNamedChecker(String user) {
        return reviewers.contains(user) || auditors.contains(user);
    }

    /** These settings with other user lists. */
    public QualitySettings withUsers(List<String> newAnnotators, List<String> newReviewers, List<String> newAuditors) {
        return new QualitySettings(newAnnotators, newReviewers, newAuditors, auditRate, goldRate, goldThreshold, seed);
    }

    /** These settings with other rates. */
    public QualitySettings withRates(double newAuditRate, double newGoldRate, double newGoldThreshold) {
        return new QualitySettings(annotators, reviewers, auditors, newAuditRate, newGoldRate, newGoldThreshold, seed);
    }

    /** These settings with another seed. */
    public QualitySettings withSeed(long newSeed) {
        return new QualitySettings(annotators, reviewers, auditors, auditRate, goldRate, goldThreshold, newSeed);
    }

    private static List<String> users(String field, List<String> names) {
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("'" + field + "' holds an empty user name");
            }
            if (!out.contains(n.strip())) {
                out.add(n.strip());
            }
        }
        return List.copyOf(out);
    }

    private static void rate(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("'" + field + "' must be a number from 0 to 1, found " + value);
        }
    }

    private static List<String> list(Map<?, ?> m, String field) {
        Object o = m.get(field);
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("'" + field + "' must be a list of user names, found " + o);
        }
        List<String> out = new ArrayList<>();
        for (Object x : l) {
            if (!(x instanceof String s)) {
                throw new IllegalArgumentException("'" + field + "' must be a list of user names, found " + x);
            }
            out.add(s);
        }
        return out;
    }

    private static double number(Map<?, ?> m, String field, double fallback) {
        Object o = m.get(field);
        if (o == null) {
            return fallback;
        }
        if (!(o instanceof Number n)) {
            throw new IllegalArgumentException("'" + field + "' must be a number from 0 to 1, found " + o);
        }
        return n.doubleValue();
    }

    private static long whole(Map<?, ?> m, String field, long fallback) {
        Object o = m.get(field);
        if (o == null) {
            return fallback;
        }
        if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number, found " + o);
        }
        return n.longValue();
    }
}
