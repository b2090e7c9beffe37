package io.zoolens.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTests {

    @Test
    void helloAnswersLikeIsMasterSoHealthChecksReadUp() {
        try (EmbeddedMongo mongo = EmbeddedMongo.startInMemory();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));

            assertThat(hello.get("ok")).isEqualTo(1.0);
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.getInteger("maxWireVersion")).isGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void inMemoryServerStoresAndFindsDocuments() {
        try (EmbeddedMongo mongo = EmbeddedMongo.startInMemory();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            var items = client.getDatabase("zoolens").getCollection("items");
            items.insertOne(new Document("name", "chelsea"));

            assertThat(items.find(new Document("name", "chelsea")).first()).isNotNull();
            assertThat(mongo.port()).isPositive();
        }
    }

    @Test
    void dataFileKeepsDocumentsAcrossRestarts(@TempDir Path dir) {
        Path file = dir.resolve("nested/zoolens.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.start("127.0.0.1", 0, file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("zoolens").getCollection("items").insertOne(new Document("name", "chelsea"));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start("127.0.0.1", 0, file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            var found = client.getDatabase("zoolens")
                    .getCollection("items")
                    .find(new Document("name", "chelsea"))
                    .first();
            assertThat(found).isNotNull();
        }
    }

    @Test
    void optionsDefaultToLoopbackPort27017InMemory() {
        var options = EmbeddedMongoServer.Options.parse(new String[0]);

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(27017);
        assertThat(options.dataFile()).isNull();
    }

    @Test
    void optionsTakePortAndDataFile() {
        var options = EmbeddedMongoServer.Options.parse(
                new String[] {"--port", "27018", "--data", "var/mongo/zoolens.mv", "--host", "0.0.0.0"});

        assertThat(options.port()).isEqualTo(27018);
        assertThat(options.dataFile()).isEqualTo(Path.of("var/mongo/zoolens.mv"));
        assertThat(options.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void optionsRefuseUnknownNamesAndBadPorts() {
        assertThatThrownBy(() -> EmbeddedMongoServer.Options.parse(new String[] {"--verbose", "1"}))
                .hasMessageContaining("unknown option --verbose");
        assertThatThrownBy(() -> EmbeddedMongoServer.Options.parse(new String[] {"--port", "x"}))
                .hasMessageContaining("not a port");
        assertThatThrownBy(() -> EmbeddedMongoServer.Options.parse(new String[] {"--port"}))
                .hasMessageContaining("missing value");
    }
}
