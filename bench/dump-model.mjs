#!/usr/bin/env node
/**
 * Prints a scenario's compiled model as JSON (typed arrays as lists), for bench/numpy_model.py:
 * both implementations then run exactly the same model.
 *
 *   node bench/dump-model.mjs SCENARIO > model.json
 */
import { loadScenario } from '../dist/model/load.js';

const model = loadScenario(process.argv[2]).model;
const plain = (v) => (ArrayBuffer.isView(v) ? Array.from(v) : v);
process.stdout.write(JSON.stringify(model, (_key, value) => plain(value)));
