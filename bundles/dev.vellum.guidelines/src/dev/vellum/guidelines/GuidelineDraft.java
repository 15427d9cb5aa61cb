package dev.vellum.guidelines;

import java.time.Instant;

/**
 * The one editable draft of the next guideline version.
 *
 * @param markdown the text
 * @param basedOn  the published version it started from (0: none)
 * @param editedBy who last changed it, or empty when never edited
 * @param edited   when, or {@code null} when never edited
 */
public record GuidelineDraft(String markdown, int basedOn, String editedBy, Instant edited) {
}
