package dev.vellum.modality.image.model;

import dev.vellum.core.model.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A skeleton template for {@code image.keypoints}: the names of its points in order, the pairs of
 * points joined by bones, and each point's COCO sigma (how precisely it can be placed, for OKS).
 * Templates are kept per label in the project extension {@value #EXTENSION} as
 * {@code {label: {keypoints: [names], skeleton: [[i, j]...] (1-based, as COCO), sigmas: [...]}}};
 * a label without one uses {@link #COCO_PERSON}.
 *
 * @param name      the template's name (the label it belongs to, or {@code coco-person})
 * @param keypoints point names in order
 * @param skeleton  bones as pairs of 0-based point indices
 * @param sigmas    per-point sigma, same length as {@code keypoints}
 */
public record KeypointTemplate(String name, List<String> keypoints, List<int[]> skeleton, List<Double> sigmas) {
    /** The project extension holding templates by label. */
    public static final String EXTENSION = "image.keypointTemplates";

    /** The sigma used for points of custom templates that give none (COCO's mean sigma). */
    public static final double DEFAULT_SIGMA = 0.05;

    /** COCO's 17-point person, with the sigmas from the COCO keypoint evaluation. */
    public static final KeypointTemplate COCO_PERSON = new KeypointTemplate("coco-person",
            List.of("nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
                    "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
                    "right_ankle"),
            oneBased(new int[][] {{16, 14}, {14, 12}, {17, 15}, {15, 13}, {12, 13}, {6, 12}, {7, 13}, {6, 7}, {6, 8}, {7, 9}, {8, 10},
                    {9, 11}, {2, 3}, {1, 2}, {1, 3}, {2, 4}, {3, 5}, {4, 6}, {5, 7}}),
            List.of(.026, .025, .025, .035, .035, .079, .079, .072, .072, .062, .062, .107, .107, .087, .087, .089, .089));

    public KeypointTemplate {
        keypoints = List.copyOf(keypoints);
        skeleton = List.copyOf(skeleton);
        sigmas = List.copyOf(sigmas);
        if (sigmas.size() != keypoints.size()) {
            throw new IllegalArgumentException("template " + name + ": " + sigmas.size() + " sigmas for " + keypoints.size() + " points");
        }
        for (int[] bone : skeleton) {
            if (bone.length != 2 || bone[0] < 0 || bone[1] < 0 || bone[0] >= keypoints.size() || bone[1] >= keypoints.size()) {
                throw new IllegalArgumentException("template " + name + ": a bone joins points outside 1.." + keypoints.size());
            }
        }
    }

    /** The number of points. */
    public int size() {
        return keypoints.size();
    }

    /**
     * The template for keypoints of {@code label} in {@code project}: the one the project defines for
     * the label, else {@link #COCO_PERSON}. A malformed definition falls back too (the project's
     * validation reports it).
     */
    public static KeypointTemplate forLabel(Project project, String label) {
        if (project != null && project.extensions().get(EXTENSION) instanceof Map<?, ?> all && all.get(label) instanceof Map<?, ?> t) {
            try {
                return parse(label, t);
            } catch (IllegalArgumentException | ClassCastException e) {
                return COCO_PERSON;
            }
        }
        return COCO_PERSON;
    }

    /**
     * Reads one template definition.
     *
     * @throws IllegalArgumentException when names, bones or sigmas do not fit together
     */
    public static KeypointTemplate parse(String name, Map<?, ?> t) {
        List<String> names = new ArrayList<>();
        if (t.get("keypoints") instanceof List<?> l) {
            for (Object o : l) {
                names.add(String.valueOf(o));
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("template " + name + " names no keypoints");
        }
        List<int[]> bones = new ArrayList<>();
        if (t.get("skeleton") instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof List<?> pair) || pair.size() != 2) {
                    throw new IllegalArgumentException("template " + name + ": a bone is not a pair of point numbers");
                }
                bones.add(new int[] {((Number) pair.get(0)).intValue() - 1, ((Number) pair.get(1)).intValue() - 1});
            }
        }
        List<Double> sigmas = new ArrayList<>();
        if (t.get("sigmas") instanceof List<?> l && l.size() == names.size()) {
            for (Object o : l) {
                sigmas.add(((Number) o).doubleValue());
            }
        } else if (names.equals(COCO_PERSON.keypoints)) {
            sigmas.addAll(COCO_PERSON.sigmas);
        } else {
            names.forEach(n -> sigmas.add(DEFAULT_SIGMA));
        }
        return new KeypointTemplate(name, names, bones, sigmas);
    }

    private static List<int[]> oneBased(int[][] pairs) {
        List<int[]> out = new ArrayList<>();
        for (int[] p : pairs) {
            out.add(new int[] {p[0] - 1, p[1] - 1});
        }
        return out;
    }
}
