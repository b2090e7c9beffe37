#!/usr/bin/env bash
# Renders the gateway's Nginx configuration into one folder, ready for
#   nginx -p <prefix>/ -c <output dir>/nginx.conf -e stderr -g 'daemon off;'
# The same script serves the gateway container (docker-entrypoint.sh), the native run
# (scripts/stack/up.sh) and the stack tests.
#
# Usage: gateway-nginx/render.sh <output dir>
#
# Reads the ZOOLENS_* variables below (docs/deploy.md has the table); envsubst replaces only those, so
# Nginx's own $variables stay. Copies nginx.conf and snippets/, renders every *.template, adds the
# system's mime.types, and generates a self-signed certificate when ZOOLENS_TLS_CERT/KEY are not set.
set -euo pipefail

source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out_dir="${1:?usage: render.sh <output dir>}"

fail() {
    echo "render.sh: $*" >&2
    exit 1
}

# ---- settings and their defaults (the native run's; compose sets its own) -------------------------
: "${ZOOLENS_HTTP_PORT:=8080}"
: "${ZOOLENS_HTTPS_PORT:=8443}"
: "${ZOOLENS_PUBLIC_HTTPS_PORT:=$ZOOLENS_HTTPS_PORT}"
: "${ZOOLENS_PUBLIC_HOST:=localhost}"
: "${ZOOLENS_ALLOWED_HOSTS=localhost 127.0.0.1 [::1]}"
: "${ZOOLENS_API_UPSTREAMS:=127.0.0.1:8081 127.0.0.1:8091}"
: "${ZOOLENS_API_MAX_FAILS:=3}"
: "${ZOOLENS_API_FAIL_TIMEOUT:=10s}"
: "${ZOOLENS_SPA_UPSTREAM:=}"
: "${ZOOLENS_SPA_ROOT:=}"
: "${ZOOLENS_UPLOAD_MAX_BYTES:=10MB}"
: "${ZOOLENS_IMPORT_MAX_ARCHIVE_BYTES:=2GB}"
: "${ZOOLENS_AUTH_RATE_LIMIT:=5r/s}"
: "${ZOOLENS_AUTH_BURST:=20}"
: "${ZOOLENS_CONN_PER_ADDRESS:=100}"
: "${ZOOLENS_BODY_DEADLINE:=20}"
: "${ZOOLENS_BODY_MIN_RATE:=32768}"
: "${ZOOLENS_ACCESS_LOG:=/dev/stdout}"
: "${ZOOLENS_ACME_ROOT:=$out_dir/acme}"
: "${ZOOLENS_TLS_CERT:=}"
: "${ZOOLENS_TLS_KEY:=}"
: "${ZOOLENS_TLS_DIR:=$out_dir/tls}"
: "${ZOOLENS_TLS_SELF_SIGNED_NAMES:=${ZOOLENS_PUBLIC_HOST//[\[\]]/}}"
: "${ZOOLENS_NGINX_MODULES_DIR:=}"

is_port() { [[ "$1" =~ ^[0-9]+$ ]] && (("$1" > 0 && "$1" < 65536)); }
for name in ZOOLENS_HTTP_PORT ZOOLENS_HTTPS_PORT ZOOLENS_PUBLIC_HTTPS_PORT; do
    is_port "${!name}" || fail "$name must be a port number, not '${!name}'"
done
[[ "$ZOOLENS_AUTH_RATE_LIMIT" =~ ^[0-9]+r/[sm]$ ]] || fail "ZOOLENS_AUTH_RATE_LIMIT must look like 5r/s or 60r/m"
[[ "$ZOOLENS_AUTH_BURST" =~ ^[0-9]+$ ]] || fail "ZOOLENS_AUTH_BURST must be a number"
for name in ZOOLENS_CONN_PER_ADDRESS ZOOLENS_BODY_DEADLINE ZOOLENS_BODY_MIN_RATE; do
    [[ "${!name}" =~ ^[1-9][0-9]*$ ]] || fail "$name must be a whole number above 0, not '${!name}'"
done

# Host names: a DNS name, an IPv4 address or a bracketed IPv6 address, as they appear in a Host header.
is_host() { [[ "$1" =~ ^([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])$ ]]; }
is_host "$ZOOLENS_PUBLIC_HOST" || fail "ZOOLENS_PUBLIC_HOST must be a host name or address (IPv6 in brackets), not '$ZOOLENS_PUBLIC_HOST'"

# ---- derived values --------------------------------------------------------------------------------
# One `server` line per api replica; commas or spaces separate them.
ZOOLENS_API_SERVERS=""
for upstream in ${ZOOLENS_API_UPSTREAMS//,/ }; do
    [[ "$upstream" =~ ^[A-Za-z0-9._-]+:[0-9]+$ ]] || fail "ZOOLENS_API_UPSTREAMS: '$upstream' is not host:port"
    ZOOLENS_API_SERVERS+="    server $upstream max_fails=$ZOOLENS_API_MAX_FAILS fail_timeout=$ZOOLENS_API_FAIL_TIMEOUT;"$'\n'
done
[[ -n "$ZOOLENS_API_SERVERS" ]] || fail "ZOOLENS_API_UPSTREAMS is empty"
ZOOLENS_API_SERVERS="${ZOOLENS_API_SERVERS%$'\n'}"

# The names the gateway serves: the public host first, then the other allowed ones (commas or spaces).
# Any other Host gets 421 from the default servers.
ZOOLENS_SERVER_NAMES="$ZOOLENS_PUBLIC_HOST"
for allowed in ${ZOOLENS_ALLOWED_HOSTS//,/ }; do
    is_host "$allowed" || fail "ZOOLENS_ALLOWED_HOSTS: '$allowed' is not a host name or address"
    [[ " $ZOOLENS_SERVER_NAMES " == *" $allowed "* ]] || ZOOLENS_SERVER_NAMES+=" $allowed"
done

# Where redirects and the https-required problem send clients: the configured public host, never the
# request's Host header; the default port is left out.
if [[ "$ZOOLENS_PUBLIC_HTTPS_PORT" == 443 ]]; then
    ZOOLENS_PUBLIC_AUTHORITY="$ZOOLENS_PUBLIC_HOST"
else
    ZOOLENS_PUBLIC_AUTHORITY="$ZOOLENS_PUBLIC_HOST:$ZOOLENS_PUBLIC_HTTPS_PORT"
fi

# The body limit follows the services' upload limit, the same setting they read (a Spring size: 10MB = 10 MiB,
# a plain number = bytes), plus the 1 MiB they allow a form on top (web-support's UploadProperties.FORM_HEADROOM).
# Spring's units are binary like coreutils' IEC ones, so numfmt does the arithmetic; the pattern is Spring's syntax.
[[ "$ZOOLENS_UPLOAD_MAX_BYTES" =~ ^[0-9]+([KMGT]?B)?$ ]] ||
    fail "ZOOLENS_UPLOAD_MAX_BYTES must be bytes or a Spring size such as 10MB, not '$ZOOLENS_UPLOAD_MAX_BYTES'"
upload_bytes=$(numfmt --from=iec "${ZOOLENS_UPLOAD_MAX_BYTES%B}")
ZOOLENS_UPLOAD_BYTES=$upload_bytes
ZOOLENS_CLIENT_MAX_BODY_SIZE=$((upload_bytes + 1024 * 1024))
# An album import (POST /api/albums/import) is one ZIP as the raw body, limited by the api's
# zoolens.import.max-archive-bytes: the same setting, no form around it.
[[ "$ZOOLENS_IMPORT_MAX_ARCHIVE_BYTES" =~ ^[0-9]+([KMGT]?B)?$ ]] ||
    fail "ZOOLENS_IMPORT_MAX_ARCHIVE_BYTES must be bytes or a Spring size such as 2GB, not '$ZOOLENS_IMPORT_MAX_ARCHIVE_BYTES'"
ZOOLENS_IMPORT_BYTES=$(numfmt --from=iec "${ZOOLENS_IMPORT_MAX_ARCHIVE_BYTES%B}")
# Every other body (JSON, forms) is small: the api's own JSON limit is 64 KiB. Fixed, not a setting.
ZOOLENS_REQUEST_MAX_BYTES=$((1024 * 1024))

# 10485760 -> "10 MiB", 32768 -> "32 KiB", else bytes.
size_text() {
    if (($1 % (1024 * 1024) == 0)); then
        echo "$(($1 / 1024 / 1024)) MiB"
    elif (($1 % 1024 == 0)); then
        echo "$(($1 / 1024)) KiB"
    else
        echo "$1 bytes"
    fi
}
ZOOLENS_UPLOAD_LIMIT_TEXT="$(size_text "$upload_bytes")"
ZOOLENS_REQUEST_LIMIT_TEXT="$(size_text "$ZOOLENS_REQUEST_MAX_BYTES")"
ZOOLENS_IMPORT_LIMIT_TEXT="$(size_text "$ZOOLENS_IMPORT_BYTES")"
ZOOLENS_BODY_MIN_RATE_TEXT="$(size_text "$ZOOLENS_BODY_MIN_RATE")"

# OpenResty's Lua module (snippets/modules/lua.conf): Debian's libnginx-mod-http-lua, or ZOOLENS_NGINX_MODULES_DIR.
if [[ -z "$ZOOLENS_NGINX_MODULES_DIR" ]]; then
    for candidate in /usr/lib/nginx/modules /usr/lib64/nginx/modules /usr/local/lib/nginx/modules /etc/nginx/modules; do
        if [[ -f "$candidate/ngx_http_lua_module.so" ]]; then
            ZOOLENS_NGINX_MODULES_DIR="$candidate"
            break
        fi
    done
fi
[[ -f "$ZOOLENS_NGINX_MODULES_DIR/ngx_http_lua_module.so" && -f "$ZOOLENS_NGINX_MODULES_DIR/ndk_http_module.so" ]] ||
    fail "Nginx's Lua module is missing (Debian: apt-get install libnginx-mod-http-lua; or set ZOOLENS_NGINX_MODULES_DIR)"

# The SPA: proxied to the frontend container when an upstream is named, else served from disk.
if [[ -n "$ZOOLENS_SPA_UPSTREAM" ]]; then
    [[ "$ZOOLENS_SPA_UPSTREAM" =~ ^[A-Za-z0-9._-]+:[0-9]+$ ]] || fail "ZOOLENS_SPA_UPSTREAM must be host:port"
    ZOOLENS_SPA_MODE="frontend-proxy"
else
    [[ -n "$ZOOLENS_SPA_ROOT" ]] || fail "set ZOOLENS_SPA_ROOT (the built SPA, frontend/dist) or ZOOLENS_SPA_UPSTREAM"
    [[ -f "$ZOOLENS_SPA_ROOT/index.html" ]] || fail "no index.html in ZOOLENS_SPA_ROOT=$ZOOLENS_SPA_ROOT (build the frontend)"
    ZOOLENS_SPA_ROOT="$(cd "$ZOOLENS_SPA_ROOT" && pwd)"
    ZOOLENS_SPA_MODE="static"
fi

# ---- TLS: the given pair, or a self-signed one generated once ----------------------------------------
if [[ -n "$ZOOLENS_TLS_CERT" || -n "$ZOOLENS_TLS_KEY" ]]; then
    [[ -n "$ZOOLENS_TLS_CERT" && -n "$ZOOLENS_TLS_KEY" ]] || fail "set both ZOOLENS_TLS_CERT and ZOOLENS_TLS_KEY, or neither"
    [[ -r "$ZOOLENS_TLS_CERT" ]] || fail "cannot read ZOOLENS_TLS_CERT=$ZOOLENS_TLS_CERT"
    [[ -r "$ZOOLENS_TLS_KEY" ]] || fail "cannot read ZOOLENS_TLS_KEY=$ZOOLENS_TLS_KEY"
else
    ZOOLENS_TLS_CERT="$ZOOLENS_TLS_DIR/fullchain.pem"
    ZOOLENS_TLS_KEY="$ZOOLENS_TLS_DIR/privkey.pem"
    if [[ ! -s "$ZOOLENS_TLS_CERT" || ! -s "$ZOOLENS_TLS_KEY" ]]; then
        command -v openssl >/dev/null || fail "openssl is needed to generate a self-signed certificate"
        mkdir -p "$ZOOLENS_TLS_DIR"
        san=""
        for tls_name in ${ZOOLENS_TLS_SELF_SIGNED_NAMES//,/ } 127.0.0.1 ::1; do
            if [[ "$tls_name" =~ ^[0-9.]+$ || "$tls_name" == *:* ]]; then
                san+="IP:$tls_name,"
            else
                san+="DNS:$tls_name,"
            fi
        done
        first_name="${ZOOLENS_TLS_SELF_SIGNED_NAMES%%[ ,]*}"
        # Written beside the target, then renamed: a crash never leaves half a pair.
        (
            umask 077
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
                -subj "/CN=${first_name}/O=Zoolens self-signed" -addext "subjectAltName=${san%,}" \
                -keyout "$ZOOLENS_TLS_DIR/.privkey.pem.tmp" -out "$ZOOLENS_TLS_DIR/.fullchain.pem.tmp" 2>/dev/null
        ) || fail "openssl could not generate a certificate in $ZOOLENS_TLS_DIR"
        chmod 0644 "$ZOOLENS_TLS_DIR/.fullchain.pem.tmp"
        mv "$ZOOLENS_TLS_DIR/.privkey.pem.tmp" "$ZOOLENS_TLS_KEY"
        mv "$ZOOLENS_TLS_DIR/.fullchain.pem.tmp" "$ZOOLENS_TLS_CERT"
        echo "render.sh: generated a self-signed certificate for ${ZOOLENS_TLS_SELF_SIGNED_NAMES} in $ZOOLENS_TLS_DIR" >&2
    fi
fi

# ---- render -----------------------------------------------------------------------------------------
variables=(ZOOLENS_HTTP_PORT ZOOLENS_HTTPS_PORT ZOOLENS_PUBLIC_HTTPS_PORT ZOOLENS_PUBLIC_AUTHORITY ZOOLENS_SERVER_NAMES
    ZOOLENS_API_SERVERS ZOOLENS_SPA_MODE ZOOLENS_SPA_ROOT ZOOLENS_SPA_UPSTREAM
    ZOOLENS_CLIENT_MAX_BODY_SIZE ZOOLENS_UPLOAD_BYTES ZOOLENS_UPLOAD_LIMIT_TEXT ZOOLENS_REQUEST_MAX_BYTES
    ZOOLENS_IMPORT_BYTES ZOOLENS_IMPORT_LIMIT_TEXT
    ZOOLENS_REQUEST_LIMIT_TEXT ZOOLENS_AUTH_RATE_LIMIT ZOOLENS_AUTH_BURST ZOOLENS_CONN_PER_ADDRESS
    ZOOLENS_BODY_DEADLINE ZOOLENS_BODY_MIN_RATE ZOOLENS_BODY_MIN_RATE_TEXT ZOOLENS_NGINX_MODULES_DIR
    ZOOLENS_ACCESS_LOG ZOOLENS_ACME_ROOT ZOOLENS_TLS_CERT ZOOLENS_TLS_KEY)
shell_format=""
for name in "${variables[@]}"; do
    export "${name?}"
    shell_format+="\${$name} "
done

mime_types=""
for candidate in "${NGINX_MIME_TYPES:-}" /etc/nginx/mime.types /usr/local/etc/nginx/mime.types /opt/homebrew/etc/nginx/mime.types; do
    if [[ -n "$candidate" && -f "$candidate" ]]; then
        mime_types="$candidate"
        break
    fi
done
[[ -n "$mime_types" ]] || fail "no mime.types found (install nginx, or set NGINX_MIME_TYPES)"
command -v envsubst >/dev/null || fail "envsubst is missing (Debian package gettext-base)"

mkdir -p "$out_dir" "$ZOOLENS_ACME_ROOT"
# Rendered into a fresh folder, then swapped in, so a running Nginx never reloads a half-written set.
staging="$(mktemp -d "$out_dir/.render-XXXXXX")"
trap 'rm -rf "$staging"' EXIT
cp "$source_dir/nginx.conf" "$staging/nginx.conf"
cp "$mime_types" "$staging/mime.types"
cp -R "$source_dir/snippets" "$source_dir/conf.d" "$staging/"
while IFS= read -r -d '' template; do
    envsubst "$shell_format" <"$template" >"${template%.template}"
    rm "$template"
done < <(find "$staging" -name '*.template' -print0)

leftover="$(grep -rhoE '\$\{?ZOOLENS_[A-Z0-9_]+' "$staging" | sort -u | tr '\n' ' ' || true)"
[[ -z "$leftover" ]] || fail "templates use variables render.sh does not know: $leftover"

for entry in nginx.conf mime.types snippets conf.d; do
    rm -rf "${out_dir:?}/$entry"
    mv "$staging/$entry" "$out_dir/$entry"
done
echo "render.sh: rendered $out_dir/nginx.conf (https://${ZOOLENS_PUBLIC_AUTHORITY}/; API ${ZOOLENS_API_UPSTREAMS}; SPA ${ZOOLENS_SPA_MODE}: ${ZOOLENS_SPA_UPSTREAM:-$ZOOLENS_SPA_ROOT})" >&2
