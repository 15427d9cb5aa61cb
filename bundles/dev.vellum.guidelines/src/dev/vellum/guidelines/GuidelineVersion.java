package dev.vellum.guidelines;

import java.time.Instant;

/**
 * A published guideline version: immutable once published.
 *
 * @param number    1, 2, 3... in publication order
 * @param markdown  the text
 * @param note      the change note given when publishing
 * @param author    who published it
 * @param published when
 */
public record GuidelineVersion(int number, String markdown, String note, String author, Instant published) {
}
