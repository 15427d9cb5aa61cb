package dev.vellum.modality.image.io;

/** Names the YOLO importer and exporter share. */
final class YoloFormat {
    private YoloFormat() {
    }

    /** The format id. */
    static final String ID = "yolo";
}
