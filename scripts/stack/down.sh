#!/usr/bin/env bash
# Stops the native stack (`make down`): exactly the processes up.sh started, found by their pid files
# under var/run (pid and start time must both match), gateway first, databases last. Data stays.
#
# Usage: scripts/stack/down.sh [service...]   e.g. down.sh api-2 stops one api replica only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Seconds a service gets to finish in-flight work (Spring's graceful shutdown, Redis' AOF flush).
: "${ZOOLENS_STOP_TIMEOUT:=30}"

stop_service() {
    local name="$1" pid signal=TERM
    local file
    file="$(pid_file "$name")"
    if ! pid="$(running_pid "$name")"; then
        if [[ -f "$file" ]]; then
            rm -f "$file"
            say "$name was not running"
        fi
        return 0
    fi
    # QUIT lets Nginx finish the requests in flight; the JVMs and Redis shut down gracefully on TERM.
    [[ "$name" == gateway ]] && signal=QUIT
    kill -s "$signal" "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + ZOOLENS_STOP_TIMEOUT))
    while [[ "$(process_start_time "$pid" 2>/dev/null)" != "" ]] && ((SECONDS < deadline)); do
        sleep 0.2
    done
    if [[ -n "$(process_start_time "$pid" 2>/dev/null)" ]]; then
        say "$name (pid $pid) did not stop within ${ZOOLENS_STOP_TIMEOUT}s; killing it"
        kill -s KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
    say "stopped $name (pid $pid)"
}

if (($#)); then
    names=("$@")
else
    # Every service with a pid file, in reverse start order (also replicas from an earlier, larger run).
    mapfile -t names < <(
        {
            echo gateway
            find "$run_dir" -maxdepth 1 -name 'api-*.pid' -printf '%f\n' 2>/dev/null | sed 's/\.pid$//' | sort -r
            echo classifier redis mongo | tr ' ' '\n'
        }
    )
fi
for name in "${names[@]}"; do
    stop_service "$name"
done
