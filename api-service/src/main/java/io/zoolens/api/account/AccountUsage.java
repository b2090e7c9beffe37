package io.zoolens.api.account;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * What an owner keeps: how many classifications and the bytes of their originals, summed from the classifications
 * themselves by one aggregation ({@code $match ownerId}, {@code $group} with {@code $sum image.bytes}; index {@code
 * owner_bytes} covers it on MongoDB). Computed, not a maintained counter, so it stays right whoever adds or removes
 * items (uploads, the worker, bulk and account deletion, guest items moving in at sign-in).
 */
@Component
class AccountUsage {

    private final MongoTemplate mongo;

    AccountUsage(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Usage of(String ownerId) {
        var aggregation = newAggregation(
                match(Criteria.where("ownerId").is(ownerId)),
                group().count().as("items").sum("image.bytes").as("storedBytes"));
        Document row =
                mongo.aggregate(aggregation, "classifications", Document.class).getUniqueMappedResult();
        if (row == null) {
            return new Usage(0, 0);
        }
        return new Usage(number(row, "items"), number(row, "storedBytes"));
    }

    private static long number(Document row, String field) {
        return row.get(field) instanceof Number value ? value.longValue() : 0;
    }

    /** How many classifications, and the original images' bytes. */
    record Usage(long items, long storedBytes) {}
}
