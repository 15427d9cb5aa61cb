package dev.vellum.modality.preference.quality;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.Finding;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.ValidationRule;
import dev.vellum.modality.preference.Comparisons;
import dev.vellum.modality.preference.PreferenceModality;
import dev.vellum.modality.preference.model.Comparison;
import dev.vellum.modality.preference.model.Flag;
import dev.vellum.modality.preference.model.Pairwise;
import dev.vellum.modality.preference.model.PayloadException;
import dev.vellum.modality.preference.model.PreferenceSettings;
import dev.vellum.modality.preference.model.Ranking;
import dev.vellum.modality.preference.model.Rubric;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the preference rules share. They report per annotation, like core's
 * {@link dev.vellum.core.spi.AnnotationRule}, but see one annotation set at a time (a ranking is
 * complete, a rubric covers every response, only across the set's annotations) and read the
 * item's comparison and the project's settings once per item, only when a rule asks. Annotations
 * whose payload does not read are skipped: the modality's payload check reports those.
 */
abstract class PreferenceRule implements ValidationRule {
    private final Finding.Severity severity;

    PreferenceRule(Finding.Severity severity) {
        this.severity = severity;
    }

    @Override
    public boolean accepts(String modalityId) {
        return PreferenceModality.ID.equals(modalityId);
    }

    @Override
    public final void check(ValidationContext context, Item item, Consumer<Finding> findings) {
        Context c = new Context(context, item);
        for (AnnotationSet set : item.sets()) {
            Judgements j = Judgements.of(set);
            if (j.isEmpty()) {
                continue;
            }
            check(c, set, j, new Problems() {
                @Override
                public void report(Annotation annotation, String message) {
                    report(annotation, message, severity);
                }

                @Override
                public void report(Annotation annotation, String message, Finding.Severity s) {
                    findings.accept(new Finding(id(), s, item.id(), annotation == null ? "" : set.annotator(),
                            annotation == null ? "" : annotation.id(), message));
                }
            });
        }
    }

    /** Reports what is wrong in one set's judgements. */
    abstract void check(Context context, AnnotationSet set, Judgements judgements, Problems problems);

    /** Where a rule reports: each problem with the annotation it is about (null for the item). */
    interface Problems {
        void report(Annotation annotation, String message);

        void report(Annotation annotation, String message, Finding.Severity severity);
    }

    /**
     * How bad unfinished work is: a warning while the set is in progress (the annotator is not
     * done), an error once it was submitted.
     */
    static Finding.Severity unfinished(AnnotationSet set) {
        return set.state() == AnnotationState.IN_PROGRESS ? Finding.Severity.WARNING : Finding.Severity.ERROR;
    }

    /** An annotation with its payload read. */
    record Of<T>(Annotation annotation, T value) {
    }

    /** A set's readable judgements by type, in set order. */
    record Judgements(List<Of<Pairwise>> pairwise, List<Of<Ranking>> rankings, List<Of<Rubric>> rubrics, List<Of<Flag>> flags) {
        static Judgements of(AnnotationSet set) {
            Judgements j = new Judgements(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (Annotation a : set.annotations()) {
                try {
                    switch (a.typeId()) {
                        case Pairwise.TYPE -> j.pairwise.add(new Of<>(a, Pairwise.fromPayload(a.payload())));
                        case Ranking.TYPE -> j.rankings.add(new Of<>(a, Ranking.fromPayload(a.payload())));
                        case Rubric.TYPE -> j.rubrics.add(new Of<>(a, Rubric.fromPayload(a.payload())));
                        case Flag.TYPE -> j.flags.add(new Of<>(a, Flag.fromPayload(a.payload())));
                        default -> {
                            // not a preference judgement
                        }
                    }
                } catch (PayloadException e) {
                    // the modality's payload check reports it
                }
            }
            return j;
        }

        boolean isEmpty() {
            return pairwise.isEmpty() && rankings.isEmpty() && rubrics.isEmpty() && flags.isEmpty();
        }
    }

    /** The item's comparison and the project's settings, each read once and only when asked for. */
    static final class Context {
        private final ValidationContext validation;
        private final Item item;
        private Comparison comparison;
        private StoreException comparisonProblem;
        private boolean comparisonRead;
        private PreferenceSettings settings;
        private IllegalArgumentException settingsProblem;
        private boolean settingsRead;

        Context(ValidationContext validation, Item item) {
            this.validation = validation;
            this.item = item;
        }

        Item item() {
            return item;
        }

        ValidationContext validation() {
            return validation;
        }

        /** The comparison, or null when there is no store or it cannot be read ({@link #comparisonProblem()}). */
        Comparison comparison() {
            if (!comparisonRead) {
                comparisonRead = true;
                if (validation != null && validation.stored() != null) {
                    try {
                        comparison = Comparisons.load(validation.stored(), item);
                    } catch (StoreException e) {
                        comparisonProblem = e;
                    }
                }
            }
            return comparison;
        }

        /** Why {@link #comparison()} is null when it could not be read, else null. */
        StoreException comparisonProblem() {
            comparison();
            return comparisonProblem;
        }

        private boolean problemReported;

        /** True the first time it is called: for reporting an item-level problem once, not once per set. */
        boolean firstToReport() {
            boolean first = !problemReported;
            problemReported = true;
            return first;
        }

        /** The project's settings, or null when they are malformed ({@link #settingsProblem()}). */
        PreferenceSettings settings() {
            if (!settingsRead) {
                settingsRead = true;
                try {
                    settings = PreferenceSettings.of(validation == null ? null : validation.project());
                } catch (IllegalArgumentException e) {
                    settingsProblem = e;
                }
            }
            return settings;
        }

        /** Why {@link #settings()} is null, else null. */
        IllegalArgumentException settingsProblem() {
            settings();
            return settingsProblem;
        }
    }

    /** A list of ids for messages: {@code 'A', 'C'}. */
    static String ids(List<String> ids) {
        StringBuilder b = new StringBuilder();
        for (String id : ids) {
            b.append(b.isEmpty() ? "" : ", ").append('\'').append(id).append('\'');
        }
        return b.toString();
    }
}
