package dev.vellum.modality.preference.model;

import java.util.Locale;

/** The ways of judging a comparison a project may enable (several at once), with their stable ids. */
public enum PreferenceMode {
    /** One response against another: {@link Pairwise}. */
    PAIRWISE,
    /** All responses in order, ties allowed: {@link Ranking}. */
    RANKING,
    /** Scores per dimension for each response: {@link Rubric}. */
    RUBRIC;

    /** The id used in settings: {@code pairwise}, {@code ranking}, {@code rubric}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The annotation type a judgement in this mode is. */
    public String typeId() {
        return switch (this) {
            case PAIRWISE -> Pairwise.TYPE;
            case RANKING -> Ranking.TYPE;
            case RUBRIC -> Rubric.TYPE;
        };
    }

    /**
     * Parses {@link #id()}.
     *
     * @throws IllegalArgumentException naming the value when it is not a mode
     */
    public static PreferenceMode fromId(String id) {
        for (PreferenceMode m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown preference mode '" + id + "' (pairwise, ranking or rubric)");
    }
}
