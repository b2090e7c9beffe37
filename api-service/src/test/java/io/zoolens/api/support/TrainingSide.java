package io.zoolens.api.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The classifier's training endpoints as {@link ClassifierStub} plays them (docs/classifier-api.md, the training
 * contract): a features cache per owner by SHA-256 (computed from the uploaded parts, as the classifier does),
 * trainings that succeed when every picture is cached (409 {@code features-missing} otherwise) and write the next
 * version of the folder, and the deletions. The real training is covered by the classifier's own tests and the
 * stack tests; here only the api-service's side of the conversation matters.
 */
public final class TrainingSide {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** owner → cached SHA-256s. */
    private final Map<String, Set<String>> features = new ConcurrentHashMap<>();
    /** folder → versions. */
    private final Map<String, List<String>> versions = new ConcurrentHashMap<>();

    private final AtomicReference<Duration> featuresDelay = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger featuresBatches = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    /** The {@code jobId} of every training request, in order. */
    private final List<String> jobIds = new CopyOnWriteArrayList<>();
    /** folder + "/" + version → the job that wrote it ({@code training.jobId} in the real version's metadata). */
    private final Map<String, String> writtenBy = new ConcurrentHashMap<>();
    /** folder + "/" + version → its class labels, in training order. */
    private final Map<String, List<String>> labels = new ConcurrentHashMap<>();
    /** The class a custom model answers best ({@code null}: its first), or "unknown" answers. */
    private final AtomicReference<String> answerClass = new AtomicReference<>();

    private final AtomicReference<Boolean> answerUnknown = new AtomicReference<>(false);

    void reset() {
        featuresDelay.set(Duration.ZERO);
        unavailable.set(0);
        answerClass.set(null);
        answerUnknown.set(false);
    }

    /** Custom models answer {@code label} best from now on (until the next test). */
    public void answer(String label) {
        answerClass.set(label);
    }

    /** Custom models answer "none of my classes" from now on (until the next test). */
    public void answerUnknown() {
        answerUnknown.set(true);
    }

    /**
     * A custom model's classify answer, as the classifier gives it: every class of the version asked for (else the
     * newest), the chosen one best; {@code unknown} with a reject rule's reasons when asked to.
     */
    ClassifierStub.Recorded classify(String folder, String query) {
        List<String> numbers = versions.getOrDefault(folder, List.of());
        String version = query != null && query.contains("version=")
                ? query.substring(query.indexOf("version=") + "version=".length())
                        .split("&")[0]
                : numbers.get(numbers.size() - 1);
        List<String> classes = labels.getOrDefault(folder + "/" + version, List.of("a", "b"));
        String best = answerClass.get() == null ? classes.get(0) : answerClass.get();
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("model").put("name", folder).put("version", version).put("task", "classification");
        answer.putObject("image")
                .put("contentType", "image/png")
                .put("width", 32)
                .put("height", 17);
        ArrayNode scores = answer.putArray("labels");
        scores.addObject().put("label", best).put("score", 0.8);
        double rest = 0.2 / Math.max(1, classes.size() - 1);
        classes.stream()
                .filter(label -> !label.equals(best))
                .forEach(label -> scores.addObject().put("label", label).put("score", rest));
        if (answerUnknown.get()) {
            answer.put("unknown", true);
            answer.putObject("reject")
                    .put("similarity", 0.5)
                    .put("minSimilarity", 0.9)
                    .put("probability", 0.8)
                    .put("minProbability", 0.6)
                    .putArray("reasons")
                    .add("low-similarity");
        }
        answer.putObject("timings").put("totalMs", 5.0);
        return ClassifierStub.Recorded.json(200, answer.toString());
    }

    /** Each features batch waits this long first (a slow backbone: time to cancel or to start another). */
    public void delayFeatures(Duration duration) {
        featuresDelay.set(duration);
    }

    /** The next {@code times} training-side requests answer 503. */
    public void unavailableFor(int times) {
        unavailable.set(times);
    }

    public int featuresBatches() {
        return featuresBatches.get();
    }

    public Set<String> cached(String owner) {
        return Set.copyOf(features.getOrDefault(owner, Set.of()));
    }

    public List<String> jobIds() {
        return List.copyOf(jobIds);
    }

    /**
     * Version {@code version} of {@code folder} is now one that {@code jobId} wrote, as when the classifier lost the
     * old one (a deletion that went through but whose answer was lost) and a later training wrote the number again.
     */
    public void replaceVersion(String folder, String version, String jobId) {
        versions.computeIfAbsent(folder, k -> new ArrayList<>()).add(version);
        writtenBy.put(folder + "/" + version, jobId);
    }

    /** Removes a version as the classifier's deletion does (without asking which job wrote it). */
    public void removeVersion(String folder, String version) {
        versions.computeIfPresent(folder, (k, list) -> {
            List<String> kept = new ArrayList<>(list);
            kept.remove(version);
            return kept;
        });
        writtenBy.remove(folder + "/" + version);
    }

    public List<String> versions(String folder) {
        return List.copyOf(versions.getOrDefault(folder, List.of()));
    }

    /** The recorded model list with every custom model folder that has a version. */
    ClassifierStub.Recorded withCustomModels(byte[] recorded) {
        ObjectNode list = (ObjectNode) JSON.readTree(recorded);
        ArrayNode models = (ArrayNode) list.get("models");
        versions.forEach((folder, numbers) -> {
            if (!numbers.isEmpty()) {
                ObjectNode model = JSON.createObjectNode()
                        .put("name", folder)
                        .put("task", "classification")
                        .put("activeVersion", numbers.get(numbers.size() - 1));
                ArrayNode all = model.putArray("versions");
                numbers.forEach(all::add);
                models.add(model);
            }
        });
        return ClassifierStub.Recorded.json(200, list.toString());
    }

    boolean hasModel(String folder) {
        return !versions.getOrDefault(folder, List.of()).isEmpty();
    }

    boolean handles(String method, String path) {
        return path.startsWith("/v1/features/")
                || path.equals("/v1/trainings")
                || ("DELETE".equals(method) && path.startsWith("/v1/models/"));
    }

    ClassifierStub.Recorded route(String method, String path, String query, String contentType, byte[] body) {
        if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return problem(503, "model-not-ready", "Not ready");
        }
        if ("POST".equals(method) && path.startsWith("/v1/features/") && path.endsWith(":missing")) {
            String owner = path.substring("/v1/features/".length(), path.length() - ":missing".length());
            JsonNode request = JSON.readTree(body);
            Set<String> cached = features.getOrDefault(owner, Set.of());
            ArrayNode missing = JSON.createArrayNode();
            request.path("sha256").forEach(sha -> {
                if (!cached.contains(sha.asString())) {
                    missing.add(sha.asString());
                }
            });
            ObjectNode answer = JSON.createObjectNode();
            answer.set("backbone", backbone());
            answer.set("missing", missing);
            return ClassifierStub.Recorded.json(200, answer.toString());
        }
        if ("POST".equals(method) && path.startsWith("/v1/features/")) {
            pause();
            featuresBatches.incrementAndGet();
            String owner = path.substring("/v1/features/".length());
            ArrayNode pictures = JSON.createArrayNode();
            for (byte[] part : parts(contentType, body)) {
                String sha = ClassifierStub.sha256(part);
                features.computeIfAbsent(owner, k -> ConcurrentHashMap.newKeySet())
                        .add(sha);
                pictures.add(JSON.createObjectNode().put("sha256", sha).put("dimension", 528));
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.set("backbone", backbone());
            answer.set("pictures", pictures);
            return ClassifierStub.Recorded.json(200, answer.toString());
        }
        if ("DELETE".equals(method) && path.startsWith("/v1/features/")) {
            features.remove(path.substring("/v1/features/".length()));
            return new ClassifierStub.Recorded(204, null);
        }
        if ("POST".equals(method) && path.equals("/v1/trainings")) {
            return train(JSON.readTree(body));
        }
        if ("DELETE".equals(method) && path.startsWith("/v1/models/")) {
            String rest = path.substring("/v1/models/".length());
            int slash = rest.indexOf("/versions/");
            if (slash < 0) {
                versions.remove(rest);
            } else {
                String folder = rest.substring(0, slash);
                String version = rest.substring(slash + "/versions/".length());
                String jobId = query != null && query.startsWith("jobId=") ? query.substring("jobId=".length()) : null;
                boolean present = versions.getOrDefault(folder, List.of()).contains(version);
                if (present && jobId != null && !jobId.equals(writtenBy.get(folder + "/" + version))) {
                    ObjectNode replaced = problemNode(409, "version-replaced", "Version replaced");
                    replaced.put("version", version);
                    return ClassifierStub.Recorded.json(409, replaced.toString());
                }
                writtenBy.remove(folder + "/" + version);
                versions.computeIfPresent(folder, (k, list) -> {
                    List<String> kept = new ArrayList<>(list);
                    kept.remove(version);
                    return kept;
                });
            }
            return new ClassifierStub.Recorded(204, null);
        }
        return problem(404, "not-found", "Not found");
    }

    private ClassifierStub.Recorded train(JsonNode request) {
        jobIds.add(request.path("jobId").asString(""));
        String owner = request.path("owner").asString();
        String model = request.path("model").asString();
        if (!model.startsWith("u-" + owner + "-")) {
            return problem(422, "validation-failed", "model must start with u-<owner>-");
        }
        Set<String> cached = features.getOrDefault(owner, Set.of());
        ArrayNode missing = JSON.createArrayNode();
        ObjectNode counts = JSON.createObjectNode();
        ArrayNode perClass = JSON.createArrayNode();
        int pictures = 0;
        for (JsonNode c : request.path("classes")) {
            int n = 0;
            for (JsonNode p : c.path("pictures")) {
                n++;
                if (!cached.contains(p.path("sha256").asString())) {
                    missing.add(p.path("sha256").asString());
                }
            }
            pictures += n;
            counts.put(c.path("label").asString(), n);
            perClass.add(JSON.createObjectNode()
                    .put("label", c.path("label").asString())
                    .put("support", n)
                    .put("precision", 0.9)
                    .put("recall", 0.9)
                    .put("f1", 0.9));
        }
        if (!missing.isEmpty()) {
            ObjectNode problem = problemNode(409, "features-missing", "Features missing");
            problem.set("missing", missing);
            return ClassifierStub.Recorded.json(409, problem.toString());
        }
        List<String> existing = versions.computeIfAbsent(model, k -> new ArrayList<>());
        String version;
        synchronized (existing) {
            int next = existing.stream().mapToInt(Integer::parseInt).max().orElse(0) + 1;
            version = Integer.toString(next);
            existing.add(version);
        }
        List<String> classLabels = new ArrayList<>();
        request.path("classes").forEach(c -> classLabels.add(c.path("label").asString()));
        labels.put(model + "/" + version, classLabels);
        writtenBy.put(model + "/" + version, request.path("jobId").asString(""));
        ObjectNode metrics = JSON.createObjectNode()
                .put("accuracy", 0.9)
                .put("method", "stratified-5-fold")
                .put("folds", 5);
        metrics.set("perClass", perClass);
        // Cross-validation "got" the first picture of the first class wrong (taken for the second class).
        ArrayNode confusion = metrics.putArray("confusion");
        for (int row = 0; row < classLabels.size(); row++) {
            ArrayNode cells = confusion.addArray();
            int n = request.path("classes").get(row).path("pictures").size();
            for (int column = 0; column < classLabels.size(); column++) {
                int wrong = row == 0 && column == 1 ? 1 : 0;
                cells.add(row == column ? (row == 0 ? n - 1 : n) : wrong);
            }
        }
        ArrayNode confusionLabels = metrics.putArray("confusionLabels");
        classLabels.forEach(confusionLabels::add);
        metrics.putArray("misclassified")
                .addObject()
                .put(
                        "id",
                        request.path("classes")
                                .get(0)
                                .path("pictures")
                                .get(0)
                                .path("id")
                                .asString())
                .put("actual", classLabels.get(0))
                .put("predicted", classLabels.get(1));
        ObjectNode answer = JSON.createObjectNode()
                .put("model", model)
                .put("version", version)
                .put("pictures", pictures)
                .put("trainingMillis", 42);
        answer.set("backbone", backbone());
        answer.set("metrics", metrics);
        answer.set("counts", counts);
        return ClassifierStub.Recorded.json(201, answer.toString());
    }

    private void pause() {
        Duration wait = featuresDelay.get();
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ObjectNode backbone() {
        return JSON.createObjectNode().put("name", ClassifierStub.MODEL).put("version", "1");
    }

    private static ClassifierStub.Recorded problem(int status, String slug, String title) {
        return ClassifierStub.Recorded.json(
                status, problemNode(status, slug, title).toString());
    }

    private static ObjectNode problemNode(int status, String slug, String title) {
        return JSON.createObjectNode()
                .put("type", "https://zoolens.io/problems/" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", title);
    }

    /** The parts of a multipart body (bytes as sent). */
    static List<byte[]> parts(String contentType, byte[] body) {
        String boundary = contentType
                .substring(contentType.indexOf("boundary=") + "boundary=".length())
                .replace("\"", "");
        int semicolon = boundary.indexOf(';');
        if (semicolon >= 0) {
            boundary = boundary.substring(0, semicolon);
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        List<byte[]> parts = new ArrayList<>();
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                break;
            }
            int headersEnd = text.indexOf("\r\n\r\n", start);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            parts.add(text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1));
            at = next + 2;
        }
        return parts;
    }
}
