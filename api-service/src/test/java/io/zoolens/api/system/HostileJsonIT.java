package io.zoolens.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.FuzzTally;
import io.zoolens.api.support.HostileRequests;
import io.zoolens.api.support.ProblemAssertions;
import io.zoolens.api.support.StoredData;
import io.zoolens.api.system.HostileJsonCases.Body;
import io.zoolens.api.system.HostileJsonCases.Endpoint;
import io.zoolens.image.testing.TestImages;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The JSON endpoints (sign-up, sign-in, feedback, filing, albums) and the ids and query parameters of the read
 * endpoints under hostile input (issue 8), generated from one seed ({@code -Dzoolens.fuzz.seed=...}). Every body is
 * invalid for its endpoint: each gets a documented 4xx problem+json without internals and changes nothing (the
 * PATCH endpoints may also take a body of unknown keys as the no-op it is); no request allocates more than
 * {@link #MAX_ALLOCATED_PER_CASE}, and the heap kept afterwards does not grow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileJsonIT extends ApiIntegrationTest {

    static final long SEED = Long.getLong("zoolens.fuzz.seed", 20_261_125L);
    static final long MAX_ALLOCATED_PER_CASE = 256L * 1024 * 1024;
    static final long MAX_RETAINED_GROWTH = 64L * 1024 * 1024;

    @Autowired
    MongoTemplate mongo;

    private final HostileJsonCases cases = new HostileJsonCases(SEED);
    private final FuzzTally tally = new FuzzTally("JSON endpoints, seed " + SEED);
    private Browser owner;
    private String itemId;
    private String albumId;
    private String modelId;
    private long retainedBefore;

    @BeforeAll
    void ownDataToAttack() {
        owner = signedIn("jsonfuzz");
        Browser.Response uploaded = owner.upload(TestImages.png(64, 48));
        assertThat(uploaded.status()).isEqualTo(201);
        itemId = uploaded.json().path("id").asString();
        Browser.Response album = owner.postJson("/api/albums", Map.of("name", "Fuzz album", "description", "kept"));
        assertThat(album.status()).isEqualTo(201);
        albumId = album.json().path("id").asString();
        String second = owner.postJson("/api/albums", Map.of("name", "Fuzz album 2"))
                .json()
                .path("id")
                .asString();
        Browser.Response model = owner.postJson(
                "/api/custom-models", Map.of("name", "Fuzz model", "albumIds", List.of(albumId, second)));
        assertThat(model.status()).isEqualTo(201);
        modelId = model.json().path("id").asString();
        retainedBefore = StoredData.retainedHeap();
    }

    @TestFactory
    Stream<DynamicNode> everyJsonEndpointRefusesHostileBodiesAndChangesNothing() {
        return HostileJsonCases.ENDPOINTS.stream()
                .map(endpoint -> DynamicContainer.dynamicContainer(
                        endpoint.toString(),
                        cases.bodies(endpoint).stream()
                                .map(body -> DynamicTest.dynamicTest(body.name(), () -> check(endpoint, body)))));
    }

    @TestFactory
    Stream<DynamicTest> hostileQueryParametersAreRefusedAs400() {
        return Stream.of(
                        "page=-1",
                        "size=0",
                        "size=1000000",
                        "page=99999999999999999999",
                        "page=1e3",
                        "sort=createdAt,desc;drop",
                        "sort=name",
                        "sort%5B%24ne%5D=1",
                        "label=" + "l".repeat(65),
                        "feedback=maybe",
                        "feedback%5B%24ne%5D=none",
                        "status=done",
                        "status=DONE%00",
                        "albumId=" + "a".repeat(65),
                        "size=%FF%FE")
                .map(query -> DynamicTest.dynamicTest(
                        query.length() > 60 ? query.substring(0, 60) + "…" : query,
                        () -> checkRead("/api/classifications?" + query, Set.of("validation-failed"))));
    }

    @TestFactory
    Stream<DynamicTest> hostileIdsInPathsAreNotFoundOrRefused() {
        Set<String> refused = Set.of("not-found", "validation-failed");
        return Stream.of(
                        "/api/classifications/" + "a".repeat(5000),
                        "/api/classifications/%7B%22%24ne%22%3Anull%7D",
                        "/api/classifications/%24where",
                        "/api/classifications/..%2F..%2Fetc%2Fpasswd",
                        "/api/classifications/%2e%2e",
                        "/api/classifications/%00",
                        "/api/classifications/x%0d%0aSet-Cookie:%20a=b",
                        "/api/classifications/%C3%28",
                        "/api/classifications/x;jsessionid=1",
                        "/api/classifications/507f1f77bcf86cd799439011/image",
                        "/api/albums/%7B%22%24gt%22%3A%22%22%7D",
                        "/api/albums/" + "b".repeat(5000),
                        "/api/albums/..%5C..%5Cwindows")
                .map(path -> DynamicTest.dynamicTest(
                        path.length() > 70 ? path.substring(0, 70) + "…" : path, () -> checkRead(path, refused)));
    }

    /**
     * {@code DELETE /api/albums/{id}?customModels=…} on an album that is a class of a custom model: the only choice
     * is {@code remove-class}; anything else given as that parameter is refused (400) before anything is deleted.
     */
    @TestFactory
    Stream<DynamicTest> hostileCustomModelsChoicesOfAnAlbumDeletionAreRefusedAs400() {
        return Stream.of(
                        "customModels=",
                        "customModels",
                        "customModels=keep",
                        "customModels=remove",
                        "customModels=delete-model",
                        "customModels=true",
                        "customModels=REMOVE-CLASS",
                        "customModels=Remove-Class",
                        "customModels=remove_class",
                        "customModels=remove-class%20",
                        "customModels=%20remove-class",
                        "customModels=remove-class,",
                        "customModels=remove-class&customModels=remove-class",
                        "customModels=remove-class&customModels=keep",
                        "customModels=remove-class%00",
                        "customModels=remove-class%0d%0aSet-Cookie:%20a=b",
                        "customModels=remove%E2%80%90class",
                        "customModels=r%C3%A9move-class",
                        "customModels=%F0%9F%98%80",
                        "customModels=%FF%FE",
                        "customModels=%7B%22%24ne%22%3Anull%7D",
                        "customModels=remove-class%27%20OR%20%271%27=%271",
                        "customModels=..%2F..%2Fetc%2Fpasswd",
                        "customModels=" + "remove-class".repeat(500),
                        "customModels=" + "x".repeat(7000))
                .map(query -> DynamicTest.dynamicTest(
                        query.length() > 60 ? query.substring(0, 60) + "…" : query,
                        () -> checkAlbumDeletion(query, 400, "validation-failed")));
    }

    /**
     * Deletions of a model's class without the one accepted choice (no parameter, or only parameters of other
     * names) ask first: 409 {@code album-in-custom-model}, nothing deleted.
     */
    @TestFactory
    Stream<DynamicTest> albumDeletionsWithoutTheChoiceConflictWithTheModel() {
        return Stream.of("", "customModelz=remove-class", "customModels%5B%24ne%5D=x", "CustomModels=remove-class")
                .map(query -> DynamicTest.dynamicTest(
                        query.isEmpty() ? "(none)" : query,
                        () -> checkAlbumDeletion(query, 409, "album-in-custom-model")));
    }

    @AfterAll
    void serviceStillAnswersAndKeptNoMemory() {
        assertThat(browser().get("/actuator/health/liveness").status()).isEqualTo(200);
        long growth = StoredData.retainedHeap() - retainedBefore;
        tally.retainedHeapGrowth(growth);
        System.out.println(tally.report());
        assertThat(growth).as("heap retained after all cases").isLessThan(MAX_RETAINED_GROWTH);
    }

    private void check(Endpoint endpoint, Body body) {
        // Sign-up and sign-in as a new visitor each time: every visitor has its own address and rate limits.
        HostileRequests requests = new HostileRequests(port, endpoint.signedIn() ? owner : browser());
        String path = endpoint.path()
                .replace("{item}", itemId)
                .replace("{album}", albumId)
                .replace("{model}", modelId);
        String before = state();
        long allocatedBefore = StoredData.allocatedBytes();
        long start = System.nanoTime();

        Browser.Response response = requests.send(endpoint.method(), path, body.contentType(), body.bytes());

        long allocated = StoredData.allocatedBytes() - allocatedBefore;
        tally.record(endpoint.toString(), response, allocated, (System.nanoTime() - start) / 1_000_000);
        assertThat(response.status()).as("never a server error: %s", response).isLessThan(500);
        boolean noOp = response.status() == 200 && endpoint.method().equals("PATCH") && body.unknownKeysOnly();
        if (!noOp) {
            ProblemAssertions.assertRefusal(response, path);
            assertThat(body.slugs()).as("expected problem types").contains(response.problemType());
        }
        assertThat(state()).as("stored data afterwards").isEqualTo(before);
        assertThat(allocated).as("bytes allocated while answering").isLessThan(MAX_ALLOCATED_PER_CASE);
    }

    private void checkRead(String path, Set<String> slugs) {
        long allocatedBefore = StoredData.allocatedBytes();
        long start = System.nanoTime();

        Browser.Response response = new HostileRequests(port, owner).send("GET", path, null, null);

        tally.record(
                "ids and query parameters",
                response,
                StoredData.allocatedBytes() - allocatedBefore,
                (System.nanoTime() - start) / 1_000_000);
        ProblemAssertions.assertRefusal(response, null);
        assertThat(slugs).as("expected problem types for %s", response).contains(response.problemType());
    }

    private void checkAlbumDeletion(String query, int status, String slug) {
        String path = "/api/albums/" + albumId + (query.isEmpty() ? "" : "?" + query);
        String before = state();
        long allocatedBefore = StoredData.allocatedBytes();
        long start = System.nanoTime();

        Browser.Response response = new HostileRequests(port, owner).send("DELETE", path, null, null);

        tally.record(
                "album deletion choices",
                response,
                StoredData.allocatedBytes() - allocatedBefore,
                (System.nanoTime() - start) / 1_000_000);
        ProblemAssertions.assertRefusal(response, null);
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.problemType()).as("%s", response).isEqualTo(slug);
        assertThat(state()).as("stored data afterwards").isEqualTo(before);
    }

    /** Document counts, and the attacked item and album as stored. */
    private String state() {
        Document item = mongo.getCollection("classifications")
                .find(new Document("_id", new ObjectId(itemId)))
                .first();
        Document album = mongo.getCollection("albums")
                .find(new Document("_id", new ObjectId(albumId)))
                .first();
        Document model = mongo.getCollection("customModels")
                .find(new Document("_id", new ObjectId(modelId)))
                .first();
        return String.join(
                " | ",
                List.of(
                        StoredData.count(mongo).toString(),
                        "feedback=" + item.get("feedback"),
                        "albumId=" + item.get("albumId"),
                        "album=" + album.get("name") + "/" + album.get("description"),
                        "model=" + model.get("name") + "/" + model.get("albumIds") + "/" + model.get("activeVersion")));
    }
}
