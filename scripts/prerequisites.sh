#!/usr/bin/env bash
# Makes sure the programs the build, the tests and the native stack need are installed.
# Installs missing Debian packages when run as root (idempotent); otherwise says what to install.
set -euo pipefail

packages=(redis-server nginx chromium chromium-driver openssl curl)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "Installing ${missing[*]} ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

for tool in java node npm; do
  command -v "$tool" >/dev/null || { echo "$tool is required (Java 17+, Node 20+)" >&2; exit 1; }
done
