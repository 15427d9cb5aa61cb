package dev.vellum.app.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.vellum.app.parts.AnnotationListEditor;
import dev.vellum.app.parts.ProjectExplorerPart;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Control;

/**
 * The startup check CI runs on the real product ({@code -Dvellum.smoke=<file>}): once the workbench
 * is up, writes what the Project Explorer shows and how long it took, opens the first item in its
 * editor, records that too, and lets the caller close the workbench.
 */
public final class SmokeReport {
    /** System property naming the JSON file to write. */
    public static final String PROPERTY = "vellum.smoke";
    private static final String EXPLORER = "dev.vellum.app.part.projectExplorer";

    private final WorkbenchProject workbench;
    private final EModelService models;
    private final MApplication application;
    private final EditorArea editors;

    public SmokeReport(WorkbenchProject workbench, EModelService models, MApplication application, EditorArea editors) {
        this.workbench = workbench;
        this.models = models;
        this.application = application;
        this.editors = editors;
    }

    /**
     * Measures, opens the first item, and writes the report.
     *
     * @throws IOException when the report cannot be written
     */
    public void write(Path file) throws IOException {
        long explorerReadyMs = sinceJvmStart();
        MPart explorerPart = (MPart) models.find(EXPLORER, application);
        ProjectExplorerPart explorer = explorerPart != null && explorerPart.getObject() instanceof ProjectExplorerPart p ? p : null;
        int items = explorer == null ? -1 : explorer.shownItemCount();
        List<String> parts = visibleParts();

        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"project\": ").append(workbench.session().map(s -> quote(s.project().name())).orElse("null")).append(",\n");
        json.append("  \"location\": ").append(workbench.session().map(s -> quote(s.stored().location())).orElse("null")).append(",\n");
        json.append("  \"user\": ").append(quote(workbench.user())).append(",\n");
        json.append("  \"items\": ").append(items).append(",\n");
        json.append("  \"explorerReadyMs\": ").append(explorerReadyMs).append(",\n");
        json.append("  \"parts\": ").append(array(parts));
        Optional<String> first = explorer == null ? Optional.empty() : explorer.firstItemId();
        if (first.isPresent()) {
            long start = System.nanoTime();
            Optional<MPart> editor = editors.open(first.get());
            long openMs = (System.nanoTime() - start) / 1_000_000;
            json.append(",\n  \"editor\": {\"item\": ").append(quote(first.get()));
            json.append(", \"part\": ").append(editor.map(p -> quote(p.getElementId())).orElse("null"));
            json.append(", \"openMs\": ").append(openMs);
            String problem = editor.map(MPart::getObject).filter(AnnotationListEditor.class::isInstance)
                    .map(o -> ((AnnotationListEditor) o).problem()).orElse(null);
            json.append(", \"problem\": ").append(problem == null ? "null" : quote(problem)).append("}");
            json.append(",\n  \"partsAfterOpen\": ").append(array(visibleParts()));
            // one item of every modality, to see which editor each gets
            java.util.Map<String, String> firstOfModality = new java.util.TreeMap<>();
            workbench.session().ifPresent(s -> s.project().items().forEach(i -> firstOfModality.putIfAbsent(i.modalityId(), i.id())));
            List<String> byModality = new ArrayList<>();
            firstOfModality.forEach((modality, itemId) -> {
                Optional<MPart> part = editors.open(itemId);
                byModality.add("{\"modality\": " + quote(modality) + ", \"item\": " + quote(itemId) + ", \"part\": "
                        + part.map(p -> quote(p.getElementId())).orElse("null") + "}");
            });
            json.append(",\n  \"editorsByModality\": [").append(String.join(", ", byModality)).append("]");
        }
        json.append("\n}\n");
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Files.writeString(absolute, json, StandardCharsets.UTF_8);
        ILog.of(SmokeReport.class).info("smoke report written to " + absolute);
    }

    private List<String> visibleParts() {
        List<String> ids = new ArrayList<>();
        for (MPart p : models.findElements(application, null, MPart.class, null)) {
            if (p.getWidget() instanceof Control c && !c.isDisposed() && c.isVisible()) {
                ids.add(p.getElementId());
            }
        }
        return ids;
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static String array(List<String> values) {
        List<String> quoted = values.stream().map(SmokeReport::quote).toList();
        return "[" + String.join(", ", quoted) + "]";
    }

    static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }
}
