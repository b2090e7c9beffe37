package io.zoolens.importer;

import io.zoolens.image.testing.TestImages;
import io.zoolens.importer.SavedModelRunner.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a TF.js graph model in Node with the TF.js pure-JavaScript CPU backend, through
 * src/test/node/run-tfjs-model.js. Its npm packages are installed with {@code npm ci} from the
 * committed lock file into target/tfjs-golden on first use.
 */
final class TfjsNodeRunner {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final List<String> RUNNER_FILES = List.of("package.json", "package-lock.json", "run-tfjs-model.js");

    private final Path workDir;

    private TfjsNodeRunner(Path workDir) {
        this.workDir = workDir;
    }

    /** Copies the runner into {@code target/tfjs-golden} and installs its packages when the lock file changed. */
    static TfjsNodeRunner prepare() throws Exception {
        Path source = TestImages.repositoryRoot().resolve("model-importer/src/test/node");
        Path workDir = TestImages.repositoryRoot().resolve("model-importer/target/tfjs-golden");
        Files.createDirectories(workDir);
        boolean lockChanged = !Files.exists(workDir.resolve("package-lock.json"))
                || Files.mismatch(source.resolve("package-lock.json"), workDir.resolve("package-lock.json")) != -1;
        for (String file : RUNNER_FILES) {
            Files.copy(source.resolve(file), workDir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (lockChanged || !Files.isDirectory(workDir.resolve("node_modules/@tensorflow/tfjs-converter"))) {
            exec(workDir, 300, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund");
        }
        return new TfjsNodeRunner(workDir);
    }

    /** Runs the model once per input map (model loaded once) and returns the requested outputs per run. */
    List<Map<String, Tensor>> run(Path modelJson, List<Map<String, Tensor>> runs, List<String> outputs)
            throws Exception {
        Path requestDir = Files.createTempDirectory(workDir, "request-");
        ObjectNode request = MAPPER.createObjectNode();
        request.putArray("outputs")
                .addAll(outputs.stream()
                        .map(MAPPER.getNodeFactory()::stringNode)
                        .toList());
        ArrayNode runsJson = request.putArray("runs");
        for (int r = 0; r < runs.size(); r++) {
            ObjectNode inputs = runsJson.addObject().putObject("inputs");
            for (Map.Entry<String, Tensor> input : runs.get(r).entrySet()) {
                String file = "run" + r + "-input" + inputs.size() + ".f32";
                Files.write(
                        requestDir.resolve(file), littleEndian(input.getValue().values()));
                ObjectNode spec = inputs.putObject(input.getKey());
                ArrayNode shape = spec.putArray("shape");
                for (long dim : input.getValue().shape()) {
                    shape.add(dim);
                }
                spec.put("file", file);
            }
        }
        Files.writeString(requestDir.resolve("request.json"), MAPPER.writeValueAsString(request));

        exec(
                workDir,
                600,
                "node",
                "run-tfjs-model.js",
                modelJson.toString(),
                requestDir.resolve("request.json").toString(),
                requestDir.resolve("response.json").toString());

        JsonNode response = MAPPER.readTree(Files.readString(requestDir.resolve("response.json")));
        List<Map<String, Tensor>> results = new ArrayList<>();
        for (JsonNode run : response.get("runs")) {
            Map<String, Tensor> result = new LinkedHashMap<>();
            for (String name : outputs) {
                JsonNode output = run.get("outputs").get(name);
                long[] shape = new long[output.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = output.get("shape").get(i).asLong();
                }
                float[] values = new float[output.get("values").size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) output.get("values").get(i).asDouble();
                }
                result.put(name, new Tensor(shape, values));
            }
            results.add(result);
        }
        ModelVersionWriter.deleteRecursively(requestDir);
        return results;
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    private static void exec(Path dir, long timeoutSeconds, String... command) throws Exception {
        Path log = Files.createTempFile(dir, "exec-", ".log");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    command[0] + " is not installed: the golden test needs Node.js 18+ and npm "
                            + "(CI installs them in .ci/run)",
                    e);
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " timed out; output in " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + ":\n" + Files.readString(log));
        }
        Files.delete(log);
    }
}
