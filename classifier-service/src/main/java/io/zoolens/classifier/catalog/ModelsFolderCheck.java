package io.zoolens.classifier.catalog;

import io.zoolens.classifier.system.StartupProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the models folder is missing or unreadable: the service could never become ready, and an
 * orchestrator would keep it (or restart it) waiting forever. An empty folder is fine (versions may be dropped in
 * later), and so is a read-only one: the service never writes there.
 */
@Component
class ModelsFolderCheck {

    private static final String SET_IT = "Point ZOOLENS_MODELS_DIR (zoolens.models.dir) at the folder that holds"
            + " <name>/<version>/zoolens-model.json; scripts/fetch-default-model.sh <folder> puts the default model"
            + " there.";

    ModelsFolderCheck(ModelProperties properties) {
        check(properties.dir().toAbsolutePath().normalize());
    }

    static void check(Path dir) {
        if (!Files.exists(dir)) {
            throw new StartupProblem("The models folder " + dir + " does not exist.", SET_IT, null);
        }
        if (!Files.isDirectory(dir)) {
            throw new StartupProblem("The models folder " + dir + " is not a folder.", SET_IT, null);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.findAny();
        } catch (IOException | SecurityException e) {
            throw new StartupProblem(
                    "The models folder " + dir + " cannot be read (" + e + ").",
                    "Give the user running the classifier read access to it. " + SET_IT,
                    e);
        }
    }
}
