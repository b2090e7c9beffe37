#!/usr/bin/env bash
# Runs the benchmark harness (bench/README.md): builds what the mode needs, fetches the test photos and the
# default model, then starts io.zoolens.bench.Bench, which starts and stops the services itself.
#
# Usage: bench/run.sh full|smoke|soak|memory|training|training-api [-Dbench.<key>=<value> ...]
#   full     make bench:          the gateway's cost per upload (bench/gateway-cost.sh), (2) classifier over HTTP,
#                                 (3) whole stack, (4) memory; reads (1)/(5) from JMH
#   smoke    make bench-smoke:    the same harness in seconds, against one stack; asserts nothing about speed
#   soak     make soak:           20,000 mixed requests through the gateway -> docs/reliability.md "Load"
#   memory   make bench-memory:   the classifier alone for 10 minutes, memory sampled -> docs/benchmarks.md
#   training make bench-training: the custom-model section from bench/training's JMH results; starts no service
#   training-api make bench-training-api: custom models trained through the api on one stack (T11-T13)
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-}"
case "$mode" in
    full | smoke | soak | memory | training | training-api) shift ;;
    *)
        sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
cd "$repo_dir"

# maven.test.skip: test sources are not even compiled (faster, and a test being edited never blocks a benchmark)
mvn=(./mvnw -q -B -ntp -Pbench -Dmaven.test.skip=true -Dspotless.check.skip=true -Dzoolens.fetch-model.skip=true)
service_modules=embedded-mongo,classifier-service,api-service

jar_missing() {
    [[ -z "$(find "$1/target" -maxdepth 1 -name "$2" ! -name '*.original' 2>/dev/null | head -n 1)" ]]
}

if [[ "$mode" == training ]]; then
    # Reads JMH results only: no service is started, so none is built.
    modules=bench
elif [[ "$mode" == smoke ]]; then
    # `make test` has just built the service jars: build only what is missing, and the harness itself.
    modules=bench
    if jar_missing embedded-mongo 'embedded-mongo-*-exec.jar' || jar_missing classifier-service 'classifier-service-*.jar' ||
        jar_missing api-service 'api-service-*.jar'; then
        modules="$service_modules,bench"
    fi
else
    modules="$service_modules,bench"
fi
echo "bench: building $modules (tests skipped)"
"${mvn[@]}" package -pl "$modules" -am

scripts/fetch-test-images.sh >/dev/null
scripts/fetch-default-model.sh "$repo_dir/models" >/dev/null

# The gateway alone (issue 16), before anything else runs: a stub upstream, no service needed. Its table is printed
# and kept beside the other results; docs/gateway.md quotes it.
if [[ "$mode" == full || "$mode" == smoke ]]; then
    gateway_dir="$repo_dir/target/bench/gateway-cost"
    [[ "$mode" == full ]] || gateway_dir="$repo_dir/target/bench/smoke/gateway-cost"
    mkdir -p "$(dirname "$gateway_dir")"
    echo "bench: the gateway's cost per upload (bench/gateway-cost.sh)"
    if [[ "$mode" == smoke ]]; then
        GATEWAY_COST_ROUNDS=1 GATEWAY_COST_C1=3 GATEWAY_COST_C16=16 GATEWAY_COST_WORK="$gateway_dir" bench/gateway-cost.sh
    else
        GATEWAY_COST_WORK="$gateway_dir" bench/gateway-cost.sh
    fi | tee "$gateway_dir.md"
fi

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    java="$JAVA_HOME/bin/java"
else
    java=java
fi
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-1}"
exec "$java" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
    -Dbench.repoDir="$repo_dir" "$@" io.zoolens.bench.Bench "$mode"
