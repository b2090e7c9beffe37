package io.zoolens.stackharness;

import java.util.Map;

/**
 * What a caller adds to a harness stack.
 *
 * @param environment settings for {@code scripts/stack/up.sh} and the services ({@code ZOOLENS_*}), on top of the
 *     ports and folders the harness sets
 * @param ownModels give the stack a models folder of its own (a copy of the default model), so the caller may drop
 *     versions into it; otherwise the stack serves the repository's {@code models/}
 */
public record StackSettings(Map<String, String> environment, boolean ownModels) {

    public StackSettings {
        environment = Map.copyOf(environment);
    }
}
