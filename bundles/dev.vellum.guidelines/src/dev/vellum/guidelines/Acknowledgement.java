package dev.vellum.guidelines;

import java.time.Instant;

/**
 * A user's statement that they have read a guideline version and the FAQ decisions up to a time.
 *
 * @param user    who
 * @param version the version acknowledged
 * @param time    when
 */
public record Acknowledgement(String user, int version, Instant time) {
}
