package dev.vellum.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.app.internal.Autosave;
import dev.vellum.app.internal.RecentProjects;
import dev.vellum.app.internal.WorkbenchProject;
import dev.vellum.core.edit.ChangeState;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.registry.StoreRegistry;
import dev.vellum.core.session.ProjectSession;
import dev.vellum.core.spi.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbenchProjectTest {
    @TempDir
    Path tmp;

    private WorkbenchProject workbench(MemoryStore store) {
        StoreRegistry stores = new StoreRegistry();
        stores.addStore(store);
        return new WorkbenchProject(stores, "tester", new RecentProjects(tmp.resolve("recent.txt")));
    }

    @Test
    void recentProjectsKeepTheTenLatestMostRecentFirst() throws Exception {
        RecentProjects recent = new RecentProjects(tmp.resolve("sub/recent-projects.txt"));
        IntStream.rangeClosed(1, 12).forEach(i -> recent.add("/p/" + i));
        recent.add("/p/5");
        List<String> list = recent.list();
        assertEquals(RecentProjects.MAX, list.size());
        assertEquals("/p/5", list.get(0));
        assertEquals("/p/12", list.get(1));
        assertFalse(list.contains("/p/2"), "the oldest fell off");
        assertEquals(list, new RecentProjects(tmp.resolve("sub/recent-projects.txt")).list(), "kept on disk");
        assertFalse(Files.exists(tmp.resolve("sub/recent-projects.txt.tmp")), "no temporary file left behind");
    }

    @Test
    void openingTellsListenersAndRemembersTheProject() throws Exception {
        MemoryStore store = new MemoryStore();
        SampleProject.addTo(store);
        WorkbenchProject w = workbench(store);
        List<ProjectSession> switched = new ArrayList<>();
        w.addListener(new WorkbenchProject.Listener() {
            @Override
            public void projectSwitched(ProjectSession session) {
                switched.add(session);
            }
        });
        ProjectSession s = w.open(SampleProject.LOCATION);
        assertEquals(List.of(s), switched);
        assertEquals("tester", s.user());
        assertEquals(List.of(SampleProject.LOCATION), w.recent().list());
        w.close();
        assertNull(switched.get(1));
        assertTrue(store.projects.get(SampleProject.LOCATION).closed, "closing releases the store");
    }

    @Test
    void aProjectThatCannotOpenAtStartIsReportedNotThrown() {
        WorkbenchProject w = workbench(new MemoryStore());
        w.openAtStart("mem:gone");
        assertEquals("mem:gone: no project here", w.startupProblem().orElseThrow());
        assertTrue(w.session().isEmpty());
        assertThrows(StoreException.class, () -> w.open("/not/a/store/location"));
    }

    @Test
    void creatingMakesAnIdFromTheName() throws Exception {
        MemoryStore store = new MemoryStore();
        WorkbenchProject w = workbench(store);
        ProjectSession s = w.create("mem:new", "Street Scenes 2026!");
        assertEquals("street-scenes-2026-", s.project().id());
        assertEquals("Street Scenes 2026!", s.project().name());
        assertSame(s, w.session().orElseThrow());
    }

    @Test
    void theUserComesFromTheSystemPropertyFirst() {
        String before = System.getProperty("vellum.user");
        try {
            System.setProperty("vellum.user", "reviewer7");
            assertEquals("reviewer7", WorkbenchProject.defaultUser());
        } finally {
            if (before == null) {
                System.clearProperty("vellum.user");
            } else {
                System.setProperty("vellum.user", before);
            }
        }
    }

    @Test
    void autosaveSavesOnlyWhenDirtyAndRecordsTheTime() throws Exception {
        MemoryStore store = new MemoryStore();
        MemoryStore.MemoryProject stored = SampleProject.addTo(store);
        WorkbenchProject w = workbench(store);
        w.open(SampleProject.LOCATION);
        Autosave autosave = new Autosave(Display.getDefault(), w, 30);
        autosave.saveIfDirty();
        assertTrue(stored.saved.isEmpty());
        assertTrue(w.lastSaved().isEmpty());
        w.session().orElseThrow().execute(new ChangeState("c1", "alice", AnnotationState.SUBMITTED));
        autosave.saveIfDirty();
        assertEquals(List.of("c1"), stored.saved);
        assertFalse(w.isDirty());
        assertTrue(w.lastSaved().isPresent());
    }
}
