package dev.vellum.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.app.internal.EditorArea;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.ui.editors.EditorProvider;
import dev.vellum.core.ui.editors.EditorRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditorChoiceTest {
    private static EditorProvider provider(String id, String modality, int score) {
        return new EditorProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String partDescriptorId() {
                return id + ".descriptor";
            }

            @Override
            public int accepts(ItemSummary item) {
                return item.modalityId().equals(modality) ? score : NOT_SUITABLE;
            }
        };
    }

    private static ItemSummary item(String modality) {
        return new ItemSummary("x1", "d", modality, List.of());
    }

    @Test
    void theProviderWithTheBestScoreWins() {
        EditorRegistry editors = new EditorRegistry();
        editors.addProvider(provider("image.generic", "image", EditorProvider.FALLBACK));
        editors.addProvider(provider("image.editor", "image", EditorProvider.PREFERRED));
        editors.addProvider(provider("text.editor", "text", EditorProvider.PREFERRED));
        assertEquals("image.editor.descriptor", EditorArea.descriptorFor(editors, item("image")));
        assertEquals("text.editor.descriptor", EditorArea.descriptorFor(editors, item("text")));
    }

    @Test
    void itemsNoProviderAcceptsOpenInTheGenericEditor() {
        EditorRegistry editors = new EditorRegistry();
        editors.addProvider(provider("image.editor", "image", EditorProvider.PREFERRED));
        assertEquals(EditorArea.GENERIC_EDITOR, EditorArea.descriptorFor(editors, item("pointcloud")));
        assertEquals("dev.vellum.app.partdescriptor.annotationList", EditorArea.descriptorFor(new EditorRegistry(), item("image")));
        assertEquals(EditorArea.GENERIC_EDITOR, EditorArea.descriptorFor(null, item("image")));
    }
}
