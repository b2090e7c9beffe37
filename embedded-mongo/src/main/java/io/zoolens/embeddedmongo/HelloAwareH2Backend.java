package io.zoolens.embeddedmongo;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend of mongo-java-server, answering {@code hello} like {@code isMaster}.
 *
 * <p>Current drivers and Spring Boot's Mongo health indicator send {@code hello}; the wire server only knows the
 * legacy {@code isMaster}, so without this the health endpoint reads DOWN against a perfectly usable server.
 */
public class HelloAwareH2Backend extends H2Backend {

    public HelloAwareH2Backend(MVStore store) {
        super(store);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if ("hello".equalsIgnoreCase(command)) {
            Document answer = super.handleCommand(channel, databaseName, "isMaster", query);
            answer.put("isWritablePrimary", Boolean.TRUE);
            answer.remove("ismaster");
            return answer;
        }
        return super.handleCommand(channel, databaseName, command, query);
    }
}
