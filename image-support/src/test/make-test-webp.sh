#!/usr/bin/env bash
# Regenerates the WebP test images in src/test/resources/io/zoolens/image/.
# ImageIO has no WebP writer, so these few files are made once with libwebp's own tools
# (Debian package `webp`: cwebp, webpmux) and committed. They are our own generated images.
#
#   apt-get install -y webp && bash image-support/src/test/make-test-webp.sh
#
# Every image is 32x24 with four 16x12 quadrants: red top-left, green top-right,
# blue bottom-left, white bottom-right (alpha variant: the right half is fully transparent).
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)/resources/io/zoolens/image"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# pixel R G B A for (x, y)
pixel() {
    local x=$1 y=$2
    if ((y < 12)); then
        if ((x < 16)); then echo '\xff\x00\x00'; else echo '\x00\xff\x00'; fi
    else
        if ((x < 16)); then echo '\x00\x00\xff'; else echo '\xff\xff\xff'; fi
    fi
}

{
    printf 'P6\n32 24\n255\n'
    for ((y = 0; y < 24; y++)); do for ((x = 0; x < 32; x++)); do printf "$(pixel $x $y)"; done; done
} >"$work/quadrants.ppm"

{
    printf 'P7\nWIDTH 32\nHEIGHT 24\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n'
    for ((y = 0; y < 24; y++)); do for ((x = 0; x < 32; x++)); do
        if ((x < 16)); then printf '\xff\x00\x00\xff'; else printf '\x00\x00\x00\x00'; fi
    done; done
} >"$work/alpha.pam"

# A minimal big-endian TIFF/Exif block: one IFD0 entry, Orientation (0x0112) = 6 (rotate 90° clockwise).
printf 'MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00' \
    >"$work/orientation6.exif"

cwebp -quiet -lossless -exact "$work/quadrants.ppm" -o "$out/quadrants-lossless.webp"
cwebp -quiet -q 95 -sharp_yuv "$work/quadrants.ppm" -o "$out/quadrants-lossy.webp"
cwebp -quiet -lossless "$work/alpha.pam" -o "$out/alpha-lossless.webp"
cwebp -quiet -q 90 "$work/alpha.pam" -o "$out/alpha-lossy.webp"
webpmux -set exif "$work/orientation6.exif" "$out/quadrants-lossless.webp" -o "$out/quadrants-exif6.webp"
ls -l "$out"/*.webp
