#!/usr/bin/env bash
# Makes sure everything the build, the tests and the native stack need is installed: the stack's programs
# (Redis, Nginx, OpenSSL, envsubst, curl, Java 17+), libturbojpeg0 for the classifier's scaled JPEG decoding,
# Chromium for the browser tests and Fashion-MNIST for model-training's accuracy test. As root, installs
# missing Debian packages without starting their system services (idempotent); otherwise prints the
# apt-get command to run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/stack/lib.sh"

ensure_programs chromium=chromium chromedriver=chromium-driver
# model-training's accuracy test reads Debian's Fashion-MNIST (docs/custom-models.md); it is skipped without it.
if [[ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        say "installing dataset-fashion-mnist with apt-get"
        install_without_starting dataset-fashion-mnist
    else
        say "model-training's accuracy test needs:  sudo apt-get install dataset-fashion-mnist"
    fi
fi
# The classifier decodes large JPEGs at 1/2..1/8 scale with libjpeg-turbo (docs/image-decoding.md); without the
# library it decodes them in full with ImageIO, several times slower, and image-turbojpeg's tests fail.
if ! ldconfig -p 2>/dev/null | grep -q 'libturbojpeg\.so\.0'; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        say "installing libturbojpeg0 with apt-get"
        install_without_starting libturbojpeg0
    else
        say "the classifier's scaled JPEG decoding needs:  sudo apt-get install libturbojpeg0"
    fi
fi
for tool in node npm; do
    command -v "$tool" >/dev/null || die "$tool is needed (Node.js 20 or newer with npm)"
done
