#!/usr/bin/env bash
# Makes sure everything the build, the tests and the native stack need is installed: the stack's programs
# (Redis, Nginx, OpenSSL, envsubst, curl, Java 17+) and Chromium for the browser tests. As root, installs
# missing Debian packages without starting their system services (idempotent); otherwise prints the
# apt-get command to run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/stack/lib.sh"

ensure_programs chromium=chromium chromedriver=chromium-driver
for tool in node npm; do
    command -v "$tool" >/dev/null || die "$tool is needed (Node.js 20 or newer with npm)"
done
