package dev.vellum.modality.image.ui.viewers;

import dev.vellum.core.model.Annotation;
import java.util.List;

/**
 * Shapes copied in one image editor, to paste into another item's editor: one per workbench (all
 * editors run on the UI thread).
 */
final class ShapeClipboard {
    private static List<Annotation> copied = List.of();
    private static String sourceItem = "";

    private ShapeClipboard() {
    }

    static void put(String itemId, List<Annotation> annotations) {
        copied = List.copyOf(annotations);
        sourceItem = itemId;
    }

    static List<Annotation> get() {
        return copied;
    }

    static String sourceItem() {
        return sourceItem;
    }
}
