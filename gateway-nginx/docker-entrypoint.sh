#!/usr/bin/env bash
# The gateway container's entry point: renders the configuration from the environment (render.sh, the same
# script as the native run), checks it, then runs Nginx in the foreground in the shell's place (exec), so
# Nginx receives the container's stop signal.
set -euo pipefail

prefix=/var/lib/gateway
/opt/zoolens/gateway-nginx/render.sh "$prefix/conf"
nginx -q -t -p "$prefix/" -c "$prefix/conf/nginx.conf" -e stderr
exec nginx -p "$prefix/" -c "$prefix/conf/nginx.conf" -e stderr -g 'daemon off;'
