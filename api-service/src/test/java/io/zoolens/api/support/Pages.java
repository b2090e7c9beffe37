package io.zoolens.api.support;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reading {@code Page<Classification>} answers. */
public final class Pages {

    private Pages() {}

    /** The items' own ids, in order (not {@code findValuesAsString}: a filed item has its album's id nested). */
    public static List<String> itemIds(Browser.Response page) {
        return page.json()
                .path("items")
                .valueStream()
                .map(item -> item.path("id").asString())
                .toList();
    }

    /** {@code GET /api/classifications?query}, asserted 200, as item ids. */
    public static List<String> listed(Browser browser, String query) {
        Browser.Response response = browser.get("/api/classifications?" + query);
        if (response.status() != 200) {
            throw new AssertionError("listing failed: " + response);
        }
        return itemIds(response);
    }

    /** The first element of a JSON array whose {@code field} is {@code value}. */
    public static JsonNode find(JsonNode array, String field, String value) {
        return array.valueStream()
                .filter(node -> value.equals(node.path(field).asString(null)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no element with " + field + "=" + value + " in " + array));
    }
}
