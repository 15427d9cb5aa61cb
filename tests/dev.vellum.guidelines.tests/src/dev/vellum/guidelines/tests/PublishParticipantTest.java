package dev.vellum.guidelines.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.spi.StoreException;
import dev.vellum.guidelines.Guidelines;
import dev.vellum.guidelines.PublishParticipant;
import dev.vellum.store.folder.FolderProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is versioned with the guidelines is told of each publish before it is committed, and can stop it. */
class PublishParticipantTest {
    @TempDir
    Path dir;

    @Test
    void participantsAreToldTheNumberBeforeTheVersionExists() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            List<String> told = new ArrayList<>();
            PublishParticipant rules = (project, number) -> told.add(number + ":" + Files.exists(dir.resolve(Guidelines.versionPath(number))));
            Guidelines g = new Guidelines(p, List.of(rules));
            g.saveDraft("# Guide\n", "carol");
            g.publish("First", "carol");
            g.saveDraft("# Guide\n\nMore.\n", "carol");
            g.publish("Second", "carol");
            assertEquals(List.of("1:false", "2:false"), told);
        }
    }

    @Test
    void aParticipantThatFailsStopsThePublishWithNothingWritten() throws Exception {
        try (FolderProject p = TestProjects.create(dir)) {
            PublishParticipant broken = (project, number) -> {
                throw new StoreException("rules/draft.json", "is broken");
            };
            Guidelines g = new Guidelines(p, List.of(broken));
            g.saveDraft("# Guide\n", "carol");
            StoreException e = assertThrows(StoreException.class, () -> g.publish("First", "carol"));
            assertEquals("rules/draft.json: is broken", e.getMessage());
            assertEquals(0, g.current());
            assertFalse(Files.exists(dir.resolve("guidelines/v0001.md")));
            assertTrue(TestProjects.events(p, dev.vellum.core.audit.AuditEvent.GUIDELINES_PUBLISHED).isEmpty());
        }
    }
}
