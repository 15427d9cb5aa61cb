package dev.vellum.modality.image.io;

/** Names COCO files and Vellum share, so importer and exporter agree on them. */
final class CocoFormat {
    private CocoFormat() {
    }

    /** The format id. */
    static final String ID = "coco";

    /** Attribute joining the Vellum annotations made from one COCO annotation. */
    static final String GROUP = "group";

    /** Attribute set to true for COCO's {@code iscrowd: 1}. */
    static final String ISCROWD = "iscrowd";

    /** Project extension holding the keypoint templates: label to {keypoints: [names], skeleton: [[i, j]]}. */
    static final String TEMPLATES = "image.keypointTemplates";

    /** Item metadata key keeping a COCO image's fields other than id, file_name, width and height. */
    static final String IMAGE_FIELDS = "coco.image";
}
