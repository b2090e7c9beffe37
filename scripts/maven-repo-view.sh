#!/usr/bin/env bash
# Makes DIR a local Maven repository that shares every artifact of your own local repository except
# Zoolens's (io/zoolens). A build given -Dmaven.repo.local=DIR finds third-party artifacts as usual (offline
# too) but no io.zoolens artifact installed by an earlier build, as on a machine that never built Zoolens, and
# what it installs stays in DIR. `make bench-inference` and the image build check (ImageBuildIT) use it.
#
# Usage: scripts/maven-repo-view.sh DIR
#   DIR is emptied first. It holds symbolic links into the shared repository (so artifacts downloaded for a
#   group that is already there land in the shared repository) and a real io/ folder without zoolens.
#   ZOOLENS_MAVEN_REPO   the repository to share (default ~/.m2/repository)
set -euo pipefail

view="${1:?usage: scripts/maven-repo-view.sh DIR}"
shared="${ZOOLENS_MAVEN_REPO:-$HOME/.m2/repository}"
mkdir -p "$shared"
view_abs="$(realpath -m "$view")"
shared_abs="$(realpath "$shared")"
# DIR is deleted below: never the shared repository or a folder holding it.
if [[ "$view_abs" == / || "$shared_abs/" == "$view_abs/"* ]]; then
    echo "error: $view would delete $shared" >&2
    exit 2
fi

# rm removes the links in DIR, never what they point to.
rm -rf "$view_abs"
mkdir -p "$view_abs/io"
shopt -s nullglob dotglob
for entry in "$shared_abs"/*; do
    [[ "${entry##*/}" == io ]] || ln -s "$entry" "$view_abs/${entry##*/}"
done
for entry in "$shared_abs"/io/*; do
    [[ "${entry##*/}" == zoolens ]] || ln -s "$entry" "$view_abs/io/${entry##*/}"
done
