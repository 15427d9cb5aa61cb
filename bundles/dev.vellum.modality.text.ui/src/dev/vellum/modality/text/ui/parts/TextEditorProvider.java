package dev.vellum.modality.text.ui.parts;

import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.modality.text.TextModality;
import org.osgi.service.component.annotations.Component;

/** Offers the {@link TextEditor} for items of the text modality. */
@Component(service = EditorProvider.class)
public final class TextEditorProvider implements EditorProvider {
    @Override
    public String id() {
        return "text.editor";
    }

    @Override
    public String partDescriptorId() {
        return TextEditor.PART_DESCRIPTOR;
    }

    @Override
    public int accepts(ItemSummary item) {
        return TextModality.ID.equals(item.modalityId()) ? PREFERRED : NOT_SUITABLE;
    }
}
