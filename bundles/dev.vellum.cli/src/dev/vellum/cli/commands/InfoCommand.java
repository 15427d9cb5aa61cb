package dev.vellum.cli.commands;

import dev.vellum.cli.ExitCodes;
import dev.vellum.core.model.AnnotationState;
import dev.vellum.core.model.ItemSummary;
import dev.vellum.core.model.Project;
import dev.vellum.core.spi.StoredProject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vellum cli info <project> [--json]}: what a project holds. */
@Command(name = "info", description = "Show a project's name, items, annotations, states and modalities.")
public final class InfoCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "<project>", description = "The project folder.")
    String location;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (StoredProject stored = open(location)) {
            Project p = stored.project();
            long annotations = 0;
            Map<String, Integer> byModality = new TreeMap<>();
            Map<String, Integer> byDataset = new TreeMap<>();
            Map<String, Integer> byState = new LinkedHashMap<>();
            for (AnnotationState s : AnnotationState.values()) {
                byState.put(s.id(), 0);
            }
            int notStarted = 0;
            Map<String, Integer> setsByAnnotator = new TreeMap<>();
            for (ItemSummary s : p.items()) {
                annotations += s.annotationCount();
                byModality.merge(s.modalityId(), 1, Integer::sum);
                byDataset.merge(s.dataset().isEmpty() ? "(none)" : s.dataset(), 1, Integer::sum);
                if (s.sets().isEmpty()) {
                    notStarted++;
                }
                for (ItemSummary.SetSummary set : s.sets()) {
                    byState.merge(set.state().id(), 1, Integer::sum);
                    setsByAnnotator.merge(set.annotator(), 1, Integer::sum);
                }
            }
            Map<String, Object> modalities = new TreeMap<>();
            for (Map.Entry<String, Integer> e : byModality.entrySet()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("items", e.getValue());
                m.put("installed", services.modalities().get(e.getKey()).isPresent());
                modalities.put(e.getKey(), m);
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("id", p.id());
                doc.put("name", p.name());
                doc.put("location", stored.location());
                doc.put("created", p.created().toString());
                doc.put("guidelineVersion", p.currentGuidelineVersion());
                doc.put("items", p.itemCount());
                doc.put("annotations", annotations);
                doc.put("itemsNotStarted", notStarted);
                doc.put("annotationSetsByState", byState);
                doc.put("annotationSetsByAnnotator", setsByAnnotator);
                doc.put("modalities", modalities);
                doc.put("datasets", byDataset);
                doc.put("labelSchemas", p.schemas().keySet());
                doc.put("problems", stored.problems());
                printJson(doc);
                return problems(stored);
            }
            out.printf("Project      %s (%s)%n", p.name(), p.id());
            out.printf("Location     %s%n", stored.location());
            out.printf("Guidelines   %s%n", p.currentGuidelineVersion() == 0 ? "none published" : "version " + p.currentGuidelineVersion());
            out.printf("Items        %,d (%,d not started)%n", p.itemCount(), notStarted);
            out.printf("Annotations  %,d%n", annotations);
            int w = 12;
            for (String k : byModality.keySet()) {
                w = Math.max(w, k.length());
            }
            for (String k : byDataset.keySet()) {
                w = Math.max(w, k.length());
            }
            for (String k : setsByAnnotator.keySet()) {
                w = Math.max(w, k.length());
            }
            String row = "  %-" + w + "s %,9d";
            out.println("Modalities");
            for (Map.Entry<String, Integer> e : byModality.entrySet()) {
                boolean installed = services.modalities().get(e.getKey()).isPresent();
                out.printf(row + " items%s%n", e.getKey(), e.getValue(), installed ? "" : "  (modality not installed)");
            }
            out.println("Datasets");
            for (Map.Entry<String, Integer> e : byDataset.entrySet()) {
                out.printf(row + " items%n", e.getKey(), e.getValue());
            }
            out.println("Annotation sets by state");
            for (AnnotationState s : AnnotationState.values()) {
                out.printf(row + "%n", s.id(), byState.get(s.id()));
            }
            if (!setsByAnnotator.isEmpty()) {
                out.println("Annotators");
                for (Map.Entry<String, Integer> e : setsByAnnotator.entrySet()) {
                    out.printf(row + " sets%n", e.getKey(), e.getValue());
                }
            }
            return problems(stored);
        }
    }

    /** Item files the store could not read: one line each on standard error, and exit code 3. */
    private int problems(StoredProject stored) {
        for (String problem : stored.problems()) {
            err.println("vellum: " + problem);
        }
        return stored.problems().isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
