package dev.vellum.modality.preference.model;

/** A preference payload or comparison file that is not what it must be; the message names type and field. */
public final class PayloadException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PayloadException(String message) {
        super(message);
    }
}
