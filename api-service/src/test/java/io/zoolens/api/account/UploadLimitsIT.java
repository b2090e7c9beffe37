package io.zoolens.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.StoredData;
import io.zoolens.image.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, items 5 and 16, with small limits: guests per address ({@code guest-limit-reached}), accounts per
 * minute, per day and per address ({@code rate-limited}), and the storage quota ({@code storage-quota-exceeded}),
 * also under concurrent uploads. Each test uses addresses of its own (198.18.0.0/15), so counters in Redis from
 * other tests cannot meet them.
 */
@TestPropertySource(
        properties = {
            "zoolens.rate-limit.guest-uploads-per-client.max=3",
            "zoolens.rate-limit.uploads-per-account.max=4",
            "zoolens.rate-limit.uploads-per-account.window=10s",
            "zoolens.rate-limit.uploads-per-account-daily.max=6",
            "zoolens.rate-limit.uploads-per-client.max=8",
            "zoolens.storage.quota-per-account=250KB"
        })
class UploadLimitsIT extends ApiIntegrationTest {

    private static final String PASSWORD = "correct horse battery";
    private static final long QUOTA = 250 * 1024;

    @Autowired
    MongoTemplate mongo;

    @Test
    void guestsGetTheirLimitStatedAndTheWholeAddressSharesIt() {
        String address = address();
        Browser guest = new Browser(port, address);
        for (int i = 0; i < 3; i++) {
            assertThat(guest.upload(TestImages.png(20, 10 + i)).status()).isEqualTo(201);
        }

        Browser.Response limited = guest.upload(TestImages.png(20, 20));
        Browser.Response colleague = new Browser(port, address).upload(TestImages.png(20, 21));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problemType()).isEqualTo("guest-limit-reached");
        JsonNode problem = limited.json();
        assertThat(problem.path("detail").asString())
                .isEqualTo("Guests can classify 3 pictures an hour from one network address."
                        + " Sign up or sign in to classify more.");
        assertThat(problem.path("limit").asInt()).isEqualTo(3);
        assertThat(problem.path("windowSeconds").asLong()).isEqualTo(3600);
        assertThat(problem.path("retryAfterSeconds").asLong()).isBetween(3500L, 3600L);
        assertThat(limited.header("Retry-After"))
                .isEqualTo(problem.path("retryAfterSeconds").asString());
        assertThat(colleague.status())
                .as("another browser behind the same address")
                .isEqualTo(429);
        assertThat(guest.get("/api/auth/session")
                        .json()
                        .path("limits")
                        .path("guestUploads")
                        .path("max")
                        .asInt())
                .isEqualTo(3);
        assertThat(guest.register(uniqueName("signedup"), PASSWORD).status()).isEqualTo(201);
        assertThat(guest.upload(TestImages.png(20, 22)).status())
                .as("signed in, the guest limit is gone")
                .isEqualTo(201);
    }

    @Test
    void anAccountIsLimitedPerWindow() {
        Browser user = userAt(address());
        for (int i = 0; i < 4; i++) {
            assertThat(user.upload(TestImages.png(21, 10 + i)).status()).isEqualTo(201);
        }

        Browser.Response limited = user.upload(TestImages.png(21, 20));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problemType()).isEqualTo("rate-limited");
        assertThat(limited.json().path("limit").asInt()).isEqualTo(4);
        assertThat(limited.json().path("windowSeconds").asLong()).isEqualTo(10);
        assertThat(limited.json().path("retryAfterSeconds").asLong()).isBetween(1L, 10L);
        assertThat(limited.header("Retry-After")).isNotNull();
        // the same for the image as the whole body (admitted before its bytes are read)
        Browser.Response limitedBody = user.postBody("/api/classifications", "image/png", TestImages.png(21, 21));
        assertThat(limitedBody.status()).as("%s", limitedBody).isEqualTo(429);
        assertThat(limitedBody.problemType()).isEqualTo("rate-limited");
        assertThat(user.get("/api/auth/session")
                        .json()
                        .path("usage")
                        .path("items")
                        .asInt())
                .isEqualTo(4);
    }

    @Test
    void anAccountIsLimitedPerDay() throws InterruptedException {
        Browser user = userAt(address());
        for (int i = 0; i < 4; i++) {
            assertThat(user.upload(TestImages.png(22, 10 + i)).status()).isEqualTo(201);
        }
        Thread.sleep(10_500); // the short window ends; the day goes on
        for (int i = 0; i < 2; i++) {
            assertThat(user.upload(TestImages.png(22, 20 + i)).status()).isEqualTo(201);
        }

        Browser.Response limited = user.upload(TestImages.png(22, 30));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problemType()).isEqualTo("rate-limited");
        assertThat(limited.json().path("limit").asInt()).isEqualTo(6);
        assertThat(limited.json().path("windowSeconds").asLong()).isEqualTo(86_400);
    }

    @Test
    void oneAddressIsLimitedAcrossAccounts() {
        String address = address();
        Browser first = userAt(address);
        Browser second = userAt(address);
        for (int i = 0; i < 4; i++) {
            assertThat(first.upload(TestImages.png(23, 10 + i)).status()).isEqualTo(201);
            assertThat(second.upload(TestImages.png(23, 20 + i)).status()).isEqualTo(201);
        }

        Browser.Response third = userAt(address).upload(TestImages.png(23, 30));
        Browser.Response elsewhere = userAt(address()).upload(TestImages.png(23, 31));

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.problemType()).isEqualTo("rate-limited");
        assertThat(third.json().path("limit").asInt()).isEqualTo(8);
        assertThat(third.json().path("windowSeconds").asLong()).isEqualTo(60);
        assertThat(elsewhere.status()).isEqualTo(201);
    }

    @Test
    void theStorageQuotaRefusesWhatDoesNotFitAndStoresNothing() {
        Browser user = userAt(address());
        long first = stored(user.upload(noise(1)));
        long second = stored(user.upload(noise(2)));
        StoredData.Counts before = StoredData.count(mongo);

        Browser.Response refused = user.upload(noise(3));

        assertThat(refused.status()).as("%s", refused).isEqualTo(413);
        assertThat(refused.problemType()).isEqualTo("storage-quota-exceeded");
        assertThat(refused.json().path("quotaBytes").asLong()).isEqualTo(QUOTA);
        assertThat(refused.json().path("usedBytes").asLong()).isEqualTo(first + second);
        assertThat(StoredData.count(mongo)).isEqualTo(before);
        JsonNode usage = user.get("/api/auth/session").json().path("usage");
        assertThat(usage.path("storedBytes").asLong()).isEqualTo(first + second);
        assertThat(usage.path("quotaBytes").asLong()).isEqualTo(QUOTA);

        String oldest = user.get("/api/classifications?sort=createdAt,asc")
                .json()
                .path("items")
                .path(0)
                .path("id")
                .asString();
        assertThat(user.delete("/api/classifications/" + oldest).status()).isEqualTo(204);
        assertThat(user.upload(noise(4)).status()).as("deleting made room").isEqualTo(201);
    }

    @Test
    void theQuotaRefusesAnImageSentAsTheWholeBodyAlike() {
        Browser user = userAt(address());
        long used = stored(user.upload(noise(1))) + stored(user.upload(noise(2)));
        StoredData.Counts before = StoredData.count(mongo);
        byte[] third = noise(3);

        // with its length (admitted by it, before a byte is read) and chunked (measured once read)
        for (Browser.Response body : List.of(
                user.postBody("/api/classifications", "image/png", third),
                user.postBody(
                        "/api/classifications",
                        "image/png",
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(third))))) {
            assertThat(body.status()).as("%s", body).isEqualTo(413);
            assertThat(body.problemType()).isEqualTo("storage-quota-exceeded");
            assertThat(body.json().path("usedBytes").asLong()).isEqualTo(used);
        }
        assertThat(StoredData.count(mongo)).isEqualTo(before);
    }

    @Test
    void concurrentUploadsCannotOvershootTheQuota() throws Exception {
        Browser user = userAt(address());
        List<byte[]> images = List.of(noise(5), noise(6), noise(7), noise(8));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Browser.Response>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(images.size());
        int stored = 0;
        try {
            for (byte[] image : images) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return user.upload(image);
                }));
            }
            start.countDown();
            for (Future<Browser.Response> answer : answers) {
                Browser.Response response = answer.get();
                if (response.status() == 201) {
                    stored++;
                } else {
                    assertThat(response.status()).as("%s", response).isEqualTo(413);
                    assertThat(response.problemType()).isEqualTo("storage-quota-exceeded");
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(stored).as("uploads stored of 4 racing for room for 2").isBetween(1, 2);
        JsonNode usage = user.get("/api/auth/session").json().path("usage");
        assertThat(usage.path("storedBytes").asLong()).isLessThanOrEqualTo(QUOTA);
    }

    private Browser userAt(String address) {
        Browser browser = new Browser(port, address);
        Browser.Response registered = browser.register(uniqueName("limits"), PASSWORD);
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        return browser;
    }

    private static long stored(Browser.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.json().path("image").path("bytes").asLong();
    }

    /** An address of the benchmarking range (RFC 2544) no other test uses. */
    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** A PNG of random pixels: about 100 KB that no compression shrinks, so two fit into the quota, three do not. */
    private static byte[] noise(long seed) {
        Random random = new Random(seed * 7919 + System.nanoTime());
        BufferedImage image = new BufferedImage(180, 180, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
