#!/usr/bin/env bash
# What the gateway costs per upload (issue 16): the same multipart upload posted (a) straight to an upstream
# over plain HTTP and (b) through the rendered gateway over TLS, at concurrency 1 (latency) and 16 (throughput),
# for a small photo and the 12 MP ones. The upstream is a stub Nginx that reads the body and answers 200, so the
# difference is the gateway alone: a real api replica spends 0.3-0.5 s of CPU classifying a 12 MP photo, which
# would bury a few milliseconds on a shared machine. Also counted: the gateway's CPU time per upload (its
# processes' utime+stime, less noisy than latency) and how many bodies it buffered to a temporary file.
#
# Usage: bench/gateway-cost.sh [label=gateway-dir ...]    (default: current=gateway-nginx)
#   Several variants are measured in turns, round after round, so machine noise hits them alike, e.g.
#   git archive main gateway-nginx | tar -x -C /tmp/before && bench/gateway-cost.sh before=/tmp/before/gateway-nginx after=gateway-nginx
# Settings (environment): GATEWAY_COST_ROUNDS (3), GATEWAY_COST_C1 (uploads at c1 per photo, 20),
#   GATEWAY_COST_C16 (uploads at c16, 96), GATEWAY_COST_HTTP_PORT / GATEWAY_COST_HTTPS_PORT /
#   GATEWAY_COST_STUB_PORT (free ports when unset). Needs nginx with the Lua module, curl, openssl, envsubst; prints
#   a Markdown table. bench/run.sh full and smoke (make bench, make bench-smoke) run it first.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${GATEWAY_COST_ROUNDS:-3}"
c1_uploads="${GATEWAY_COST_C1:-20}"
c16_uploads="${GATEWAY_COST_C16:-96}"
# A port nothing listens on, from the range the kernel does not hand out to clients.
free_port() {
    local port
    while true; do
        port=$((20000 + RANDOM % 12000))
        (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}
http_port="${GATEWAY_COST_HTTP_PORT:-$(free_port)}"
https_port="${GATEWAY_COST_HTTPS_PORT:-$(free_port)}"
stub_port="${GATEWAY_COST_STUB_PORT:-$(free_port)}"
work="${GATEWAY_COST_WORK:-$repo/target/bench/gateway-cost}"
small="$repo/.cache/test-images/grace_hopper.jpg"
large=("$repo"/.cache/test-images/large/*-12mp*.jpg)
[[ -f "$small" && -f "${large[0]}" ]] || { echo "gateway-cost.sh: run 'make test-images' first" >&2; exit 1; }

variants=("$@")
((${#variants[@]})) || variants=("current=$repo/gateway-nginx")

rm -rf "$work"
mkdir -p "$work/stub" "$work/spa"
echo '<!doctype html>' >"$work/spa/index.html"
hz=$(getconf CLK_TCK)

# The stub upstream: reads each body (and drops it) and answers a small JSON, keep-alive on.
cat >"$work/stub/nginx.conf" <<EOF
worker_processes 1;
pid nginx.pid;
error_log stderr error;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path client_body_temp;
    server {
        listen 127.0.0.1:$stub_port;
        keepalive_requests 100000;
        location / { client_max_body_size 0; default_type application/json; return 200 '{"ok":true}'; }
    }
}
EOF
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT
nginx -p "$work/stub/" -c "$work/stub/nginx.conf" -e stderr -g 'daemon off;' 2>>"$work/stub/error.log" &
pids+=($!)

# CPU seconds (ticks) used so far by an Nginx master and its workers.
cpu_ticks() {
    local total=0 pid
    for pid in $1 $(pgrep -P "$1" || true); do
        read -r -a stat <"/proc/$pid/stat" || continue
        total=$((total + stat[13] + stat[14]))
    done
    echo "$total"
}

# Peak resident memory (VmHWM) of an Nginx master's workers, summed, in MiB.
peak_rss() {
    local kib=0 pid value
    for pid in $(pgrep -P "$1" || true); do
        value=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
        kib=$((kib + ${value:-0}))
    done
    awk -v k="$kib" 'BEGIN { printf "%.0f", k / 1024 }'
}

# p50 / p95 of the numbers on stdin (seconds) as "p50 p95" in milliseconds.
percentiles() {
    sort -g | awk '{ v[NR] = $1 } END { i50 = int(NR * 0.50 + 0.5); i95 = int(NR * 0.95 + 0.5); if (i50 < 1) i50 = 1;
        if (i95 < 1) i95 = 1; printf "%.1f %.1f", v[i50] * 1000, v[i95] * 1000 }'
}

# A curl config: COUNT uploads of PHOTO to URL, each as the SPA posts it (multipart "image"), all options per
# upload (curl's `next` resets them), answers dropped, one "seconds handshake-seconds status" line per upload.
upload_config() {
    local url="$1" photo="$2" count="$3" protocol="${4:-http1.1}" i
    for ((i = 0; i < count; i++)); do
        printf 'url = "%s"\nform = "image=@%s;type=image/jpeg"\noutput = "/dev/null"\n%s\ncacert = "%s"\n' \
            "$url" "${photo:-${large[i % ${#large[@]}]}}" "$protocol" "$work/gateway/tls/fullchain.pem"
        printf 'resolve = "localhost:%s:127.0.0.1"\nwrite-out = "%%{time_total} %%{time_appconnect} %%{http_code}\\n"\nnext\n' "$https_port"
    done >"$work/urls"
    sed -i '$d' "$work/urls" # no `next` after the last upload
}

# One measurement: prints "p50 p95 handshake-ms" for c1 keep-alive (first upload, with the handshake, left out),
# over HTTP/1.1 unless a third argument says http2 (what browsers speak to the gateway).
latency() {
    local url="$1" photo="$2" out
    upload_config "$url" "$photo" "$((c1_uploads + 1))" "${3:-http1.1}"
    out=$(curl -sS -K "$work/urls")
    if grep -qv ' 200$' <<<"$out"; then echo "gateway-cost.sh: a request failed: $(grep -v ' 200$' <<<"$out" | head -1)" >&2; exit 1; fi
    echo "$(tail -n +2 <<<"$out" | cut -d' ' -f1 | percentiles) $(head -1 <<<"$out" | awk '{ printf "%.1f", $2 * 1000 }')"
}

# Uploads per second at concurrency 16 (16 keep-alive connections), all large photos in turn.
throughput() {
    local url="$1" start end
    upload_config "$url" "" "$c16_uploads"
    start=$(date +%s.%N)
    curl -sS -Z --parallel-max 16 -K "$work/urls" >"$work/codes" 2>/dev/null || true
    end=$(date +%s.%N)
    [[ "$(grep -c ' 200$' "$work/codes")" == "$c16_uploads" ]] ||
        { echo "gateway-cost.sh: $(grep -vc ' 200$' "$work/codes") of $c16_uploads uploads failed at c16" >&2; exit 1; }
    awk -v n="$c16_uploads" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", n / (e - s) }'
}

direct="http://127.0.0.1:$stub_port/api/classifications"
gateway="https://localhost:$https_port/api/classifications"
echo "| round | variant | path | small c1 p50/p95 ms | 12 MP c1 p50/p95 ms | 12 MP c1 HTTP/2 p50/p95 ms | TLS handshake ms | 12 MP c16 uploads/s | gateway CPU ms per 12 MP upload (c16) | workers' peak RSS MiB | bodies to temp file |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for ((round = 1; round <= rounds; round++)); do
    for variant in "${variants[@]}"; do
        label="${variant%%=*}"
        source_dir="${variant#*=}"
        rm -rf "$work/gateway"
        mkdir -p "$work/gateway"
        ZOOLENS_HTTP_PORT="$http_port" ZOOLENS_HTTPS_PORT="$https_port" ZOOLENS_API_UPSTREAMS="127.0.0.1:$stub_port" \
            ZOOLENS_SPA_ROOT="$work/spa" ZOOLENS_ACCESS_LOG="$work/gateway/access.log" \
            "$source_dir/render.sh" "$work/gateway" 2>/dev/null
        nginx -p "$work/gateway/" -c "$work/gateway/nginx.conf" -e stderr -g 'daemon off;' 2>"$work/gateway/error.log" &
        gateway_pid=$!
        pids+=("$gateway_pid")
        until curl -sf -o /dev/null "http://127.0.0.1:$http_port/healthz"; do sleep 0.1; done

        # The direct row once per round (it does not depend on the variant), then the gateway's.
        if [[ "$variant" == "${variants[0]}" ]]; then
            read -r s50 s95 _ < <(latency "$direct" "$small")
            read -r l50 l95 _ < <(latency "$direct" "${large[0]}")
            rate=$(throughput "$direct")
            echo "| $round | – | direct HTTP | $s50 / $s95 | $l50 / $l95 | – | – | $rate | – | – | – |"
        fi
        read -r s50 s95 _ < <(latency "$gateway" "$small")
        read -r l50 l95 handshake < <(latency "$gateway" "${large[0]}")
        read -r h50 h95 _ < <(latency "$gateway" "${large[0]}" http2)
        before=$(cpu_ticks "$gateway_pid")
        rate=$(throughput "$gateway")
        after=$(cpu_ticks "$gateway_pid")
        cpu=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$c16_uploads" 'BEGIN { printf "%.2f", t * 1000 / hz / n }')
        uploads_done=$((3 * (c1_uploads + 1) + c16_uploads))
        spooled=$(grep -c 'buffered to a temporary file' "$work/gateway/error.log" || true)
        echo "| $round | $label | gateway TLS | $s50 / $s95 | $l50 / $l95 | $h50 / $h95 | $handshake | $rate | $cpu | $(peak_rss "$gateway_pid") | $spooled of $uploads_done |"

        kill "$gateway_pid"
        wait "$gateway_pid" 2>/dev/null || true
    done
done
echo
echo "Load: $(uptime | sed 's/.*load average/load average/'); $(nproc) cores; nginx $(nginx -v 2>&1 | sed 's/.*\///')"
