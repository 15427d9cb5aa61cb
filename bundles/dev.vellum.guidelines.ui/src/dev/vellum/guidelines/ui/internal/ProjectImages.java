package dev.vellum.guidelines.ui.internal;

import dev.vellum.core.model.Asset;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.core.ui.widgets.MarkdownViewer.ImageSource;
import dev.vellum.core.ui.widgets.MarkdownViewer.Loaded;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.ImageData;

/**
 * Images of guideline text: paths relative to the project folder, resolved the way the store
 * resolves asset paths. Absolute paths, web addresses and paths that leave the project folder are
 * not shown, so that a guideline shows the same to everyone who has the project.
 */
public final class ProjectImages implements ImageSource {
    private final StoredProject project;

    public ProjectImages(StoredProject project) {
        this.project = project;
    }

    @Override
    public Loaded load(String destination) {
        if (destination == null || destination.isBlank()) {
            return Loaded.missing("no path");
        }
        String path = URLDecoder.decode(destination.replace("+", "%2B"), StandardCharsets.UTF_8);
        Asset asset = new Asset(path, "image", "", Map.of());
        if (!asset.isRelative()) {
            return Loaded.missing("only paths inside the project folder are shown");
        }
        Path root;
        Path file;
        try {
            root = Path.of(project.resolve(new Asset(".", "image", "", Map.of()))).normalize();
            URI uri = project.resolve(asset);
            if (!"file".equals(uri.getScheme())) {
                return Loaded.missing("not a file of the project");
            }
            file = Path.of(uri).normalize();
        } catch (RuntimeException e) {
            return Loaded.missing("not a file path");
        }
        if (!file.startsWith(root)) {
            return Loaded.missing("outside the project folder");
        }
        if (!Files.isRegularFile(file)) {
            return Loaded.missing("not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Loaded.of(new ImageData(in));
        } catch (SWTException e) {
            return Loaded.missing("not an image this platform can read");
        } catch (java.io.IOException e) {
            return Loaded.missing("cannot be read: " + e.getMessage());
        }
    }
}
