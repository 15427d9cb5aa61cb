package dev.vellum.quality.rules;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.Finding.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One rule a project defines as data in its rule file (see {@link RuleSet}). Each has an id unique
 * in its file, a description for people and the severity of what it finds; {@link #modality()}
 * narrows it to items of one modality (empty: every item).
 */
public sealed interface ProjectRule permits ProjectRule.PerSet, ProjectRule.LabelDistribution {
    /** The prefix of the rule id of every finding of a project rule: {@code project.<id>@v<N>} or {@code @draft}. */
    String FINDING_PREFIX = "project.";

    /** The rule's id in its file. */
    String id();

    /** What the rule asks for, in words for people. */
    String description();

    /** How bad what it finds is. */
    Severity severity();

    /** The modality of the items it applies to, or empty for all. */
    String modality();

    /** The kind as written in the file: {@code required-attributes}, {@code label-combination}, {@code label-distribution}. */
    String kind();

    /** Whether the rule applies to items of {@code modalityId}. */
    default boolean accepts(String modalityId) {
        return modality().isEmpty() || modality().equals(modalityId);
    }

    /** The rule id its findings carry, naming the rule set version ({@code v2}, or {@code draft}). */
    default String findingId(String version) {
        return FINDING_PREFIX + id() + "@" + version;
    }

    /** Whether a value counts as set: not absent, not null, not an empty string, list or object. */
    static boolean isSet(Object value) {
        return value != null && !(value instanceof String s && s.isBlank()) && !(value instanceof Collection<?> c && c.isEmpty())
                && !(value instanceof Map<?, ?> m && m.isEmpty());
    }

    /** What ends a finding's message: {@code ": "} and the rule's description, or nothing without one. */
    static String because(String description) {
        return description == null || description.isBlank() ? "" : ": " + description;
    }

    /** Sets whose work counts for the label distribution: handed in and not sent back. */
    static boolean handedIn(AnnotationState state) {
        return state == AnnotationState.SUBMITTED || state == AnnotationState.IN_REVIEW || state == AnnotationState.ACCEPTED
                || state == AnnotationState.AUDITED;
    }

    /** A rule checked on each annotation set of each item. */
    sealed interface PerSet extends ProjectRule permits RequiredAttributes, LabelCombination {
        /** Reports what is wrong in {@code set} of {@code item}, with rule id {@code ruleId}. */
        void check(Item item, AnnotationSet set, String ruleId, Consumer<Finding> findings);
    }

    /**
     * Attributes that must be set on annotations with one of {@code labels} and of one of
     * {@code types} (an empty list matches any), beyond the label schema's own required ones.
     */
    record RequiredAttributes(String id, String description, Severity severity, String modality, List<String> labels,
            List<String> types, List<String> attributes) implements PerSet {
        public RequiredAttributes {
            labels = List.copyOf(labels);
            types = List.copyOf(types);
            attributes = List.copyOf(attributes);
        }

        @Override
        public String kind() {
            return "required-attributes";
        }

        /** Whether the rule asks anything of {@code a}. */
        public boolean matches(Annotation a) {
            return (labels.isEmpty() || labels.contains(a.label())) && (types.isEmpty() || types.contains(a.typeId()));
        }

        @Override
        public void check(Item item, AnnotationSet set, String ruleId, Consumer<Finding> findings) {
            for (Annotation a : set.annotations()) {
                if (!matches(a)) {
                    continue;
                }
                for (String name : attributes) {
                    if (!isSet(a.attributes().get(name))) {
                        String what = a.label().isEmpty() ? a.typeId() : "'" + a.label() + "'";
                        findings.accept(new Finding(ruleId, severity, item.id(), set.annotator(), a.id(),
                                what + " must have attribute '" + name + "' set" + because(description)));
                    }
                }
            }
        }
    }

    /**
     * Labels that must, must not, or must exactly once appear together in one annotation set.
     *
     * @param when   for {@link Combination#REQUIRES} and {@link Combination#EXCLUDES}: the label that
     *               triggers the rule; empty for {@link Combination#EXACTLY_ONE_OF}
     * @param labels the labels required with {@code when}, excluded with it, or of which exactly one
     */
    record LabelCombination(String id, String description, Severity severity, String modality, Combination combination, String when,
            List<String> labels) implements PerSet {
        public LabelCombination {
            Objects.requireNonNull(combination);
            when = when == null ? "" : when;
            labels = List.copyOf(labels);
        }

        /** How the labels combine. */
        public enum Combination {
            /** A set with {@code when} also has each of the labels. */
            REQUIRES,
            /** A set with {@code when} has none of the labels. */
            EXCLUDES,
            /** A set has exactly one annotation with one of the labels (a classification). */
            EXACTLY_ONE_OF;

            /** The key in the rule file. */
            public String key() {
                return switch (this) {
                    case REQUIRES -> "requires";
                    case EXCLUDES -> "excludes";
                    case EXACTLY_ONE_OF -> "exactlyOneOf";
                };
            }
        }

        @Override
        public String kind() {
            return "label-combination";
        }

        @Override
        public void check(Item item, AnnotationSet set, String ruleId, Consumer<Finding> findings) {
            List<Annotation> all = set.annotations();
            switch (combination) {
                case REQUIRES -> {
                    Annotation trigger = first(all, Set.of(when));
                    if (trigger == null) {
                        return;
                    }
                    List<String> missing = labels.stream().filter(l -> first(all, Set.of(l)) == null).toList();
                    if (!missing.isEmpty()) {
                        findings.accept(new Finding(ruleId, severity, item.id(), set.annotator(), trigger.id(), "'" + when
                                + "' without " + quoted(missing) + " in the same set" + because(description)));
                    }
                }
                case EXCLUDES -> {
                    if (first(all, Set.of(when)) == null) {
                        return;
                    }
                    for (Annotation a : all) {
                        if (labels.contains(a.label())) {
                            findings.accept(new Finding(ruleId, severity, item.id(), set.annotator(), a.id(), "'" + a.label()
                                    + "' together with '" + when + "' in the same set" + because(description)));
                        }
                    }
                }
                case EXACTLY_ONE_OF -> {
                    List<Annotation> found = all.stream().filter(a -> labels.contains(a.label())).toList();
                    if (found.size() > 1) {
                        for (Annotation extra : found.subList(1, found.size())) {
                            findings.accept(new Finding(ruleId, severity, item.id(), set.annotator(), extra.id(), "'" + extra.label()
                                    + "' is one more of " + quoted(labels) + " than the one allowed (" + found.size()
                                    + " in this set)" + because(description)));
                        }
                    } else if (found.isEmpty() && set.state() != AnnotationState.IN_PROGRESS) {
                        // A set still being worked on may simply not have got there yet.
                        findings.accept(new Finding(ruleId, severity, item.id(), set.annotator(), "", "none of " + quoted(labels)
                                + " in a " + set.state().id() + " set" + because(description)));
                    }
                }
            }
        }

        private static Annotation first(List<Annotation> all, Set<String> labels) {
            for (Annotation a : all) {
                if (labels.contains(a.label())) {
                    return a;
                }
            }
            return null;
        }

        private static String quoted(List<String> labels) {
            List<String> q = new ArrayList<>();
            for (String l : labels) {
                q.add("'" + l + "'");
            }
            return String.join(", ", q);
        }
    }

    /**
     * The share each label should have among the labelled annotations of one modality in the sets
     * handed in (submitted, in review, accepted, audited). A label whose share differs from the
     * expected one by more than {@code tolerance} (an absolute difference of shares) is a finding,
     * once at least {@code minCount} annotations are counted.
     *
     * @param expected  expected share per label, each in (0, 1], together at most 1
     * @param tolerance the largest absolute difference of shares that passes, in [0, 1)
     * @param minCount  fewer counted annotations than this are too few to judge: no findings
     */
    record LabelDistribution(String id, String description, Severity severity, String modality, Map<String, Double> expected,
            double tolerance, int minCount) implements ProjectRule {
        public LabelDistribution {
            expected = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expected));
        }

        @Override
        public String kind() {
            return "label-distribution";
        }

        /**
         * Checks the counts of labels (of this rule's modality) and reports item-less findings.
         *
         * @param counts labelled annotations per label, in handed-in sets of this rule's modality
         */
        public void check(Map<String, Integer> counts, String ruleId, Consumer<Finding> findings) {
            long total = counts.values().stream().mapToLong(Integer::longValue).sum();
            if (total == 0 || total < minCount) {
                return;
            }
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                int n = counts.getOrDefault(e.getKey(), 0);
                double share = (double) n / total;
                // A hair of slack so that a share exactly at the edge passes despite rounding.
                if (Math.abs(share - e.getValue()) > tolerance + 1e-12) {
                    findings.accept(new Finding(ruleId, severity, "", "", "", String.format(Locale.ROOT,
                            "label '%s' is %.1f%% of %d %s annotations (%d); expected %.1f%% \u00b1 %.1f%%%s", e.getKey(),
                            100 * share, total, modality, n, 100 * e.getValue(), 100 * tolerance, because(description))));
                }
            }
        }
    }
}
