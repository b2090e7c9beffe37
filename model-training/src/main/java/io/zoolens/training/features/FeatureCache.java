package io.zoolens.training.features;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Feature vectors kept on disk per account, backbone and picture content, so retraining never runs the backbone
 * again for a picture it has seen: {@code <root>/<owner>/<backbone>@<version>/<sha256[0..2]>/<sha256>.f32}
 * (little-endian floats, written under a temporary name and renamed). An account's vectors are deleted with it.
 */
public final class FeatureCache {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public FeatureCache(Path root) {
        this.root = root;
    }

    /** The vector of this picture under this backbone, if cached. */
    public Optional<float[]> get(String owner, Backbone backbone, String sha256) throws IOException {
        Path file = file(owner, backbone, sha256);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (bytes.length == 0 || bytes.length % Float.BYTES != 0) {
            return Optional.empty(); // not a vector: recompute it
        }
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return Optional.of(vector);
    }

    public void put(String owner, Backbone backbone, String sha256, float[] vector) throws IOException {
        Path file = file(owner, backbone, sha256);
        Files.createDirectories(file.getParent());
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        Path temporary = Files.createTempFile(file.getParent(), "." + sha256, ".tmp");
        try {
            Files.write(temporary, bytes.array());
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Removes every vector of the account (its deletion). */
    public void deleteOwner(String owner) throws IOException {
        Path dir = root.resolve(safe("owner", owner));
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private Path file(String owner, Backbone backbone, String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return root.resolve(safe("owner", owner))
                .resolve(safe("backbone", backbone.name()) + "@" + safe("backbone version", backbone.version()))
                .resolve(sha256.substring(0, 2))
                .resolve(sha256 + ".f32");
    }

    private static String safe(String what, String value) {
        if (value == null || !SAFE.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(what + " cannot name a folder: " + value);
        }
        return value;
    }
}
