package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Actuators and the classifier's API stay internal: the gateway answers 404 and reaches no service for them. */
@StackTest
class InternalEndpointsIT {

    private final GatewayClient client;
    private final NativeStack stack;

    InternalEndpointsIT(GatewayClient client, NativeStack stack) {
        this.client = client;
        this.stack = stack;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator",
                "/actuator/health",
                "/actuator/health/readiness",
                "/actuator/prometheus",
                "/actuator/env",
                "/api/actuator",
                "/api/actuator/health",
                "/api/../actuator/health",
                "/api/%61ctuator/health",
                "/v1/models",
                "/v1/models/coco-centernet"
            })
    void internalPathsAreNotFoundAndNeverProxied(String path) {
        HttpResponse<String> response = client.get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("\"UP\"", "defaultModel", "jvm_", "coco-centernet");
        AccessLog.assertAnsweredByTheGateway(stack.accessLog(), response);
    }

    @Test
    void theClassifiersClassifyEndpointIsNotReachable() {
        HttpResponse<String> response = client.postMultipart(
                "/v1/models/coco-centernet:classify",
                new Multipart().file("image", "x.png", "image/png", new byte[] {1, 2, 3}));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("labels");
    }

    @Test
    void theApiItselfDoesNotServeActuatorUnderApi() {
        // the gateway stops /api/actuator before the api; the api serves its actuator at /actuator only
        HttpResponse<String> response =
                GatewayClient.direct(HttpRequest.newBuilder(stack.apiReplica(1, "/api/actuator/health"))
                        .build());

        assertThat(response.statusCode()).isIn(401, 404);
        assertThat(response.body()).doesNotContain("\"UP\"");
    }
}
