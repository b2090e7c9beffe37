#!/usr/bin/env bash
# Makes sure the programs the native stack needs are there: redis-server, redis-cli, nginx, openssl, envsubst,
# curl and Java 17+. As root, installs the missing Debian packages (without starting their system services);
# otherwise prints the apt-get command. up.sh does the same first; `make stack-test` calls this before the
# gateway configuration tests, which render and check the configuration without a stack.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_programs
