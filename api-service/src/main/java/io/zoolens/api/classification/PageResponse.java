package io.zoolens.api.classification;

import java.util.List;

/** One page of a listing: {@code {"items", "page", "size", "totalItems", "totalPages"}}. */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> PageResponse<T> of(List<T> items, int page, int size, long totalItems) {
        int pages = (int) ((totalItems + size - 1) / size);
        return new PageResponse<>(items, page, size, totalItems, pages);
    }
}
