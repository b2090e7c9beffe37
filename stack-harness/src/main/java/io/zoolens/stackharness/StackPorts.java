package io.zoolens.stackharness;

import java.util.List;

/** The ports of one stack: gateway HTTP and HTTPS, the two api replicas, classifier, MongoDB, Redis. */
public record StackPorts(int http, int https, List<Integer> api, int classifier, int mongo, int redis) {

    public StackPorts {
        api = List.copyOf(api);
    }

    /** Seven ports free right now. */
    public static StackPorts free() {
        List<Integer> chosen = FreePorts.take(7);
        return new StackPorts(
                chosen.get(0),
                chosen.get(1),
                List.of(chosen.get(2), chosen.get(3)),
                chosen.get(4),
                chosen.get(5),
                chosen.get(6));
    }
}
