/**
 * Image files for display: reading every supported format (through ImageIO and its plugins), EXIF
 * orientation, window/level for high-bit-depth images, and tiled multi-resolution access backed by
 * a pyramid cache for images too large to decode at once. No SWT: the editor turns
 * {@link dev.vellum.modality.image.raster.TilePixels} into images.
 */
package dev.vellum.modality.image.raster;
