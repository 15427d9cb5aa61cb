package dev.vellum.quality.tests.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.Project;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.quality.workflow.QualitySettings;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualitySettingsTest {
    @TempDir
    Path tmp;

    @Test
    void settingsRoundTripThroughTheProjectFile() throws Exception {
        QualitySettings s = new QualitySettings(List.of("alice", "bob"), List.of("rev"), List.of("aud"), 0.25, 0.05, 0.9, 1234567890123L);
        String location = tmp.resolve("p").toString();
        try (StoredProject p = new FolderProjectStore().create(location, "p", "P")) {
            p.project().setExtensions(Map.of("other.plugin", Map.of("x", 1)));
            assertEquals(QualitySettings.DEFAULT, QualitySettings.read(p.project()));
            s.writeTo(p.project());
            p.saveProject();
        }
        try (StoredProject p = new FolderProjectStore().open(location)) {
            assertEquals(s, QualitySettings.read(p.project()));
            assertEquals(Map.of("x", 1), p.project().extensions().get("other.plugin"), "other extensions are kept");
        }
    }

    @Test
    void badSettingsNameTheField() {
        assertBad(Map.of("auditRate", 1.5), "'auditRate' must be a number from 0 to 1, found 1.5");
        assertBad(Map.of("goldRate", "often"), "'goldRate' must be a number from 0 to 1, found often");
        assertBad(Map.of("goldThreshold", -0.1), "'goldThreshold' must be a number from 0 to 1");
        assertBad(Map.of("reviewers", "rev"), "'reviewers' must be a list of user names");
        assertBad(Map.of("annotators", List.of("alice", " ")), "'annotators' holds an empty user name");
        assertBad(Map.of("seed", 1.5), "'seed' must be a whole number");
        assertBad(Map.of("overlap", 2), "unknown field 'overlap'");
        assertBad("yes", "must be an object");
    }

    private static void assertBad(Object extension, String message) {
        Project p = new MemoryProject(1).project();
        p.setExtensions(Map.of(QualitySettings.EXTENSION, extension));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QualitySettings.read(p));
        assertTrue(e.getMessage().startsWith("project extension 'quality.workflow': "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void rolesFollowTheLists() {
        QualitySettings open = QualitySettings.DEFAULT;
        assertTrue(open.mayAnnotate("anyone") && open.mayReview("anyone") && open.mayAudit("anyone"));
        QualitySettings listed = open.withUsers(List.of("alice"), List.of("rev"), List.of("aud"));
        assertEquals(List.of(true, false, false, true, false, true),
                List.of(listed.mayAnnotate("alice"), listed.mayAnnotate("rev"), listed.mayReview("alice"), listed.mayReview("rev"),
                        listed.mayAudit("rev"), listed.mayAudit("aud")));
    }
}
