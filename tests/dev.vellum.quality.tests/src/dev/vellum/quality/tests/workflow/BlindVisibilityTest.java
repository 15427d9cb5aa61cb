package dev.vellum.quality.tests.workflow;

import static dev.vellum.quality.tests.workflow.MemoryProject.set;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.model.Project;
import dev.vellum.core.spi.SetVisibility;
import dev.vellum.quality.workflow.BlindVisibility;
import dev.vellum.quality.workflow.QualitySettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlindVisibilityTest {
    private final SetVisibility blind = new BlindVisibility();

    private static Item item(List<String> assignees, AnnotationSet... sets) {
        return new Item("x1", "", List.of(new Asset("media/x1.png", "image", "", null)), null, assignees, List.of(sets));
    }

    @Test
    void anAnnotatorSeesOthersOnlyOnceTheirOwnIsSubmitted() {
        Project project = new MemoryProject(2, "review").project();
        AnnotationSet bob = set("bob", AnnotationState.SUBMITTED);
        for (AnnotationState own : AnnotationState.values()) {
            Item item = item(List.of(), set("alice", own), bob);
            boolean expected = own != AnnotationState.IN_PROGRESS && own != AnnotationState.REJECTED;
            if (expected) {
                assertTrue(blind.mayView(project, item, bob, "alice"), own.id());
            } else {
                assertFalse(blind.mayView(project, item, bob, "alice"), own.id());
            }
        }
        Item item = item(List.of(), set("alice", AnnotationState.IN_PROGRESS), bob);
        assertTrue(blind.mayView(project, item, item.set("alice").orElseThrow(), "alice"), "one's own set");
    }

    @Test
    void reviewersAndAuditorsSeeAllButAssignedAndListedAnnotatorsWithoutASetDoNot() {
        Project project = new MemoryProject(2, "review").project();
        new QualitySettings(List.of("alice", "bob", "carol"), List.of("rev"), List.of("aud"), 0.1, 0, 0.8, 0).writeTo(project);
        AnnotationSet bob = set("bob", AnnotationState.IN_PROGRESS);
        Item item = item(List.of("dave"), bob);
        assertTrue(blind.mayView(project, item, bob, "rev"));
        assertTrue(blind.mayView(project, item, bob, "aud"));
        assertFalse(blind.mayView(project, item, bob, "carol"), "a listed annotator may be about to start it");
        assertFalse(blind.mayView(project, item, bob, "dave"), "assigned to it");
        assertTrue(blind.mayView(project, item, bob, "erin"), "neither an annotator nor assigned");
        Item reviewerAnnotating = item(List.of(), bob, set("rev", AnnotationState.IN_PROGRESS));
        assertFalse(blind.mayView(project, reviewerAnnotating, bob, "rev"), "annotating the item makes a reviewer blind too");
    }

    @Test
    void malformedSettingsKeepTheRuleBlind() {
        Project project = new MemoryProject(2, "review").project();
        project.setExtensions(Map.of(QualitySettings.EXTENSION, Map.of("auditRate", 3)));
        AnnotationSet bob = set("bob", AnnotationState.SUBMITTED);
        assertFalse(blind.mayView(project, item(List.of(), set("alice", AnnotationState.IN_PROGRESS), bob), bob, "alice"));
    }
}
