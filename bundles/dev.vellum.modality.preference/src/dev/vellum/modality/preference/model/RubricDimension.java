package dev.vellum.modality.preference.model;

import dev.vellum.core.spi.MeasurementLevel;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One dimension of a project's rubric, e.g. helpfulness scored 1..5.
 *
 * @param id        stable, what {@link Rubric} scores are keyed by, e.g. {@code helpfulness}
 * @param name      words for people, e.g. "Helpfulness"
 * @param min       the lowest score
 * @param max       the highest score, above {@code min}
 * @param anchors   what a score means, for some or all scores in min..max (from the guidelines),
 *                  by score, ascending
 * @param guideline the title of the guideline section that explains the dimension, or empty
 * @param level     how agreement reads the scores: {@link MeasurementLevel#ORDINAL} (the default:
 *                  a Likert scale) or {@link MeasurementLevel#INTERVAL} when steps are equal
 */
public record RubricDimension(String id, String name, int min, int max, Map<Integer, String> anchors, String guideline, MeasurementLevel level) {
    public RubricDimension {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a rubric dimension needs an id");
        }
        name = name == null || name.isBlank() ? displayName(id) : name;
        if (max <= min) {
            throw new IllegalArgumentException("rubric dimension '" + id + "': max " + max + " must be above min " + min);
        }
        TreeMap<Integer, String> sorted = new TreeMap<>();
        if (anchors != null) {
            anchors.forEach((score, text) -> {
                if (score < min || score > max) {
                    throw new IllegalArgumentException("rubric dimension '" + id + "': anchor " + score + " is outside " + min + ".." + max);
                }
                sorted.put(score, Objects.requireNonNull(text, "anchor text"));
            });
        }
        anchors = Collections.unmodifiableMap(sorted);
        guideline = guideline == null ? "" : guideline;
        level = level == null ? MeasurementLevel.ORDINAL : level;
        if (level == MeasurementLevel.NOMINAL) {
            throw new IllegalArgumentException("rubric dimension '" + id + "': scores are ordinal, interval or ratio, not nominal");
        }
    }

    /** A dimension with anchors, no guideline section, ordinal. */
    public RubricDimension(String id, String name, int min, int max, Map<Integer, String> anchors) {
        this(id, name, min, max, anchors, "", MeasurementLevel.ORDINAL);
    }

    /** Whether {@code score} is on the scale. */
    public boolean accepts(int score) {
        return score >= min && score <= max;
    }

    /** The anchor text of {@code score}, or empty when the guidelines give none. */
    public String anchor(int score) {
        return anchors.getOrDefault(score, "");
    }

    /** {@code factual_error} → "Factual error". */
    static String displayName(String id) {
        String s = id.replace('_', ' ').replace('-', ' ').strip();
        return s.isEmpty() ? id : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
