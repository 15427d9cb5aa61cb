package dev.vellum.modality.preference.ui.parts;

import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.modality.preference.PreferenceModality;
import org.osgi.service.component.annotations.Component;

/** Offers the {@link PreferenceEditor} for items of the preference modality. */
@Component(service = EditorProvider.class)
public final class PreferenceEditorProvider implements EditorProvider {
    @Override
    public String id() {
        return "preference.editor";
    }

    @Override
    public String partDescriptorId() {
        return PreferenceEditor.PART_DESCRIPTOR;
    }

    @Override
    public int accepts(ItemSummary item) {
        return PreferenceModality.ID.equals(item.modalityId()) ? PREFERRED : NOT_SUITABLE;
    }
}
