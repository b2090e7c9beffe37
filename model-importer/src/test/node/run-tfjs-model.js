#!/usr/bin/env node
// Runs a TensorFlow.js graph model with the pure-JavaScript CPU backend and writes its outputs, so the
// SavedModel produced by the Zoolens importer can be compared with the original (TfjsGoldenIT).
//
// Usage: node run-tfjs-model.js <model.json> <request.json> <response.json>
//   request:  {"outputs": ["name", ...],
//              "runs": [{"inputs": {"name": {"shape": [1, 512, 512, 3], "file": "input.f32"}}}, ...]}
//             each input file holds float32 values, little-endian, row-major
//   response: {"tfjsVersion": "...", "backend": "cpu", "loadMillis": n,
//              "runs": [{"millis": n, "outputs": {"name": {"shape": [...], "values": [...]}}}, ...]}
'use strict';

const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const { loadGraphModel } = require('@tensorflow/tfjs-converter');

/** Loads model.json and its shards from disk: tfjs-core alone has no file:// handler. */
function fileHandler(modelJsonPath) {
  return {
    load: async () => {
      const modelJson = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8'));
      const dir = path.dirname(modelJsonPath);
      const weightSpecs = [];
      const shards = [];
      for (const group of modelJson.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const shard of group.paths) shards.push(fs.readFileSync(path.join(dir, shard)));
      }
      const weights = Buffer.concat(shards);
      return {
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        signature: modelJson.signature,
        userDefinedMetadata: modelJson.userDefinedMetadata,
        modelInitializer: modelJson.modelInitializer,
        weightSpecs,
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      };
    },
  };
}

function readInput(spec, requestDir) {
  const bytes = fs.readFileSync(path.resolve(requestDir, spec.file));
  const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return tf.tensor(Float32Array.from(values), spec.shape, 'float32');
}

async function main() {
  const [modelJsonPath, requestPath, responsePath] = process.argv.slice(2);
  if (!responsePath) {
    console.error('usage: node run-tfjs-model.js <model.json> <request.json> <response.json>');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  const request = JSON.parse(fs.readFileSync(requestPath, 'utf8'));
  const requestDir = path.dirname(path.resolve(requestPath));

  const loadStarted = Date.now();
  const model = await loadGraphModel(fileHandler(modelJsonPath));
  const response = { tfjsVersion: tf.version_core, backend: tf.getBackend(), loadMillis: Date.now() - loadStarted, runs: [] };

  for (const run of request.runs) {
    const feed = {};
    for (const [name, spec] of Object.entries(run.inputs)) feed[name] = readInput(spec, requestDir);
    const started = Date.now();
    let results = await model.executeAsync(feed, request.outputs);
    if (!Array.isArray(results)) results = [results];
    const outputs = {};
    for (let i = 0; i < request.outputs.length; i++) {
      outputs[request.outputs[i]] = { shape: results[i].shape, values: Array.from(await results[i].data()) };
    }
    response.runs.push({ millis: Date.now() - started, outputs });
    tf.dispose([...Object.values(feed), ...results]);
  }
  fs.writeFileSync(responsePath, JSON.stringify(response));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
