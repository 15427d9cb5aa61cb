package dev.vellum.modality.image.model;

import java.util.Map;

/** The typed view of an image annotation's payload. */
public sealed interface Shape permits BoundingBox, RotatedBox, Polygon, Polyline, Keypoints, Mask, Tag {
    /** The JSON-shaped payload, in the current payload version. */
    Map<String, Object> toPayload();

    /** Area in square pixels; 0 for shapes without one (lines, points, tags). */
    double area();

    /** The smallest axis-aligned box holding the shape, or null for a tag. */
    BoundingBox bounds();

    /**
     * Reads the payload of an annotation of {@code typeId}.
     *
     * @throws PayloadException when the payload is malformed or the type is not an image type
     */
    static Shape fromPayload(String typeId, Map<String, Object> payload) {
        return switch (typeId) {
            case BoundingBox.TYPE -> BoundingBox.fromPayload(payload);
            case RotatedBox.TYPE -> RotatedBox.fromPayload(payload);
            case Polygon.TYPE -> Polygon.fromPayload(payload);
            case Polyline.TYPE -> Polyline.fromPayload(payload);
            case Keypoints.TYPE -> Keypoints.fromPayload(payload);
            case Mask.TYPE -> Mask.fromPayload(payload);
            case Tag.TYPE -> Tag.fromPayload(payload);
            default -> throw new PayloadException("'" + typeId + "' is not an image annotation type");
        };
    }

    /** Bounds of an x,y interleaved list, or null when it is empty. */
    static BoundingBox boundsOf(java.util.List<Double> xy) {
        if (xy.size() < 2) {
            return null;
        }
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < xy.size(); i += 2) {
            minX = Math.min(minX, xy.get(i));
            maxX = Math.max(maxX, xy.get(i));
            minY = Math.min(minY, xy.get(i + 1));
            maxY = Math.max(maxY, xy.get(i + 1));
        }
        return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }
}
