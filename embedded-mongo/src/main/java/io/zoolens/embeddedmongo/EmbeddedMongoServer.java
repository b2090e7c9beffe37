package io.zoolens.embeddedmongo;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded MongoDB wire server as its own process, for local runs without a MongoDB package.
 *
 * <pre>
 * java -jar embedded-mongo-exec.jar [--host 127.0.0.1] [--port 27017] [--data var/mongo/zoolens.mv]
 * </pre>
 *
 * Without {@code --data} everything stays in memory. Stops cleanly (data flushed) on SIGTERM / Ctrl-C.
 */
public final class EmbeddedMongoServer {

    private EmbeddedMongoServer() {}

    public static void main(String[] args) throws InterruptedException {
        // Set before the first logger exists; an explicit -Dlogback.configurationFile still wins.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/zoolens/embeddedmongo/logback-server.xml");
        }
        Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        EmbeddedMongo mongo = EmbeddedMongo.start(options.host(), options.port(), options.dataFile());
        log.info(
                "embedded MongoDB listening on {} ({})",
                mongo.connectionString(),
                options.dataFile() == null ? "in memory" : "data in " + options.dataFile());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping embedded MongoDB");
            mongo.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** Command-line options. */
    record Options(String host, int port, Path dataFile) {

        static final String USAGE = "usage: EmbeddedMongoServer [--host 127.0.0.1] [--port 27017] [--data FILE]";

        static Options parse(String[] args) {
            String host = "127.0.0.1";
            int port = 27017;
            Path dataFile = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if ("--help".equals(name) || "-h".equals(name)) {
                    throw new IllegalArgumentException("Embedded MongoDB wire server");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--host" -> host = value;
                    case "--port" -> port = parsePort(value);
                    case "--data" -> dataFile = value.isBlank() ? null : Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(host, port, dataFile);
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("port out of range: " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port: " + value);
            }
        }
    }
}
