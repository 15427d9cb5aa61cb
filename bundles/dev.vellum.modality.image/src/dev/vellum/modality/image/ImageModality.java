package dev.vellum.modality.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.LabelSchema;
import dev.vellum.core.spi.AnnotationType;
import dev.vellum.core.spi.Modality;
import dev.vellum.modality.image.model.BoundingBox;
import dev.vellum.modality.image.model.Keypoints;
import dev.vellum.modality.image.model.Mask;
import dev.vellum.modality.image.model.PayloadException;
import dev.vellum.modality.image.model.Polygon;
import dev.vellum.modality.image.model.Polyline;
import dev.vellum.modality.image.model.RotatedBox;
import dev.vellum.modality.image.model.Shape;
import dev.vellum.modality.image.model.Tag;

/** Still images (PNG, JPEG, TIFF, BMP, GIF, WebP) and the shapes drawn on them. */
@Component(service = Modality.class)
public final class ImageModality implements Modality {
    /** The modality id, never renamed. */
    public static final String ID = "image";

    /** The current payload version of every image annotation type. */
    public static final int PAYLOAD_VERSION = 1;

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif", "webp");

    private static final List<AnnotationType> TYPES = List.of(new AnnotationType(BoundingBox.TYPE, "Bounding box", PAYLOAD_VERSION),
            new AnnotationType(RotatedBox.TYPE, "Rotated box", PAYLOAD_VERSION), new AnnotationType(Polygon.TYPE, "Polygon", PAYLOAD_VERSION),
            new AnnotationType(Polyline.TYPE, "Polyline", PAYLOAD_VERSION), new AnnotationType(Keypoints.TYPE, "Keypoints", PAYLOAD_VERSION),
            new AnnotationType(Mask.TYPE, "Mask", PAYLOAD_VERSION), new AnnotationType(Tag.TYPE, "Image tag", PAYLOAD_VERSION));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Image";
    }

    @Override
    public int accepts(Asset asset) {
        return ID.equals(asset.modalityId()) || EXTENSIONS.contains(asset.extension()) ? PREFERRED : NOT_SUITABLE;
    }

    @Override
    public List<AnnotationType> annotationTypes() {
        return TYPES;
    }

    @Override
    public Map<String, Object> createPayload(String typeId) {
        Shape s = switch (typeId) {
            case BoundingBox.TYPE -> new BoundingBox(0, 0, 0, 0);
            case RotatedBox.TYPE -> new RotatedBox(0, 0, 0, 0, 0);
            case Polygon.TYPE -> new Polygon(List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0));
            case Polyline.TYPE -> new Polyline(List.of(0.0, 0.0, 0.0, 0.0));
            case Keypoints.TYPE -> new Keypoints(List.of(), "", "");
            case Mask.TYPE -> new Mask(0, 0, new int[] {0});
            case Tag.TYPE -> new Tag();
            default -> throw new IllegalArgumentException("'" + typeId + "' is not an image annotation type");
        };
        return s.toPayload();
    }

    @Override
    public List<String> validate(Annotation annotation, LabelSchema schema, int guidelineVersion) {
        java.util.Optional<String> newer = Modality.newerPayload(annotation, PAYLOAD_VERSION);
        if (newer.isPresent()) {
            return List.of(newer.get());
        }
        List<String> problems = new ArrayList<>();
        try {
            Shape.fromPayload(annotation.typeId(), annotation.payload());
        } catch (PayloadException e) {
            problems.add(e.getMessage());
        }
        // Unknown labels are the core rule's (schema.unknown-label): one finding, whatever the modality.
        return problems;
    }
}
