#!/usr/bin/env bash
# Shows the native stack's services (`make status`): pid, port and whether each answers its health check.
# Exits 0 when every service is running and healthy, 1 otherwise.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

healthy=1
row() {
    printf '%-11s %-8s %-7s %s\n' "$@"
}

check() {
    local name="$1" port="$2" probe="$3" pid state
    if pid="$(running_pid "$name")"; then
        if eval "$probe" >/dev/null 2>&1; then
            state="ready"
        else
            state="starting or unhealthy"
            healthy=0
        fi
    else
        pid="-"
        state="stopped"
        healthy=0
    fi
    row "$name" "$pid" "$port" "$state"
}

row SERVICE PID PORT STATE
check mongo "$ZOOLENS_MONGO_PORT" "port_open $internal_host $ZOOLENS_MONGO_PORT"
check redis "$ZOOLENS_REDIS_PORT" \
    "REDISCLI_AUTH=\$(redis_password) redis-cli -h $internal_host -p $ZOOLENS_REDIS_PORT ping | grep -q PONG"
check classifier "$ZOOLENS_CLASSIFIER_PORT" \
    "http_ok http://$internal_host:$ZOOLENS_CLASSIFIER_PORT/actuator/health/readiness"
for ((i = 0; i < ${#api_ports[@]}; i++)); do
    check "api-$((i + 1))" "${api_ports[$i]}" "http_ok http://$internal_host:${api_ports[$i]}/actuator/health/readiness"
done
check gateway "$ZOOLENS_HTTPS_PORT" "http_ok -k https://$internal_host:$ZOOLENS_HTTPS_PORT/healthz"
echo
echo "URL:  https://localhost:$ZOOLENS_HTTPS_PORT/    logs: $log_dir"
((healthy)) || exit 1
