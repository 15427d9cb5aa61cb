package dev.vellum.modality.image.io;

/** Names the Label Studio importer and exporter share. */
final class LabelStudioFormat {
    private LabelStudioFormat() {
    }

    /** The format id. */
    static final String ID = "labelstudio";

    /** Item metadata key keeping the Label Studio task id. */
    static final String TASK = "labelstudio.task";
}
