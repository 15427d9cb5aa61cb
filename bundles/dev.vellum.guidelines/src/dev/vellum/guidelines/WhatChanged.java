package dev.vellum.guidelines;

import java.util.List;

/**
 * What a user has not seen yet.
 *
 * @param user          who
 * @param fromVersion   the version they last acknowledged (0: none)
 * @param toVersion     the current version
 * @param diff          from the acknowledged version's text to the current one's
 * @param newlyDecided  FAQ entries decided (or promoted) after their last acknowledgement, newest first
 */
public record WhatChanged(String user, int fromVersion, int toVersion, GuidelineDiff diff, List<FaqEntry> newlyDecided) {
    /** The entries are copied, unmodifiable. */
    public WhatChanged {
        newlyDecided = List.copyOf(newlyDecided);
    }

    /** Whether there is nothing new. */
    public boolean upToDate() {
        return fromVersion == toVersion && newlyDecided.isEmpty();
    }
}
