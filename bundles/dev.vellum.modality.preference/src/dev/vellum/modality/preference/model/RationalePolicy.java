package dev.vellum.modality.preference.model;

import java.util.Locale;

/**
 * When a judgement needs a {@link Rationale}. "Judgements" are the pairwise choices and rankings:
 * rubric scores have their anchors and flags are reasons in themselves, so they never need one.
 */
public enum RationalePolicy {
    /** Never required (the default). */
    NEVER,
    /** Required for a pairwise tie or "both bad", and for a ranking that ties responses. */
    TIES,
    /** Required for every pairwise choice and ranking. */
    ALWAYS;

    /** The id used in settings: {@code never}, {@code ties}, {@code always}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@link #id()}.
     *
     * @throws IllegalArgumentException naming the value when it is not a policy
     */
    public static RationalePolicy fromId(String id) {
        for (RationalePolicy p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown rationale requirement '" + id + "' (never, ties or always)");
    }

    /** Whether a pairwise judgement needs a rationale under this policy. */
    public boolean requires(Pairwise p) {
        return this == ALWAYS || this == TIES && (Pairwise.TIE.equals(p.preferred()) || Pairwise.BOTH_BAD.equals(p.preferred()));
    }

    /** Whether a ranking needs a rationale under this policy. */
    public boolean requires(Ranking r) {
        return this == ALWAYS || this == TIES && r.hasTies();
    }
}
