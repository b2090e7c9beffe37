package io.zoolens.importer;

import io.zoolens.model.ModelMetadata;
import io.zoolens.model.ModelMetadata.Input;
import io.zoolens.model.ModelMetadata.Outputs;
import io.zoolens.model.ModelMetadata.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one model version folder: SavedModel, {@code zoolens-model.json}, {@code labels.txt}. The
 * folder is built under a hidden temporary name beside the target and renamed into place, so a service
 * watching the models folder never sees half a model.
 */
public final class ModelVersionWriter {

    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What was written, for the command's report. */
    public record Summary(Path directory, int nodes, int weights, int rewrittenNodes, long savedModelBytes) {}

    private ModelVersionWriter() {}

    public static Summary write(ImportPlan plan, String importedWith) throws IOException {
        Path target = plan.outputDir().toAbsolutePath().normalize();
        if (Files.exists(target) && !plan.replace()) {
            throw new ImportException(target + " already exists; pass --replace to swap it for the new import");
        }
        TfjsImporter.ImportedModel imported = plan.model()
                .graphRewrite()
                .apply(TfjsImporter.importModel(
                        plan.model().modelJson(), plan.model().outputKeys()));
        ModelMetadata metadata = complete(plan.model(), target, imported, importedWith);

        Path parent = Files.createDirectories(target.getParent());
        Path staged = Files.createTempDirectory(parent, "." + target.getFileName() + ".importing-");
        try {
            readableByAll(staged);
            imported.writeSavedModel(staged);
            Files.writeString(staged.resolve(ImportPlan.METADATA_FILE), MAPPER.writeValueAsString(metadata) + "\n");
            if (plan.model().labels() != null) {
                Files.write(staged.resolve(ImportPlan.LABELS_FILE), plan.model().labels());
            }
            publish(staged, target);
        } finally {
            deleteRecursively(staged);
        }
        return new Summary(
                target,
                imported.graph().getNodeCount(),
                imported.weights(),
                imported.rewrittenNodes(),
                Files.size(target.resolve("saved_model.pb")));
    }

    /** Fills what the folder and the signature determine and checks the rest names real tensors. */
    static ModelMetadata complete(
            ImportPlan.Model model, Path target, TfjsImporter.ImportedModel imported, String importedWith) {
        ModelMetadata m = model.metadata();
        if (m.task() == null || m.input() == null) {
            throw new ImportException("The metadata needs at least 'task' and 'input' (size, layout, values)");
        }
        String name = agree("name", m.name(), target.getParent().getFileName().toString());
        String version = agree("version", m.version(), target.getFileName().toString());

        Input in = m.input();
        String inputTensor = in.tensor() != null
                ? in.tensor()
                : only("input", imported.inputs().keySet());
        requireKey("input", inputTensor, imported.inputs().keySet());
        Input input = new Input(
                inputTensor, in.width(), in.height(), in.layout(), in.resize(), in.valueRange(), in.mean(), in.std());

        Outputs outputs =
                completeOutputs(m.task(), m.outputs(), imported.outputs().keySet());
        for (String key : Stream.of(outputs.scores(), outputs.detections(), outputs.embedding())
                .filter(Objects::nonNull)
                .toList()) {
            requireKey("output", key, imported.outputs().keySet());
        }

        String labels = m.labels();
        if (model.labels() != null) {
            labels = ImportPlan.LABELS_FILE;
        } else if (labels != null) {
            throw new ImportException("The metadata names labels file '" + labels + "' but no labels were given");
        }
        Source s = m.source() != null ? m.source() : new Source(null, null, null, null);
        Source source = new Source(s.origin(), s.url(), s.licence(), importedWith);
        return new ModelMetadata(
                name, version, m.task(), m.description(), input, outputs, labels, m.postprocess(), source);
    }

    /** The output a task reads may be left out when the signature has exactly one output. */
    private static Outputs completeOutputs(ModelMetadata.Task task, Outputs given, Set<String> available) {
        Outputs outputs = given != null ? given : new Outputs(null, null, null);
        return switch (task) {
            case CLASSIFICATION ->
                outputs.scores() != null
                        ? outputs
                        : new Outputs(only("output", available), outputs.detections(), outputs.embedding());
            case DETECTION ->
                outputs.detections() != null
                        ? outputs
                        : new Outputs(outputs.scores(), only("output", available), outputs.embedding());
            case EMBEDDING ->
                outputs.embedding() != null
                        ? outputs
                        : new Outputs(outputs.scores(), outputs.detections(), only("output", available));
        };
    }

    private static String agree(String field, String given, String fromFolder) {
        if (given != null && !given.equals(fromFolder)) {
            throw new ImportException("The metadata says " + field + " '" + given + "' but the folder is '" + fromFolder
                    + "'; use <models dir>/<name>/<version>");
        }
        return fromFolder;
    }

    private static String only(String kind, Set<String> keys) {
        if (keys.size() != 1) {
            throw new ImportException("The model has " + keys.size() + " " + kind + "s " + keys
                    + "; say in the metadata which one to use");
        }
        return keys.iterator().next();
    }

    private static void requireKey(String kind, String key, Set<String> keys) {
        if (!keys.contains(key)) {
            throw new ImportException(
                    "The metadata names " + kind + " '" + key + "', but the imported signature has " + keys);
        }
    }

    /** Swaps the staged folder in; an old version is moved aside first and removed once the new one is in. */
    private static void publish(Path staged, Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        // A fresh unique name: created to reserve it, removed so the rename can take it.
        Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".replaced-");
        Files.delete(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteRecursively(old);
    }

    /** Temporary folders are private (700); the service may run as another user, e.g. in a container. */
    private static void readableByAll(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
