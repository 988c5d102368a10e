#!/usr/bin/env node
/**
 * One benchmark measurement, in a process of its own so that its peak memory is its own:
 * load + compile the scenario, simulate, build the results and write results.json and daily.csv
 * (what `liqsim run --no-report` does). Prints one JSON line.
 *
 *   node bench/measure.mjs SCENARIO PATHS THREADS
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, withOverrides } from '../dist/model/load.js';
import { resultsFromTotals } from '../dist/results/run.js';
import { simulateModel } from '../dist/engine/run.js';
import { writeResultsFiles } from '../dist/results/write.js';

const [file, pathsArg, threadsArg] = process.argv.slice(2);
const paths = Number(pathsArg);
const threads = Number(threadsArg);

const t0 = performance.now();
const loaded = loadScenario(file);
const model = withOverrides(loaded.model, { paths });
const t1 = performance.now();
const totals = await simulateModel(model, { threads });
const t2 = performance.now();
const results = resultsFromTotals(loaded, model, totals);
const out = mkdtempSync(join(tmpdir(), 'liqsim-bench-'));
writeResultsFiles(out, results);
rmSync(out, { recursive: true, force: true });
const t3 = performance.now();

const cohorts = model.groups.reduce((n, g) => n + g.cohortCount, 0);
process.stdout.write(
  `${JSON.stringify({
    paths,
    days: model.horizonDays,
    cohorts,
    groups: model.groups.length,
    threads,
    loadSeconds: (t1 - t0) / 1000,
    simulateSeconds: (t2 - t1) / 1000,
    resultsSeconds: (t3 - t2) / 1000,
    // ru_maxrss: the process's resident-set high-water mark (KiB), worker threads included.
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    pAnyShortfall: results.summary.pAnyShortfall.estimate,
  })}\n`,
);
