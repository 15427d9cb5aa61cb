package dev.vellum.modality.text.model;

/** A text annotation payload that is not what its type requires; the message names type and field. */
public final class PayloadException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PayloadException(String message) {
        super(message);
    }
}
