package dev.vellum.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.app.parts.ProjectExplorerPart;
import dev.vellum.core.edit.AddAnnotation;
import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.ItemSummary;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectExplorerPartTest {
    @TempDir
    Path tmp;
    private Fixture f;
    private ProjectExplorerPart explorer;
    private Tree tree;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
        explorer = ContextInjectionFactory.make(ProjectExplorerPart.class, f.context);
        f.shell.layout(true, true);
        f.spin();
        tree = Fixture.find(f.shell, "explorer.tree", Tree.class);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static List<String> texts(TreeItem[] rows) {
        return Arrays.stream(rows).map(TreeItem::getText).toList();
    }

    private TreeItem group(String dataset, String modality) {
        TreeItem ds = Arrays.stream(tree.getItems()).filter(r -> r.getText().startsWith(dataset + " (")).findFirst().orElseThrow();
        return Arrays.stream(ds.getItems()).filter(r -> r.getText().startsWith(modality + " (")).findFirst().orElseThrow();
    }

    private void choose(String comboId, String entry) {
        Combo combo = Fixture.find(f.shell, comboId, Combo.class);
        int index = Arrays.asList(combo.getItems()).indexOf(entry);
        assertTrue(index >= 0, entry + " is offered in " + Arrays.toString(combo.getItems()));
        combo.select(index);
        combo.notifyListeners(SWT.Selection, null);
    }

    @Test
    void groupsItemsByDatasetThenModalityWithCounts() {
        assertEquals(List.of("city (3 items)", "forest (2 items)"), texts(tree.getItems()));
        TreeItem forest = tree.getItem(1);
        assertEquals(List.of("image (1 item)", "text (1 item)"), texts(forest.getItems()));
        TreeItem cityImages = group("city", "image");
        assertEquals(List.of("c1", "c2", "c3"), texts(cityImages.getItems()));
        assertEquals(5, explorer.shownItemCount());
    }

    @Test
    void itemRowsShowOverallStateCountAndAnnotators() {
        TreeItem c2 = group("city", "image").getItem(1);
        assertEquals("Submitted", c2.getText(1), "the least advanced set decides");
        assertEquals("2", c2.getText(2));
        assertEquals("alice, bob", c2.getText(3));
        TreeItem c3 = group("city", "image").getItem(2);
        assertEquals("Not started", c3.getText(1));
        assertEquals("0", c3.getText(2));
        assertEquals("4", tree.getItem(0).getText(2), "a group sums its annotations");
    }

    @Test
    void stateFilterNarrowsTheItems() {
        choose("explorer.filter.state", "Not started");
        assertEquals(1, explorer.shownItemCount());
        assertEquals(List.of("city (1 item)"), texts(tree.getItems()));
        assertEquals("c3", group("city", "image").getItem(0).getText());

        choose("explorer.filter.state", "Accepted");
        assertEquals(1, explorer.shownItemCount());
        assertEquals("f1", group("forest", "image").getItem(0).getText());
    }

    @Test
    void annotatorAndLabelFiltersCombine() {
        choose("explorer.filter.annotator", "bob");
        assertEquals(2, explorer.shownItemCount());
        choose("explorer.filter.annotator", "alice");
        assertEquals(3, explorer.shownItemCount());
        choose("explorer.filter.label", "car");
        assertEquals(2, explorer.shownItemCount());
        assertEquals(List.of("c1", "c2"), texts(group("city", "image").getItems()));
        choose("explorer.filter.state", "In progress");
        assertEquals(1, explorer.shownItemCount());

        Link clear = Arrays.stream(Fixture.all(f.shell, Link.class).toArray(Link[]::new))
                .filter(l -> l.getText().contains("Clear filters")).findFirst().orElseThrow();
        clear.notifyListeners(SWT.Selection, null);
        assertEquals(5, explorer.shownItemCount());
    }

    @Test
    void labelFilterOffersSchemaClassesEvenWhenUnused() {
        Combo labels = Fixture.find(f.shell, "explorer.filter.label", Combo.class);
        assertTrue(Arrays.asList(labels.getItems()).contains("ORG"));
        choose("explorer.filter.label", "ORG");
        assertEquals(0, explorer.shownItemCount());
        assertEquals(0, tree.getItemCount());
    }

    @Test
    void textFilterMatchesPartOfTheIdInAnyCase() {
        Text text = Fixture.find(f.shell, "explorer.filter.text", Text.class);
        text.setText("C");
        assertEquals(3, explorer.shownItemCount());
        text.setText("t1");
        assertEquals(1, explorer.shownItemCount());
        assertEquals(List.of("forest (1 item)"), texts(tree.getItems()));
    }

    @Test
    void rowsFollowEditsOfTheSession() throws Exception {
        TreeItem c1 = group("city", "image").getItem(0);
        assertEquals("In progress", c1.getText(1));
        f.session().execute(new ChangeState("c1", "alice", AnnotationState.SUBMITTED));
        assertEquals("Submitted", c1.getText(1));
        f.session().execute(new AddAnnotation("c3", "carol", Annotation.create("n1", "image.bbox", "bus", Map.of(), "carol"), -1, 1));
        TreeItem c3 = group("city", "image").getItem(2);
        assertEquals("In progress", c3.getText(1));
        assertEquals("carol", c3.getText(3));
        assertEquals("5", tree.getItem(0).getText(2), "the group count follows");
        Combo annotators = Fixture.find(f.shell, "explorer.filter.annotator", Combo.class);
        assertTrue(Arrays.asList(annotators.getItems()).contains("carol"), "a new annotator becomes a filter choice");
        f.session().undo();
        assertEquals("Not started", group("city", "image").getItem(2).getText(1));
    }

    @Test
    void selectingAnItemPublishesItsSummary() {
        TreeItem c2 = group("city", "image").getItem(1);
        tree.setSelection(c2);
        tree.notifyListeners(SWT.Selection, null);
        ItemSummary s = assertInstanceOf(ItemSummary.class, f.selection.selection);
        assertEquals("c2", s.id());
    }

    @Test
    void closingTheProjectShowsHowToOpenOne() {
        f.workbench.close();
        Link empty = Fixture.find(f.shell, "explorer.empty", Link.class);
        assertTrue(empty.getText().contains("No project open"), empty.getText());
        assertTrue(empty.isVisible());
        assertFalse(tree.isVisible());
        assertEquals(0, explorer.shownItemCount());
    }
}
