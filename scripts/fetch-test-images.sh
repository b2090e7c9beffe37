#!/usr/bin/env bash
# Fetches a few well-known photos for tests from Debian packages (no internet besides the Debian mirror):
#   chelsea.png (cat), astronaut.png (person), rocket.jpg, coffee.png  <- python3-skimage
#   flower.jpg                                                          <- python3-sklearn
#   grace_hopper.jpg (face)                                             <- python-matplotlib-data
# Then makes phone-sized inputs from them into <dir>/large (scripts/LargeTestImages.java, deterministic):
#   *-12mp.jpg (4032x3024, 2-4 MB), grace_hopper-12mp-exif6.jpg (stored sideways, EXIF orientation 6),
#   astronaut-48mp.jpg (8000x6000), screenshot.png (2560x1440)
# Usage: scripts/fetch-test-images.sh [dir]   (default: <repo>/.cache/test-images, git-ignored)
# Idempotent: does nothing when every image is already there. Needs apt-get and dpkg, and Java 21+ for the large ones.
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="${1:-$repo_dir/.cache/test-images}"

# image name -> path inside its package
declare -A image_paths=(
    [chelsea.png]=usr/lib/python3/dist-packages/skimage/data/chelsea.png
    [astronaut.png]=usr/lib/python3/dist-packages/skimage/data/astronaut.png
    [rocket.jpg]=usr/lib/python3/dist-packages/skimage/data/rocket.jpg
    [coffee.png]=usr/lib/python3/dist-packages/skimage/data/coffee.png
    [flower.jpg]=usr/lib/python3/dist-packages/sklearn/datasets/images/flower.jpg
    [grace_hopper.jpg]=usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg
)
packages=(python3-skimage python3-sklearn python-matplotlib-data)

large_images=(chelsea-12mp.jpg coffee-12mp.jpg flower-12mp.jpg rocket-12mp.jpg grace_hopper-12mp-exif6.jpg
    astronaut-48mp.jpg screenshot.png)

make_large_images() {
    local image java
    for image in "${large_images[@]}"; do
        if [[ ! -s "$target_dir/large/$image" ]]; then
            java="$(source "$repo_dir/scripts/stack/lib.sh" && java_bin)"
            # single-file source launch: nothing to build; about a minute on two cores
            "$java" "$repo_dir/scripts/LargeTestImages.java" "$target_dir" "$target_dir/large"
            return
        fi
    done
}

missing=0
for image in "${!image_paths[@]}"; do
    [[ -s "$target_dir/$image" ]] || missing=1
done
if [[ $missing -eq 0 ]]; then
    make_large_images
    echo "Test images already present in $target_dir"
    exit 0
fi

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT
# apt-get download drops privileges to _apt when it can; let it write here to avoid a warning as root.
chmod 0777 "$work_dir"

(cd "$work_dir" && apt-get download -q "${packages[@]}" >/dev/null)
for deb in "$work_dir"/*.deb; do
    dpkg -x "$deb" "$work_dir/root"
done

mkdir -p "$target_dir"
for image in "${!image_paths[@]}"; do
    source_file="$work_dir/root/${image_paths[$image]}"
    if [[ ! -s "$source_file" ]]; then
        echo "error: $image not found at ${image_paths[$image]} in ${packages[*]}" >&2
        exit 1
    fi
    # copy then rename, so a reader never sees a half-written image
    cp "$source_file" "$target_dir/.$image.tmp"
    mv "$target_dir/.$image.tmp" "$target_dir/$image"
done
make_large_images
echo "Test images written to $target_dir"
