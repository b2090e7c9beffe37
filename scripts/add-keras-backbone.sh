#!/usr/bin/env bash
# Adds an ImageNet feature extractor from Keras as a backbone for custom models (docs/custom-models.md):
# exports keras.applications.<architecture>(include_top=False, pooling='avg', weights='imagenet') as a SavedModel
# with its weights in variables/, and writes it with a zoolens-model.json of task `embedding` into
# <models dir>/<name>/1. The classifier serves it as an embedding model, and freezes its variables into
# constants when a custom model is trained on it (VariableFreezer, model-training).
#
# Needs internet (the TensorFlow image and the Keras weights) and Docker, or --python with a local Python that
# has TensorFlow 2.15 or older (Keras 2: the export runs in graph mode, which Keras 3 no longer offers).
# NOT RUN on the machine this project is developed on (no Docker, no PyPI, no model hub there): everything after
# the export — freezing, training, composing, serving — is tested (VariableBackboneIT).
#
# Usage: scripts/add-keras-backbone.sh [MobileNetV3Large|EfficientNetB0] [name] [--models-dir DIR] [--python]
#   default: MobileNetV3Large as "keras-mobilenet-v3-large" into <repo>/models
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
architecture=MobileNetV3Large
name=
models_dir="$repo_dir/models"
use_python=false
positional=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --models-dir) models_dir="$2"; shift 2 ;;
        --python) use_python=true; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) positional+=("$1"); shift ;;
    esac
done
[[ ${#positional[@]} -ge 1 ]] && architecture="${positional[0]}"
[[ ${#positional[@]} -ge 2 ]] && name="${positional[1]}"
case "$architecture" in
    MobileNetV3Large) name="${name:-keras-mobilenet-v3-large}"; description="Keras MobileNetV3Large, ImageNet, average-pooled (960 values)" ;;
    EfficientNetB0) name="${name:-keras-efficientnet-b0}"; description="Keras EfficientNetB0, ImageNet, average-pooled (1280 values)" ;;
    *) echo "error: unknown architecture $architecture (MobileNetV3Large or EfficientNetB0)" >&2; exit 2 ;;
esac
target="$models_dir/$name/1"
if [[ -e "$target" ]]; then
    echo "error: $target already exists" >&2
    exit 1
fi

# The whole Python part: build the model in graph mode (so the SavedModel is one flat graph of variables and
# ops, which the freezer handles; a tf.function export is not), inference mode, and save it.
# shellcheck disable=SC2016
export_py='
import sys, tensorflow as tf
tf.compat.v1.disable_eager_execution()
tf.keras.backend.set_learning_phase(0)
m = getattr(tf.keras.applications, sys.argv[1])(input_shape=(224, 224, 3), include_top=False, pooling="avg", weights="imagenet")
tf.compat.v1.saved_model.simple_save(tf.compat.v1.keras.backend.get_session(), sys.argv[2], {"images": m.input}, {"embedding": m.output})
'

mkdir -p "$models_dir/$name"
stage="$(mktemp -d "$models_dir/$name/.1.adding-XXXXXX")"
trap 'rm -rf "$stage"' EXIT
if $use_python; then
    python3 -c "$export_py" "$architecture" "$stage/export"
else
    docker run --rm -u "$(id -u):$(id -g)" -e HOME=/tmp -v "$stage:/out" tensorflow/tensorflow:2.15.0 \
        python -c "$export_py" "$architecture" /out/export
fi

# Both models rescale inside the graph (MobileNetV3: include_preprocessing; EfficientNet: Rescaling and
# Normalization layers), so they take RGB pixels in 0..255 as they are.
cat > "$stage/export/zoolens-model.json" <<JSON
{
  "name": "$name",
  "version": "1",
  "task": "embedding",
  "description": "$description",
  "input": {"tensor": "images", "width": 224, "height": 224, "layout": "nhwc", "resize": "center-crop",
            "valueRange": [0, 255], "mean": [0], "std": [1]},
  "outputs": {"embedding": "embedding"},
  "source": {"origin": "keras.applications.$architecture(weights='imagenet')"}
}
JSON
chmod -R a+rX "$stage/export"
mv "$stage/export" "$target"
echo "Added $target; train on it with POST /api/custom-models {\"name\": …, \"albumIds\": […], \"backbone\": \"$name\"}"
