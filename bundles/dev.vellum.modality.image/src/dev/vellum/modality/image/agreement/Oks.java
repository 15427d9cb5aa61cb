package dev.vellum.modality.image.agreement;

import java.util.Arrays;

import dev.vellum.modality.image.model.Keypoints;

/**
 * Object keypoint similarity as COCO defines it (pycocotools' {@code computeOks}): over the points
 * the reference labelled, the mean of {@code exp(-d² / (2 s² k²))}, where d is the distance between
 * the two annotators' points, s² the reference object's area and k = 2σ the point's falloff.
 * A point the other annotator left unlabelled counts 0.
 */
public final class Oks {
    /** COCO's per-keypoint σ for its 17-point person template (nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles). */
    public static final double[] COCO_PERSON_SIGMAS = {.026, .025, .025, .035, .035, .079, .079, .072, .072, .062, .062, .107, .107, .087, .087,
            .089, .089};

    /** σ for templates other than COCO's person: about the median of COCO's. */
    public static final double DEFAULT_SIGMA = 0.07;

    private Oks() {
    }

    /** The σ of each point of a template of {@code size} points: COCO's person σ for 17 points, else {@link #DEFAULT_SIGMA}. */
    public static double[] sigmas(int size) {
        if (size == COCO_PERSON_SIGMAS.length) {
            return COCO_PERSON_SIGMAS.clone();
        }
        double[] s = new double[size];
        Arrays.fill(s, DEFAULT_SIGMA);
        return s;
    }

    /**
     * OKS of {@code other} against {@code reference}.
     *
     * @param area   the reference object's area in square pixels (its box, or its points' extent)
     * @param sigmas σ per point; the shorter of the two point lists and this decides how many count
     * @return 0..1; 0 when the reference labelled no point
     */
    public static double of(Keypoints reference, double area, Keypoints other, double[] sigmas) {
        int n = Math.min(Math.min(reference.size(), other.size()), sigmas.length);
        double sum = 0;
        int labelled = 0;
        for (int i = 0; i < reference.size(); i++) {
            if (reference.visibility(i) == 0) {
                continue;
            }
            labelled++;
            if (i >= n || other.visibility(i) == 0) {
                continue;
            }
            double dx = other.points().get(3 * i) - reference.points().get(3 * i);
            double dy = other.points().get(3 * i + 1) - reference.points().get(3 * i + 1);
            double k2 = 4 * sigmas[i] * sigmas[i];
            // pycocotools adds machine epsilon to the area so that a single labelled point still has a scale
            sum += Math.exp(-(dx * dx + dy * dy) / k2 / (area + Math.ulp(1.0)) / 2);
        }
        return labelled == 0 ? 0 : sum / labelled;
    }
}
