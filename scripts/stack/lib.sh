# Shared settings and helpers of the native stack scripts (up.sh, down.sh, status.sh); sourced, not run.
#
# Every setting comes from the environment, so the stack tests can run a second stack on free ports
# beside one started by `make up`. docs/deploy.md lists them all.

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

: "${ZOOLENS_VAR_DIR:=$repo_dir/var}"
: "${ZOOLENS_HTTP_PORT:=8080}"
: "${ZOOLENS_HTTPS_PORT:=8443}"
: "${ZOOLENS_API_PORTS:=8081 8091}"
: "${ZOOLENS_CLASSIFIER_PORT:=8082}"
: "${ZOOLENS_MONGO_PORT:=27017}"
: "${ZOOLENS_REDIS_PORT:=6379}"
: "${ZOOLENS_MODELS_DIR:=$repo_dir/models}"
# Custom models are trained into the models folder; their pictures' feature vectors are cached here.
: "${ZOOLENS_FEATURE_CACHE_DIR:=$ZOOLENS_VAR_DIR/feature-cache}"
: "${ZOOLENS_SPA_ROOT:=$repo_dir/frontend/dist}"
# auto: build what is missing or older than its sources; missing: only what is missing; never: fail instead.
: "${ZOOLENS_STACK_BUILD:=auto}"
# Seconds to wait for each service to become ready.
: "${ZOOLENS_STACK_TIMEOUT:=300}"
# Sized for 2 cores and a few GiB: TensorFlow's memory is native, outside the classifier's heap.
: "${ZOOLENS_MONGO_JAVA_OPTS:=-Xms32m -Xmx384m -XX:+ExitOnOutOfMemoryError}"
: "${ZOOLENS_CLASSIFIER_JAVA_OPTS:=-Xms128m -Xmx1g -XX:+ExitOnOutOfMemoryError}"
: "${ZOOLENS_API_JAVA_OPTS:=-Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError}"

# Internal services listen on the loopback only: the gateway is the one way in (conventions.md).
readonly internal_host=127.0.0.1

var_dir="$ZOOLENS_VAR_DIR"
run_dir="$var_dir/run"
log_dir="$var_dir/log"
read -r -a api_ports <<<"${ZOOLENS_API_PORTS//,/ }"

say() {
    echo "zoolens: $*"
}

die() {
    echo "zoolens: error: $*" >&2
    exit 1
}

# The JDK the services run on: $JAVA_HOME when set, else the newest JDK 21+ under /usr/lib/jvm (virtual threads
# in api-service), else the `java` on the PATH. The code is Java 17 bytecode and runs on any of them.
java_home() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        echo "$JAVA_HOME"
        return
    fi
    local jdk
    for jdk in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
        if [[ -x "$jdk/bin/java" ]] && [[ "$(basename "$jdk")" =~ (^|[^0-9])(2[1-9]|[3-9][0-9])([^0-9]|$) ]]; then
            echo "${jdk%/}"
            return
        fi
    done
}

java_bin() {
    local home
    home="$(java_home)"
    if [[ -n "$home" ]]; then
        echo "$home/bin/java"
    else
        command -v java
    fi
}

nginx_bin() {
    command -v nginx 2>/dev/null || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; }
}

# Service names in start order; down.sh stops them in reverse.
service_names() {
    local i
    echo mongo redis classifier
    for ((i = 1; i <= ${#api_ports[@]}; i++)); do
        echo "api-$i"
    done
    echo gateway
}

pid_file() {
    echo "$run_dir/$1.pid"
}

log_file() {
    echo "$log_dir/$1.log"
}

# A process is identified by its pid and its start time (field 22 of /proc/<pid>/stat), so a pid the
# kernel has since given to another program is never mistaken for ours.
process_start_time() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    # after the command name, field 3 is the first; the start time is field 22
    awk '{ print $20 }' <<<"$stat"
}

# Prints the pid of a running service started by these scripts, or fails.
running_pid() {
    local file pid started
    file="$(pid_file "$1")"
    [[ -f "$file" ]] || return 1
    read -r pid started <"$file" || return 1
    [[ -n "$pid" && -n "$started" ]] || return 1
    [[ "$(process_start_time "$pid")" == "$started" ]] || return 1
    echo "$pid"
}

# Starts a command in the background, in its own session (Ctrl-C in the calling terminal does not reach
# it), with its output appended to var/log/<name>.log and its identity in var/run/<name>.pid.
start_process() {
    local name="$1"
    shift
    local log pid
    log="$(log_file "$name")"
    printf '\n==== %s: starting %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" >>"$log"
    setsid "$@" >>"$log" 2>&1 </dev/null &
    pid=$!
    echo "$pid $(process_start_time "$pid")" >"$(pid_file "$name")"
}

port_open() {
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Fails when something other than our own service already listens on the port.
ensure_port_free() {
    local name="$1" port="$2" variable="$3"
    if port_open "$internal_host" "$port"; then
        die "port $port ($name) is already in use by another program. Stop it, or choose another port: $variable=<port> make up"
    fi
}

show_log_tail() {
    local log
    log="$(log_file "$1")"
    if [[ -f "$log" ]]; then
        echo "---- last lines of $log ----" >&2
        tail -n 40 "$log" >&2
        echo "----" >&2
    fi
}

# wait_until <name> <description> <command...>: polls the command once a second until it succeeds, the
# service's process exits, or ZOOLENS_STACK_TIMEOUT passes.
wait_until() {
    local name="$1" description="$2"
    shift 2
    local deadline=$((SECONDS + ZOOLENS_STACK_TIMEOUT))
    until "$@"; do
        if ! running_pid "$name" >/dev/null; then
            show_log_tail "$name"
            die "$name stopped before it was $description (log above; all logs in $log_dir)"
        fi
        if ((SECONDS >= deadline)); then
            show_log_tail "$name"
            die "$name was not $description within ${ZOOLENS_STACK_TIMEOUT}s (log above; all logs in $log_dir)"
        fi
        sleep 1
    done
}

http_ok() {
    curl -fsS -o /dev/null --max-time 5 "$@" 2>/dev/null
}

redis_password() {
    cat "$var_dir/secrets/redis-password"
}

# ---- programs --------------------------------------------------------------------------------------
# program -> Debian package
declare -A required_packages=([redis-server]=redis-server [redis-cli]=redis-tools [nginx]=nginx [openssl]=openssl
    [envsubst]=gettext-base [curl]=curl)

# Installs what the stack needs; extra `program=package` arguments add more (the tests add Chromium).
ensure_programs() {
    local missing=() program pair
    declare -A wanted=()
    for program in "${!required_packages[@]}"; do
        wanted[$program]="${required_packages[$program]}"
    done
    for pair in "$@"; do
        wanted[${pair%%=*}]="${pair#*=}"
    done
    for program in "${!wanted[@]}"; do
        if [[ "$program" == nginx ]]; then
            [[ -n "$(nginx_bin)" ]] || missing+=("${wanted[$program]}")
        else
            command -v "$program" >/dev/null || missing+=("${wanted[$program]}")
        fi
    done
    # The gateway loads Nginx's Lua module for its request-body deadline (gateway-nginx/snippets/modules/lua.conf).
    [[ -f "${ZOOLENS_NGINX_MODULES_DIR:-/usr/lib/nginx/modules}/ngx_http_lua_module.so" ]] ||
        missing+=(libnginx-mod-http-lua)
    if ((${#missing[@]})); then
        mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
        if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
            say "installing ${missing[*]} with apt-get"
            install_without_starting "${missing[@]}"
        else
            die "missing programs. Install them with:  sudo apt-get install ${missing[*]}"
        fi
    fi
    local java
    java="$(java_bin)" || die "Java 17 or newer is needed (e.g. sudo apt-get install openjdk-17-jre-headless)"
    local version
    version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }')"
    ((${version%%.*} >= 17)) || die "Java 17 or newer is needed; $java is $version"
}

# Debian starts a package's system service on installation (a system Redis on 6379, an Nginx on 80).
# This stack runs its own, so policy-rc.d tells the package scripts not to start anything.
install_without_starting() {
    local policy=/usr/sbin/policy-rc.d own_policy=0
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 0755 "$policy"
        own_policy=1
    fi
    local status=0
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@" >/dev/null || status=$?
    if ((own_policy)); then
        rm -f "$policy"
    fi
    ((status == 0)) || die "apt-get install $* failed"
}
