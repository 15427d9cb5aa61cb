package dev.vellum.modality.preference.model;

import java.util.List;

/**
 * What a pairwise choice may say. A preferred response has a strength from 1 to
 * {@link #maxStrength()} (how much better); a tie or "both bad" has 0. With {@code maxStrength} 0
 * the project asks for no strength and a preference is recorded with strength 0.
 *
 * @param maxStrength    the largest strength, 0..9 (3 gives the usual -3..+3 Likert scale)
 * @param strengthLabels words for strengths 1..maxStrength (e.g. "slightly better"), in that order
 * @param tie            whether "about the same" is allowed
 * @param bothBad        whether "both are unacceptable" is allowed
 */
public record StrengthScale(int maxStrength, List<String> strengthLabels, boolean tie, boolean bothBad) {
    /** The default: 3 strengths, ties and "both bad" allowed. */
    public static final StrengthScale DEFAULT = new StrengthScale(3, List.of("slightly better", "better", "much better"), true, true);

    public StrengthScale {
        if (maxStrength < 0 || maxStrength > 9) {
            throw new IllegalArgumentException("the largest pairwise strength must be 0..9, found " + maxStrength);
        }
        strengthLabels = strengthLabels == null || strengthLabels.isEmpty() ? defaultLabels(maxStrength) : List.copyOf(strengthLabels);
        if (strengthLabels.size() != maxStrength) {
            throw new IllegalArgumentException("pairwise strength labels: " + maxStrength + " expected (one for each strength from 1), found "
                    + strengthLabels.size());
        }
    }

    private static List<String> defaultLabels(int max) {
        if (max == 3) {
            return List.of("slightly better", "better", "much better");
        }
        return java.util.stream.IntStream.rangeClosed(1, max).mapToObj(i -> "better (" + i + ")").toList();
    }

    /** Words for a strength: {@code "about the same"} for 0, else its label. */
    public String label(int strength) {
        if (strength <= 0) {
            return "about the same";
        }
        return strength <= maxStrength ? strengthLabels.get(strength - 1) : "strength " + strength;
    }

    /**
     * What is wrong with {@code p} under this scale (its strength, or a tie or "both bad" the
     * project switched off), in words for annotators; null when it fits. Its ids are not checked.
     */
    public String problem(Pairwise p) {
        if (Pairwise.TIE.equals(p.preferred())) {
            if (!tie) {
                return "ties are not allowed in this project";
            }
            return p.strength() == 0 ? null : "a tie has strength 0, found " + p.strength();
        }
        if (Pairwise.BOTH_BAD.equals(p.preferred())) {
            if (!bothBad) {
                return "'both bad' is not allowed in this project";
            }
            return p.strength() == 0 ? null : "'both bad' has strength 0, found " + p.strength();
        }
        if (p.strength() > maxStrength) {
            return "strength " + p.strength() + " is above the project's largest, " + maxStrength;
        }
        if (maxStrength > 0 && p.strength() == 0) {
            return "a preferred response needs a strength from 1 to " + maxStrength;
        }
        return null;
    }
}
