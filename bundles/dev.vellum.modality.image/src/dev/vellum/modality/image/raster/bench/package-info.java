/**
 * Benchmark tools for the raster layer: a synthetic test pattern of any size written as a tiled
 * TIFF without ever holding the whole image, and timings of pyramid building and tile fetching
 * for a typical view. Used by {@code vellum cli bench image} and the tests.
 */
package dev.vellum.modality.image.raster.bench;
