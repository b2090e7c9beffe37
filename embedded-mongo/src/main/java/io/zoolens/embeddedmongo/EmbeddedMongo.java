package io.zoolens.embeddedmongo;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * A running MongoDB wire-protocol server: in memory, or persisted to one H2 MVStore file.
 *
 * <p>Used by {@link EmbeddedMongoServer} for local runs and directly by tests:
 * {@code try (var mongo = EmbeddedMongo.start("127.0.0.1", 0, null)) { mongo.connectionString() ... }}.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final HelloAwareH2Backend backend;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoServer server, HelloAwareH2Backend backend, InetSocketAddress address) {
        this.server = server;
        this.backend = backend;
        this.address = address;
    }

    /** Starts an in-memory server on a free loopback port. */
    public static EmbeddedMongo startInMemory() {
        return start("127.0.0.1", 0, null);
    }

    /**
     * Starts a server.
     *
     * @param host address to bind, e.g. {@code 127.0.0.1}
     * @param port port to bind, 0 for a free one
     * @param dataFile H2 MVStore file to persist to, or {@code null} to keep everything in memory
     */
    public static EmbeddedMongo start(String host, int port, Path dataFile) {
        MVStore store = MVStore.open(dataFile == null ? null : prepare(dataFile));
        HelloAwareH2Backend backend = new HelloAwareH2Backend(store);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return new EmbeddedMongo(server, backend, server.getLocalAddress());
    }

    private static String prepare(Path dataFile) {
        try {
            Path parent = dataFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for " + dataFile, e);
        }
        return dataFile.toAbsolutePath().toString();
    }

    public int port() {
        return address.getPort();
    }

    public String host() {
        return address.getHostString();
    }

    /** {@code mongodb://host:port}, without a database: append {@code /name} for Spring's URI. */
    public String connectionString() {
        return "mongodb://" + host() + ":" + port();
    }

    /** Writes pending changes to the data file now (the store also commits on its own about once a second). */
    public void flush() {
        backend.commit();
    }

    @Override
    public void close() {
        // shutdownNow closes the backend, which commits and closes the MVStore file.
        server.shutdownNow();
    }
}
