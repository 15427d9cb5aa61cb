package dev.vellum.modality.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        if (ID.equals(asset.modalityId())) {
            return PREFERRED;
        }
        String path = asset.uri();
        int cut = Math.max(path.indexOf('?'), path.indexOf('#'));
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) {
            return NOT_SUITABLE;
        }
        return EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT)) ? PREFERRED : NOT_SUITABLE;
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
        List<String> problems = new ArrayList<>();
        if (annotation.payloadVersion() > PAYLOAD_VERSION) {
            problems.add(annotation.typeId() + ": payload version " + annotation.payloadVersion() + " is newer than this Vellum reads ("
                    + PAYLOAD_VERSION + ")");
            return problems;
        }
        try {
            Shape.fromPayload(annotation.typeId(), annotation.payload());
        } catch (PayloadException e) {
            problems.add(e.getMessage());
        }
        // Unknown labels are the core rule's (schema.unknown-label): one finding, whatever the modality.
        return problems;
    }
}
