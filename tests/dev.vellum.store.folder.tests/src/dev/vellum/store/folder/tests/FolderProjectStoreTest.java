package dev.vellum.store.folder.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.core.spi.ProjectStore;
import dev.vellum.core.spi.StoreException;
import dev.vellum.store.folder.FolderProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

class FolderProjectStoreTest {
    private final FolderProjectStore store = new FolderProjectStore();

    @TempDir
    Path tmp;

    @Test
    void acceptsFolderPathsAndFileUrisButNotDatabaseUrls() throws Exception {
        Path project = tmp.resolve("p");
        store.create(project.toString(), "p", "P").close();
        Path plainFile = Files.writeString(tmp.resolve("notes.txt"), "x");

        assertEquals(100, store.accepts(project.toString()));
        assertEquals(100, store.accepts(project.resolve("vellum.json").toString()));
        assertEquals(100, store.accepts(project.toUri().toString()));
        assertTrue(store.accepts(tmp.toString()) > 0, "an existing folder, for create");
        assertTrue(store.accepts(tmp.resolve("not-yet").toString()) > 0, "an absent folder, for create");
        assertTrue(store.accepts(project.toString()) > store.accepts(tmp.toString()), "a project beats a plain folder");
        assertEquals(0, store.accepts("jdbc:postgresql://localhost:5432/vellum"));
        assertEquals(0, store.accepts("postgresql://localhost/vellum"));
        assertEquals(0, store.accepts("https://example.org/project"));
        assertEquals(0, store.accepts(plainFile.toString()));
        assertEquals(0, store.accepts(""));
        assertEquals(0, store.accepts(null));
        assertEquals("folder", store.id());
    }

    @Test
    void createMakesTheManifestAndTheItemsFolder() throws Exception {
        Path dir = tmp.resolve("new/deeper");
        try (FolderProject p = store.create(dir.toString(), "demo-1", "Demo")) {
            assertEquals("demo-1", p.project().id());
            assertEquals(0, p.project().itemCount());
        }
        assertTrue(Files.isRegularFile(dir.resolve("vellum.json")));
        assertTrue(Files.isDirectory(dir.resolve("items")));
        String manifest = Files.readString(dir.resolve("vellum.json"));
        assertTrue(manifest.startsWith("{\n  \"format\": \"vellum-project\",\n  \"formatVersion\": 2,\n"), manifest);
        try (FolderProject p = store.open(dir.toString())) {
            assertEquals("Demo", p.project().name());
            assertEquals(2, p.manifestFormatVersion());
        }
    }

    @Test
    void createRefusesAFolderThatIsNotEmpty() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("thesis.tex"), "precious", StandardCharsets.UTF_8);
        StoreException e = assertThrows(StoreException.class, () -> store.create(dir.toString(), "p", "P"));
        assertTrue(e.getMessage().startsWith(dir.toString() + ": is not empty"), e.getMessage());
        assertTrue(e.getMessage().contains("thesis.tex"), e.getMessage());
        assertEquals("precious", Files.readString(dir.resolve("thesis.tex")));
        assertFalse(Files.exists(dir.resolve("vellum.json")));
    }

    @Test
    void createRefusesAnInvalidProjectId() {
        Path dir = tmp.resolve("p");
        StoreException e = assertThrows(StoreException.class, () -> store.create(dir.toString(), "no spaces", "P"));
        assertTrue(e.getMessage().contains("project id 'no spaces' is not valid"), e.getMessage());
        assertFalse(Files.exists(dir));
    }

    @Test
    void theStoreIsRegisteredAsADeclarativeService() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(FolderProjectStore.class);
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start();
        }
        BundleContext ctx = bundle.getBundleContext();
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            Collection<ServiceReference<ProjectStore>> refs = ctx.getServiceReferences(ProjectStore.class, null);
            boolean found = refs.stream().map(ctx::getService).anyMatch(s -> s != null && "folder".equals(s.id()));
            if (found) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no ProjectStore service with id 'folder' (services: " + refs.size() + ")");
            }
            Thread.sleep(50);
        }
    }
}
