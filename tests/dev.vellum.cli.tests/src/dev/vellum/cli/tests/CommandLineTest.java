package dev.vellum.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.cli.ExitCodes;
import dev.vellum.core.model.Annotation;
import dev.vellum.core.model.AnnotationSet;
import dev.vellum.core.model.Asset;
import dev.vellum.core.model.Item;
import dev.vellum.core.spi.FormatImporter;
import dev.vellum.core.spi.ImportReport;
import dev.vellum.core.spi.Progress;
import dev.vellum.core.spi.StoreException;
import dev.vellum.core.spi.StoredProject;
import dev.vellum.store.folder.FolderProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command grammar, outputs and exit codes scripts rely on, run in-process. */
class CommandLineTest extends CliTestBase {
    @TempDir
    Path tmp;

    @Test
    void initThenInfoDescribesTheNewProject() throws IOException {
        Path p = tmp.resolve("proj");
        assertEquals(ExitCodes.OK, run("init", p.toString(), "--name", "Road signs"), err);
        assertEquals(ExitCodes.OK, run("info", p.toString(), "--json"), err);
        JsonNode doc = json();
        assertEquals("Road signs", doc.get("name").asText());
        assertEquals("road-signs", doc.get("id").asText());
        assertEquals(0, doc.get("items").asInt());
        assertEquals(ExitCodes.OK, run("info", p.toString()));
        assertTrue(out.contains("Road signs"), out);
    }

    @Test
    void everyCommandAnswersHelpWithItsOptions() {
        // the usage error says "--help for the options": every command, nested ones too, must honour it
        for (String[] args : new String[][] {{"validate", "--help"}, {"review", "reject", "--help"}, {"agreement", "--help"},
            {"gold", "accuracy", "--help"}}) {
            assertEquals(ExitCodes.OK, run(args), String.join(" ", args) + ": " + err);
            assertTrue(out.contains("Usage:") && out.contains("--json"), String.join(" ", args) + ": " + out);
        }
    }

    @Test
    void initRefusesAFolderThatHoldsFiles() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        assertEquals(ExitCodes.BAD_INPUT, run("init", tmp.toString()));
        assertTrue(err.startsWith("vellum: ") && err.contains(tmp.toString()), err);
        assertEquals("mine", Files.readString(tmp.resolve("notes.txt")));
    }

    @Test
    void aMissingProjectIsBadInputWithOneLineNamingIt() {
        Path missing = tmp.resolve("nowhere");
        assertEquals(ExitCodes.BAD_INPUT, run("info", missing.toString()));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains(missing.toString()), err);
    }

    @Test
    void anUnreadableItemFileMakesInfoExitThreeNamingIt() throws IOException {
        Path p = tmp.resolve("bad");
        assertEquals(ExitCodes.OK, run("bench", "generate", p.toString(), "--items", "3", "--annotations", "1"), err);
        Path victim;
        try (var files = Files.list(p.resolve("items"))) {
            victim = files.sorted().findFirst().orElseThrow();
        }
        String text = Files.readString(victim);
        Files.writeString(victim, text.substring(0, text.length() / 2));
        assertEquals(ExitCodes.BAD_INPUT, run("info", p.toString(), "--json"));
        assertEquals(2, json().get("items").asInt());
        assertTrue(err.contains(victim.getFileName().toString()), err);
        assertEquals(ExitCodes.FINDINGS, run("validate", p.toString(), "--json"));
        assertEquals("store.unreadable-item", json().get("findings").get(0).get("rule").asText());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(ExitCodes.USAGE, run("frobnicate"));
        assertEquals(ExitCodes.USAGE, run("info"));
        assertEquals(ExitCodes.USAGE, run("bench", "generate", tmp.toString(), "--items", "ten", "--annotations", "1"));
        assertEquals(ExitCodes.USAGE, run());
        assertEquals(ExitCodes.OK, run("--help"));
        assertTrue(out.contains("validate"), out);
    }

    @Test
    void generatedProjectsAreCountedByInfo() throws IOException {
        Path p = tmp.resolve("big");
        assertEquals(ExitCodes.OK, run("bench", "generate", p.toString(), "--items", "120", "--annotations", "7"), err);
        assertEquals(ExitCodes.OK, run("info", p.toString(), "--json"), err);
        assertEquals(120, json().get("items").asInt());
        assertEquals(840, json().get("annotations").asInt());
    }

    @Test
    void validateExitsOneAndListsFindingsAsJson() throws IOException, StoreException {
        Path p = tmp.resolve("v");
        assertEquals(ExitCodes.OK, run("init", p.toString()), err);
        try (StoredProject stored = new FolderProjectStore().open(p.toString())) {
            AnnotationSet set = AnnotationSet.start("ann", 0);
            set.insert(-1, Annotation.create("a1", "image.bbox", "car", Map.of("x", 1), "ann"));
            stored.saveItem(new Item("i1", "", List.of(new Asset("media/gone.png", "image", "", null)), null, null, List.of(set)));
        }
        assertEquals(ExitCodes.FINDINGS, run("validate", p.toString(), "--json"), err);
        JsonNode doc = json();
        assertEquals(1, doc.get("itemsChecked").asInt());
        assertEquals("store.missing-media", doc.get("findings").get(0).get("rule").asText());
        assertTrue(doc.get("findings").get(0).get("message").asText().contains("media/gone.png"));
    }

    @Test
    void importDispatchesToTheFormatAndRecordsTheUser() throws IOException, StoreException {
        formats.addImporter(new LinesImporter());
        Path p = tmp.resolve("imp");
        Path input = tmp.resolve("labels.txt");
        Files.writeString(input, "x1 car\nx2 bus\n");
        assertEquals(ExitCodes.OK, run("init", p.toString()), err);
        assertEquals(ExitCodes.USAGE, run("import", p.toString(), "--format", "coco", input.toString()));
        assertTrue(err.contains("unknown import format 'coco'; installed: lines"), err);
        assertEquals(ExitCodes.OK, run("import", p.toString(), "--format", "lines", input.toString(), "--user", "mira", "--json"), err);
        assertEquals(2, json().get("items").asInt());
        assertEquals(0, json().get("problems").size());
        try (StoredProject stored = new FolderProjectStore().open(p.toString())) {
            assertEquals(2, stored.project().itemCount());
            assertEquals("mira", stored.loadItem("x2").sets().iterator().next().annotator());
            List<dev.vellum.core.audit.AuditEvent> trail = stored.audit().events(null);
            assertEquals(1, trail.size(), "one audit event per import");
            assertEquals(dev.vellum.core.audit.AuditEvent.ITEMS_IMPORTED, trail.get(0).kind());
            assertEquals("mira", trail.get(0).user());
            assertEquals(2, trail.get(0).after().get("items"));
        }
        assertEquals(ExitCodes.OK, run("formats", "--json"));
        assertEquals("lines", json().get("formats").get(0).get("id").asText());
        assertTrue(json().get("formats").get(0).get("import").asBoolean());
    }

    @Test
    void aPluginFailingOnAnInputIsOneLineAndNeverReadsAsFindings() throws IOException {
        formats.addImporter(new LinesImporter());
        Path p = tmp.resolve("imp");
        Path input = tmp.resolve("broken.txt");
        Files.writeString(input, "only-an-id\n");
        assertEquals(ExitCodes.OK, run("init", p.toString()), err);
        assertEquals(ExitCodes.BAD_INPUT, run("import", p.toString(), "--format", "lines", input.toString()));
        assertTrue(err.startsWith("vellum: internal error: ") && err.strip().lines().count() == 1, err);
    }

    @Test
    void exportPrintsWhatTheFormatCouldNotHoldAndReadsAsFindings() throws IOException {
        formats.addExporter(new ToyExporter("lossless", false));
        formats.addExporter(new ToyExporter("lossy", true));
        Path p = tmp.resolve("exp");
        assertEquals(ExitCodes.OK, run("init", p.toString()), err);
        assertEquals(ExitCodes.OK, run("export", p.toString(), "--format", "lossless", "--out", tmp.resolve("a.txt").toString(), "--json"), err);
        assertEquals(0, json().get("problems").size(), "an exporter that only implements export() reports nothing");
        assertEquals(ExitCodes.FINDINGS, run("export", p.toString(), "--format", "lossy", "--out", tmp.resolve("b.txt").toString()));
        assertTrue(err.contains("x1: polylines have no place in this format; not written"), err);
        assertTrue(out.contains("(1 problems)"), out);
        assertEquals(ExitCodes.FINDINGS, run("export", p.toString(), "--format", "lossy", "--out", tmp.resolve("c.txt").toString(), "--json"));
        assertEquals("x1", json().get("problems").get(0).get("item").asText());
    }

    /** A toy exporter that writes nothing; the lossy one reports a problem through exportWithReport. */
    private record ToyExporter(String id, boolean lossy) implements dev.vellum.core.spi.FormatExporter {
        @Override
        public String displayName() {
            return id;
        }

        @Override
        public String modalityId() {
            return "toy";
        }

        @Override
        public int export(StoredProject project, Options options, Path target, dev.vellum.core.spi.Progress progress) {
            return 0;
        }

        @Override
        public dev.vellum.core.spi.ExportReport exportWithReport(StoredProject project, Options options, Path target,
                dev.vellum.core.spi.Progress progress) throws IOException, StoreException {
            if (!lossy) {
                return dev.vellum.core.spi.FormatExporter.super.exportWithReport(project, options, target, progress);
            }
            return new dev.vellum.core.spi.ExportReport(1,
                    List.of(new dev.vellum.core.spi.ExportReport.Problem("x1", "polylines have no place in this format; not written")));
        }
    }

    /** A toy format: one item per line, "id label". */
    private static final class LinesImporter implements FormatImporter {
        @Override
        public String id() {
            return "lines";
        }

        @Override
        public String displayName() {
            return "Lines";
        }

        @Override
        public String modalityId() {
            return "image";
        }

        @Override
        public int accepts(Path file) {
            return file.toString().endsWith(".txt") ? 50 : 0;
        }

        @Override
        public ImportReport importFiles(StoredProject project, List<Path> files, String annotator, Progress progress)
                throws IOException, StoreException {
            int n = 0;
            List<ImportReport.Problem> problems = new ArrayList<>();
            for (Path f : files) {
                for (String line : Files.readAllLines(f)) {
                    String[] parts = line.split(" ");
                    AnnotationSet set = AnnotationSet.start(annotator, 0);
                    set.insert(-1, Annotation.create("a", "image.tag", parts[1], Map.of(), annotator));
                    project.saveItem(new Item(parts[0], "", List.of(new Asset(parts[0] + ".png", "image", "", null)), null, null,
                            List.of(set)));
                    n++;
                }
            }
            return new ImportReport(n, n, problems);
        }
    }
}
