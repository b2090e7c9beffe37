package io.zoolens.api.classification;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.zoolens.api.classification.Classification.Status;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The filtered, paged listing of one owner's classifications. */
@Component
class ClassificationSearch {

    private final MongoTemplate mongo;
    private final ClassificationViews views;

    ClassificationSearch(MongoTemplate mongo, ClassificationViews views) {
        this.mongo = mongo;
        this.views = views;
    }

    PageResponse<ClassificationResponse> find(String ownerId, Filter filter) {
        Query query = Query.query(criteria(ownerId, filter));
        long total = mongo.count(query, Classification.class);
        Sort.Direction direction = filter.sort().endsWith(",asc") ? Sort.Direction.ASC : Sort.Direction.DESC;
        query.with(Sort.by(direction, "createdAt").and(Sort.by(direction, "_id")))
                .skip((long) filter.page() * filter.size())
                .limit(filter.size());
        List<ClassificationResponse> items = views.page(ownerId, mongo.find(query, Classification.class));
        return PageResponse.of(items, filter.page(), filter.size(), total);
    }

    private static Criteria criteria(String ownerId, Filter filter) {
        List<Criteria> all = new ArrayList<>();
        all.add(where("ownerId").is(ownerId));
        List<String> prefixes = LabelKeys.prefixPatterns(filter.label());
        if (!prefixes.isEmpty()) {
            // What the item was recognised as or what its owner said it is (LabelKeys), by word prefix.
            all.add(where("labelKeys")
                    .in(prefixes.stream().map(java.util.regex.Pattern::compile).toList()));
        }
        if (filter.albumId() != null && !filter.albumId().isBlank()) {
            all.add(where("albumId").is(filter.albumId()));
        }
        if (filter.status() != null) {
            all.add(where("status").is(Status.valueOf(filter.status())));
        }
        if (filter.feedback() != null) {
            all.add(
                    switch (filter.feedback()) {
                        case "none" -> where("feedback").is(null);
                        case "correct" -> where("feedback.correct").is(true);
                        default -> where("feedback.correct").is(false);
                    });
        }
        return new Criteria().andOperator(all);
    }

    /** Query parameters of {@code GET /api/classifications}. */
    record Filter(
            @Min(0) @Max(100_000) Integer page,
            @Min(1) @Max(100) Integer size,

            @Pattern(regexp = "createdAt(,(asc|desc))?", message = "must be createdAt,asc or createdAt,desc")
            String sort,

            @Size(max = 64) String label,
            @Size(max = 64) String albumId,

            @Pattern(regexp = "none|correct|wrong", message = "must be none, correct or wrong")
            String feedback,

            @Pattern(regexp = "PENDING|DONE|FAILED", message = "must be PENDING, DONE or FAILED")
            String status) {

        Filter {
            page = page == null ? 0 : page;
            size = size == null ? 20 : size;
            sort = sort == null ? "createdAt,desc" : sort;
        }
    }
}
