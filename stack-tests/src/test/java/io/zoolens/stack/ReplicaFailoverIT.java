package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * One api replica stops in the middle of the run; the gateway's passive health checks and retries keep every
 * request working on the other one. Runs last (the stack keeps one replica afterwards).
 */
@StackTest
@Order(Integer.MAX_VALUE)
class ReplicaFailoverIT {

    private final NativeStack stack;
    private final GatewayClient browser;

    ReplicaFailoverIT(NativeStack stack, GatewayClient browser) {
        this.stack = stack;
        this.browser = browser;
    }

    @Test
    void whenAReplicaStopsMidRunEveryRequestStillSucceeds() throws Exception {
        String username = browser.registerNewUser("failover").path("username").asString();
        byte[] photo = Files.readAllBytes(StackPaths.testImage("chelsea.png"));

        // reads keep flowing while replica 2 shuts down
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> readCounts = List.of(
                readers.submit(() -> readUntilStopped(reading, "/api/auth/me", failures)),
                readers.submit(() -> readUntilStopped(reading, "/api/classifications", failures)));
        Thread.sleep(500);
        stack.stop("api-2");
        Thread.sleep(1_000);
        reading.set(false);
        readers.shutdown();
        assertThat(readers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        int reads = readCounts.get(0).get() + readCounts.get(1).get();
        assertThat(failures).as("failed reads of %d", reads).isEmpty();
        assertThat(reads).isGreaterThan(10);
        // requests that met the stopped replica were passed on to the other one
        String stopped = "127.0.0.1:" + stack.ports().api().get(1);
        assertThat(AccessLog.entries(stack.accessLog()))
                .anySatisfy(entry ->
                        assertThat(entry.path("upstream_addr").asString()).startsWith(stopped + ", "));

        // and every kind of request afterwards, writes included
        for (int round = 0; round < 6; round++) {
            HttpResponse<String> me = browser.get("/api/auth/me");
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);

            HttpResponse<String> upload = browser.postMultipart(
                    "/api/classifications", new Multipart().file("image", "chelsea.png", "image/png", photo));
            assertThat(upload.statusCode()).as(upload.body()).isIn(201, 202);
            String id = GatewayClient.json(upload).path("id").asString();

            HttpResponse<String> feedback =
                    browser.putJson("/api/classifications/" + id + "/feedback", Map.of("correct", true));
            assertThat(feedback.statusCode()).as(feedback.body()).isEqualTo(200);

            GatewayClient other = new GatewayClient(stack);
            HttpResponse<String> signIn =
                    other.postJson("/api/auth/login", Map.of("login", username, "password", GatewayClient.PASSWORD));
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        }
    }

    private int readUntilStopped(AtomicBoolean reading, String path, ConcurrentLinkedQueue<String> failures) {
        int count = 0;
        while (reading.get()) {
            HttpResponse<String> response = browser.get(path);
            count++;
            if (response.statusCode() != 200) {
                failures.add(path + " -> " + response.statusCode() + " " + response.body());
            }
        }
        return count;
    }
}
