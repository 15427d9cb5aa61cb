package dev.vellum.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.app.parts.ProjectExplorerPart;
import java.nio.file.Path;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.swt.widgets.Link;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item files the store could not read are reported in the explorer, not silently left out. */
class UnreadableItemsTest {
    @TempDir
    Path tmp;
    private Fixture f;

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Link open() {
        ContextInjectionFactory.make(ProjectExplorerPart.class, f.context);
        f.shell.layout(true, true);
        f.spin();
        return Fixture.find(f.shell, "explorer.problems", Link.class);
    }

    @Test
    void theExplorerNamesHowManyFilesCouldNotBeReadAndWhich() throws Exception {
        f = new Fixture(tmp);
        f.stored.unreadable.add("/p/items/x.json: the JSON is truncated at line 3, column 1");
        f.stored.unreadable.add("/p/items/y.json: unknown state 'done'");
        Link link = open();
        assertTrue(link.isVisible());
        assertTrue(link.getText().contains("2 item files could not be read"), link.getText());
        assertTrue(link.getToolTipText().contains("/p/items/y.json: unknown state 'done'"), link.getToolTipText());
    }

    @Test
    void nothingIsShownWhenEveryFileWasRead() throws Exception {
        f = new Fixture(tmp);
        Link link = open();
        assertFalse(link.isVisible());
        assertEquals("", link.getText());
    }
}
