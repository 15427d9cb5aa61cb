package dev.vellum.modality.image.model;

/** A payload that does not have the shape its annotation type requires; the message is for annotators. */
public final class PayloadException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A payload problem described in words for annotators. */
    public PayloadException(String message) {
        super(message);
    }
}
