package dev.vellum.modality.text.agreement;

import dev.vellum.core.spi.AgreementUnits;
import dev.vellum.modality.text.TextModality;

/** What the text agreement units share: they are services of the text modality with an id and a name. */
abstract class TextUnits implements AgreementUnits {
    private final String id;
    private final String displayName;

    TextUnits(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String modalityId() {
        return TextModality.ID;
    }

    @Override
    public final String displayName() {
        return displayName;
    }
}
