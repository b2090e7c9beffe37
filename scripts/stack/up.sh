#!/usr/bin/env bash
# Starts the whole Zoolens stack without Docker (`make up`): the embedded MongoDB wire server, Redis, the
# classifier, the api replicas and the Nginx gateway with the same configuration as docker-compose.
#
# Builds what is missing or stale, fetches the default model, checks (as root: installs) redis-server and
# nginx, starts every service that is not running yet, waits until each is ready and prints the URL.
# Data, logs, pids, secrets and certificates live under var/ (ZOOLENS_VAR_DIR); `make down` stops
# exactly what this started, data stays for the next `make up`. Settings: scripts/stack/lib.sh and
# docs/deploy.md. Running it again is harmless: running services are kept, and the gateway restarts
# only when its rendered configuration changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

started_at=$SECONDS

# ---- builds ----------------------------------------------------------------------------------------
# The jar a module builds (the exec jar for embedded-mongo).
module_jar() {
    local module="$1" pattern="$2"
    find "$repo_dir/$module/target" -maxdepth 1 -name "$pattern" ! -name '*.original' 2>/dev/null | head -n 1
}

# Whether a build output is missing, or (ZOOLENS_STACK_BUILD=auto) older than one of its sources.
needs_build() {
    local output="$1"
    shift
    [[ -n "$output" && -f "$output" ]] || return 0
    [[ "$ZOOLENS_STACK_BUILD" == auto ]] || return 1
    [[ -n "$(find "$@" -type f -newer "$output" -print -quit 2>/dev/null)" ]]
}

ensure_jars() {
    local stale=()
    local shared=("$repo_dir/pom.xml" "$repo_dir/image-support/pom.xml" "$repo_dir/image-support/src"
        "$repo_dir/web-support/pom.xml" "$repo_dir/web-support/src")
    needs_build "$(module_jar embedded-mongo 'embedded-mongo-*-exec.jar')" \
        "$repo_dir/pom.xml" "$repo_dir/embedded-mongo/pom.xml" "$repo_dir/embedded-mongo/src" && stale+=(embedded-mongo)
    needs_build "$(module_jar classifier-service 'classifier-service-*.jar')" "${shared[@]}" \
        "$repo_dir/model-support/pom.xml" "$repo_dir/model-support/src/main" \
        "$repo_dir/classifier-service/pom.xml" "$repo_dir/classifier-service/src/main" && stale+=(classifier-service)
    needs_build "$(module_jar api-service 'api-service-*.jar')" "${shared[@]}" \
        "$repo_dir/api-service/pom.xml" "$repo_dir/api-service/src/main" && stale+=(api-service)
    if ((${#stale[@]})); then
        [[ "$ZOOLENS_STACK_BUILD" != never ]] || die "not built: ${stale[*]} (run: ./mvnw -DskipTests package)"
        local modules
        modules="$(IFS=,; echo "${stale[*]}")"
        say "building $modules (./mvnw package, tests skipped) ..."
        (cd "$repo_dir" && ./mvnw -q -B -ntp -DskipTests -Dspotless.check.skip=true -Dzoolens.fetch-model.skip=true \
            -pl "$modules" -am package) || die "the build failed"
    fi
    mongo_jar="$(module_jar embedded-mongo 'embedded-mongo-*-exec.jar')"
    classifier_jar="$(module_jar classifier-service 'classifier-service-*.jar')"
    api_jar="$(module_jar api-service 'api-service-*.jar')"
}

ensure_frontend() {
    local frontend="$repo_dir/frontend"
    [[ "$ZOOLENS_SPA_ROOT" == "$frontend/dist" ]] || return 0
    needs_build "$frontend/dist/index.html" "$frontend/src" "$frontend/public" "$frontend/index.html" \
        "$frontend/package.json" "$frontend/package-lock.json" "$frontend/vite.config.ts" || return 0
    [[ "$ZOOLENS_STACK_BUILD" != never ]] || die "the frontend is not built (run: cd frontend && npm ci && npm run build)"
    command -v npm >/dev/null || die "Node 20 and npm are needed to build the frontend"
    say "building the frontend (npm run build) ..."
    (
        cd "$frontend"
        if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
            npm ci --no-audit --no-fund
        fi
        npm run build
    ) || die "the frontend build failed"
}

# Services run from copies under var/lib, so a rebuild (make test, mvn package) never rewrites a jar
# under a running JVM.
install_jar() {
    local source="$1" target="$var_dir/lib/$2.jar"
    if [[ ! -f "$target" || "$source" -nt "$target" ]]; then
        cp -p "$source" "$target.tmp"
        mv "$target.tmp" "$target"
    fi
    echo "$target"
}

# ---- services --------------------------------------------------------------------------------------
start_mongo() {
    if running_pid mongo >/dev/null; then
        say "mongo is already running"
        return
    fi
    ensure_port_free mongo "$ZOOLENS_MONGO_PORT" ZOOLENS_MONGO_PORT
    local jar
    jar="$(install_jar "$mongo_jar" embedded-mongo)"
    # shellcheck disable=SC2086 # the options are a list
    start_process mongo "$(java_bin)" $ZOOLENS_MONGO_JAVA_OPTS -jar "$jar" \
        --host "$internal_host" --port "$ZOOLENS_MONGO_PORT" --data "$var_dir/mongo/zoolens.mv"
}

start_redis() {
    if running_pid redis >/dev/null; then
        say "redis is already running"
        return
    fi
    ensure_port_free redis "$ZOOLENS_REDIS_PORT" ZOOLENS_REDIS_PORT
    local conf="$var_dir/redis/redis.conf"
    # The password goes into a file only this user can read, never onto a command line.
    (
        umask 077
        cat >"$conf" <<EOF
# Written by scripts/stack/up.sh on every start; edit lib.sh or the environment instead.
bind $internal_host
port $ZOOLENS_REDIS_PORT
protected-mode yes
daemonize no
logfile ""
dir $var_dir/redis
# Sessions survive restarts: append-only file, synced every second; no RDB snapshots besides it.
appendonly yes
appendfsync everysec
save ""
requirepass $(redis_password)
EOF
    )
    start_process redis redis-server "$conf"
}

start_classifier() {
    if running_pid classifier >/dev/null; then
        say "classifier is already running"
        return
    fi
    ensure_port_free classifier "$ZOOLENS_CLASSIFIER_PORT" ZOOLENS_CLASSIFIER_PORT
    local jar
    jar="$(install_jar "$classifier_jar" classifier-service)"
    # shellcheck disable=SC2086
    SERVER_PORT="$ZOOLENS_CLASSIFIER_PORT" SERVER_ADDRESS="$internal_host" ZOOLENS_MODELS_DIR="$ZOOLENS_MODELS_DIR" \
        ZOOLENS_FEATURE_CACHE_DIR="$ZOOLENS_FEATURE_CACHE_DIR" \
        TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}" \
        TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-1}" \
        start_process classifier "$(java_bin)" $ZOOLENS_CLASSIFIER_JAVA_OPTS -jar "$jar"
}

start_api() {
    local name="$1" port="$2"
    if running_pid "$name" >/dev/null; then
        say "$name is already running"
        return
    fi
    ensure_port_free "$name" "$port" ZOOLENS_API_PORTS
    local jar
    jar="$(install_jar "$api_jar" api-service)"
    # shellcheck disable=SC2086
    SERVER_PORT="$port" SERVER_ADDRESS="$internal_host" \
        SPRING_MONGODB_URI="mongodb://$internal_host:$ZOOLENS_MONGO_PORT/zoolens" \
        SPRING_DATA_REDIS_HOST="$internal_host" SPRING_DATA_REDIS_PORT="$ZOOLENS_REDIS_PORT" \
        SPRING_DATA_REDIS_PASSWORD="$(redis_password)" \
        ZOOLENS_CLASSIFIER_URL="http://$internal_host:$ZOOLENS_CLASSIFIER_PORT" \
        start_process "$name" "$(java_bin)" $ZOOLENS_API_JAVA_OPTS -jar "$jar"
}

# Started by root, Nginx would run its workers as `nobody`, who may not reach a checkout under /root
# (frontend/dist, var/nginx's temp folders): they run as root too then. Otherwise Nginx ignores `user`.
worker_user() {
    [[ $(id -u) -ne 0 ]] || echo ' user root;'
}

render_gateway() {
    local upstreams="" port
    for port in "${api_ports[@]}"; do
        upstreams+="$internal_host:$port "
    done
    ZOOLENS_API_UPSTREAMS="$upstreams" ZOOLENS_SPA_UPSTREAM="" ZOOLENS_SPA_ROOT="$ZOOLENS_SPA_ROOT" \
        ZOOLENS_HTTP_PORT="$ZOOLENS_HTTP_PORT" ZOOLENS_HTTPS_PORT="$ZOOLENS_HTTPS_PORT" \
        ZOOLENS_PUBLIC_HTTPS_PORT="${ZOOLENS_PUBLIC_HTTPS_PORT:-$ZOOLENS_HTTPS_PORT}" \
        ZOOLENS_ACCESS_LOG="$log_dir/gateway-access.log" ZOOLENS_ACME_ROOT="$var_dir/acme" \
        ZOOLENS_TLS_DIR="$var_dir/tls" \
        "$repo_dir/gateway-nginx/render.sh" "$var_dir/nginx/conf" 2>>"$(log_file gateway)" ||
        { show_log_tail gateway; die "could not render the gateway configuration"; }
    "$(nginx_bin)" -q -t -p "$var_dir/nginx/" -c "$var_dir/nginx/conf/nginx.conf" -e stderr -g "$(worker_user)" ||
        die "the rendered gateway configuration does not pass nginx -t ($var_dir/nginx/conf)"
}

# A digest of the rendered configuration, to see whether a running gateway needs it.
gateway_config_digest() {
    find "$var_dir/nginx/conf" -type f ! -path '*/.render-*' -print0 | sort -z | xargs -0 cat | sha256sum | cut -d' ' -f1
}

start_gateway() {
    local digest_file="$run_dir/gateway.config-digest" digest
    render_gateway
    digest="$(gateway_config_digest)"
    if running_pid gateway >/dev/null; then
        if [[ "$(cat "$digest_file" 2>/dev/null)" == "$digest" ]]; then
            say "gateway is already running"
            return
        fi
        # A restart, not a reload: a reload silently keeps the old configuration when, for example, a
        # shared zone changed; the gap is a second.
        say "gateway configuration changed; restarting the gateway"
        "$repo_dir/scripts/stack/down.sh" gateway >/dev/null
    fi
    ensure_port_free gateway "$ZOOLENS_HTTP_PORT" ZOOLENS_HTTP_PORT
    ensure_port_free gateway "$ZOOLENS_HTTPS_PORT" ZOOLENS_HTTPS_PORT
    start_process gateway "$(nginx_bin)" -p "$var_dir/nginx/" -c "$var_dir/nginx/conf/nginx.conf" -e stderr \
        -g "daemon off;$(worker_user)"
    echo "$digest" >"$digest_file"
}

mongo_ready() { port_open "$internal_host" "$ZOOLENS_MONGO_PORT"; }
redis_ready() { REDISCLI_AUTH="$(redis_password)" redis-cli -h "$internal_host" -p "$ZOOLENS_REDIS_PORT" ping 2>/dev/null | grep -q PONG; }
readiness_up() { http_ok "http://$internal_host:$1/actuator/health/readiness"; }
gateway_ready() {
    http_ok "http://$internal_host:$ZOOLENS_HTTP_PORT/healthz" && http_ok -k "https://$internal_host:$ZOOLENS_HTTPS_PORT/healthz"
}

# ---- main ------------------------------------------------------------------------------------------
ensure_programs
mkdir -p "$run_dir" "$log_dir" "$var_dir/lib" "$var_dir/mongo" "$var_dir/redis" "$var_dir/nginx" "$var_dir/acme"
mkdir -p -m 0700 "$var_dir/secrets"
if [[ ! -s "$var_dir/secrets/redis-password" ]]; then
    (umask 077 && openssl rand -hex 24 >"$var_dir/secrets/redis-password")
fi

ensure_jars
ensure_frontend
# Idempotent: returns at once when the pinned model is already imported.
"$repo_dir/scripts/fetch-default-model.sh" --jar "$classifier_jar" "$ZOOLENS_MODELS_DIR" >/dev/null ||
    die "could not fetch the default model (scripts/fetch-default-model.sh)"

start_mongo
start_redis
wait_until mongo "accepting connections on $ZOOLENS_MONGO_PORT" mongo_ready
wait_until redis "answering PING on $ZOOLENS_REDIS_PORT" redis_ready

# The JVMs start side by side; the api's readiness needs Mongo and Redis only, not the classifier.
start_classifier
for ((i = 0; i < ${#api_ports[@]}; i++)); do
    start_api "api-$((i + 1))" "${api_ports[$i]}"
done
for ((i = 0; i < ${#api_ports[@]}; i++)); do
    wait_until "api-$((i + 1))" "ready on ${api_ports[$i]}" readiness_up "${api_ports[$i]}"
done
wait_until classifier "ready on $ZOOLENS_CLASSIFIER_PORT (default model loaded)" readiness_up "$ZOOLENS_CLASSIFIER_PORT"

start_gateway
wait_until gateway "answering on $ZOOLENS_HTTP_PORT and $ZOOLENS_HTTPS_PORT" gateway_ready

public_port="${ZOOLENS_PUBLIC_HTTPS_PORT:-$ZOOLENS_HTTPS_PORT}"
[[ "$public_port" == 443 ]] && public_port="" || public_port=":$public_port"
say "stack ready in $((SECONDS - started_at))s: https://${ZOOLENS_PUBLIC_HOST:-localhost}$public_port/"
[[ -n "${ZOOLENS_TLS_CERT:-}" ]] ||
    say "the certificate is self-signed ($var_dir/tls/fullchain.pem): accept it in the browser, or see docs/deploy.md"
say "logs in $log_dir; stop with: make down"
