package dev.vellum.modality.text.io;

/**
 * How per-token entity tags mark where entities begin and end. Importers read every scheme without
 * being told (see {@link ConllImporter}); exporters write the one they are given.
 */
public enum TagScheme {
    /** {@code I-X} inside an entity; {@code B-X} only where an entity directly follows one of the same type (CoNLL-2003's original files). */
    IOB1,
    /** {@code B-X} on an entity's first token, {@code I-X} on the others (the usual choice, and the default on export). */
    IOB2,
    /** {@code B-}, {@code I-}, {@code E-} (last) and {@code S-} (single token); spaCy's BILUO is the same with {@code L-} and {@code U-}. */
    BIOES
}
