package dev.vellum.modality.image.ui.parts;

import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.modality.image.ImageModality;
import org.osgi.service.component.annotations.Component;

/** Offers the {@link ImageEditor} for items of the image modality. */
@Component(service = EditorProvider.class)
public final class ImageEditorProvider implements EditorProvider {
    @Override
    public String id() {
        return "image.editor";
    }

    @Override
    public String partDescriptorId() {
        return ImageEditor.PART_DESCRIPTOR;
    }

    @Override
    public int accepts(ItemSummary item) {
        return ImageModality.ID.equals(item.modalityId()) ? PREFERRED : NOT_SUITABLE;
    }
}
