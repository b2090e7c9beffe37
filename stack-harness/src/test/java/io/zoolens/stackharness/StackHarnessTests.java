package io.zoolens.stackharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackHarnessTests {

    @Test
    void freePortsAreDistinctAndBindable() throws Exception {
        StackPorts ports = StackPorts.free();
        List<Integer> all = List.of(
                ports.http(),
                ports.https(),
                ports.api().get(0),
                ports.api().get(1),
                ports.classifier(),
                ports.mongo(),
                ports.redis());
        assertThat(new HashSet<>(all)).hasSize(7);
        for (int port : all) {
            try (var socket = new java.net.ServerSocket(port)) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aMissingCertificateIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> TrustedCertificate.sslContext(dir.resolve("missing.pem")))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }
}
