package dev.vellum.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.app.parts.PropertiesPart;
import dev.vellum.app.parts.StatusLine;
import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.edit.ReplaceAnnotation;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.session.ProjectSession;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesAndStatusTest {
    @TempDir
    Path tmp;
    private Fixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static Optional<TreeItem> row(TreeItem[] rows, String name) {
        return Arrays.stream(rows).filter(r -> r.getText(0).equals(name)).findFirst();
    }

    @Test
    void anAnnotationShowsEveryFieldAndItsPayloadUnfolded() throws Exception {
        ContextInjectionFactory.make(PropertiesPart.class, f.context);
        Annotation a = f.session().load("c2").set("bob").orElseThrow().annotations().get(0);
        f.context.set(IServiceConstants.ACTIVE_SELECTION, a);
        Tree tree = Fixture.find(f.shell, "properties.tree", Tree.class);
        TreeItem general = row(tree.getItems(), "Annotation").orElseThrow();
        assertEquals("truck", row(general.getItems(), "Label").orElseThrow().getText(1));
        assertEquals("image.bbox", row(general.getItems(), "Type").orElseThrow().getText(1));
        assertEquals("bob", row(general.getItems(), "Author").orElseThrow().getText(1));
        TreeItem payload = row(tree.getItems(), "Payload").orElseThrow();
        assertEquals("30", row(payload.getItems(), "w").orElseThrow().getText(1));
        TreeItem attributes = row(tree.getItems(), "Attributes").orElseThrow();
        assertEquals("false", row(attributes.getItems(), "occluded").orElseThrow().getText(1));

        f.context.set(IServiceConstants.ACTIVE_SELECTION, null);
        assertTrue(row(tree.getItems(), "Payload").isPresent(), "an empty selection keeps what was shown");
    }

    @Test
    void aRelabelAndItsUndoShowInTheViewAtOnce() throws Exception {
        ContextInjectionFactory.make(PropertiesPart.class, f.context);
        Annotation a = f.session().load("c2").set("bob").orElseThrow().annotations().get(0);
        f.context.set(IServiceConstants.ACTIVE_SELECTION, a);
        Tree tree = Fixture.find(f.shell, "properties.tree", Tree.class);
        f.session().execute(new ReplaceAnnotation("c2", "bob", a.withLabel("van", "bob"), "Relabel"));
        f.spin();
        TreeItem general = row(tree.getItems(), "Annotation").orElseThrow();
        assertEquals("van", row(general.getItems(), "Label").orElseThrow().getText(1));
        f.session().undo();
        f.spin();
        general = row(tree.getItems(), "Annotation").orElseThrow();
        assertEquals("truck", row(general.getItems(), "Label").orElseThrow().getText(1));
    }

    @Test
    void anItemShowsItsAssetsAndSets() {
        ContextInjectionFactory.make(PropertiesPart.class, f.context);
        f.context.set(IServiceConstants.ACTIVE_SELECTION, f.session().project().item("c2").orElseThrow());
        Tree tree = Fixture.find(f.shell, "properties.tree", Tree.class);
        TreeItem asset = row(tree.getItems(), "Asset").orElseThrow();
        assertEquals("media/c2.png", row(asset.getItems(), "URI").orElseThrow().getText(1));
        assertEquals("sha256:00", row(asset.getItems(), "Hash").orElseThrow().getText(1));
        assertEquals("640", row(asset.getItems(), "width").orElseThrow().getText(1));
        List<String> sets = Arrays.stream(tree.getItems()).filter(r -> r.getText(0).equals("Set")).map(r -> r.getText(1)).toList();
        assertEquals(List.of("alice", "bob"), sets);

        f.context.set(ProjectSession.class, null);
        assertEquals(0, tree.getItemCount(), "another project's item is not shown after a switch");
    }

    @Test
    void statusLineShowsProjectUserAndSaveState() throws Exception {
        StatusLine status = ContextInjectionFactory.make(StatusLine.class, f.context);
        assertEquals(List.of("Project: Sample (5 items)", "User: tester", "No changes"), List.of(status.texts()));
        f.session().execute(new ChangeState("c1", "alice", AnnotationState.SUBMITTED));
        assertEquals("Unsaved changes", status.texts()[2]);
        f.workbench.save();
        assertTrue(status.texts()[2].matches("Saved \\d\\d:\\d\\d:\\d\\d"), status.texts()[2]);
        f.workbench.close();
        assertEquals("No project open", status.texts()[0]);
    }
}
