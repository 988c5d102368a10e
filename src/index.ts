/**
 * liqsim's library API: the CLI is a thin shell over these functions, and the tests call them
 * directly. Data flows one way: scenario -> model -> engine -> results -> report / check.
 *
 * @example
 *   import { runScenario, writeReport } from 'liqsim';
 *   const { results } = await runScenario('scenarios/maturity-peak-2020q1.yaml', { paths: 2000 });
 *   console.log(results.summary.pAnyShortfall, results.summary.windows);
 */

// Errors shared by every stage
export {
  LiqsimError,
  formatIssue,
  formatKeyPath,
  type InputIssue,
  type IssueCode,
  type IssueFields,
  type CodeFields,
  type SourceLocation,
} from './errors.js';
export { ISSUE_CATALOGUE, type CatalogueEntry } from './scenario/messages.js';

// Scenario format -> validated model
export {
  loadScenario,
  validateScenarioFiles,
  scenarioJsonSchema,
  scenarioHash,
  canonicalJson,
  type LoadedScenario,
} from './scenario/index.js';
export type * from './model/types.js';
export { isoDate, parseIsoDate } from './model/dates.js';

// Simulation
export { runScenario, simulateModel, resultsFromTotals, withOverrides, TOOL_VERSION, type RunOptions } from './run.js';
export { simulateInProcess, simulatePathLedger, simulateBlocks } from './engine/simulate.js';
export { PathSimulator, type PathLedger, type ConservationTotals } from './engine/kernel.js';
export { RunTotals, BLOCK_SIZE } from './engine/aggregate.js';
export { simulateParallel, simulateBlocksParallel, defaultThreads } from './engine/parallel.js';
export { runShard, simulateShard, writePartial, mergeShards, parseShard, type PartialResult, type ShardSpec } from './shard.js';

// Results
export type * from './results/types.js';
export { RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION, CAUSES, PAYOUT_TYPES, resultsSchema } from './results/types.js';
export { buildResults } from './results/build.js';
export { resultsJson, dailyCsv, writeResultsFiles, scenarioDirName } from './results/write.js';
export { OutputSet, checkOutDir, outputDirName, OUTPUT_MARKER } from './results/output.js';
export { writeFileAtomic, writeFileAtomicSync } from './io/atomic.js';

// Report
export { renderCharts, renderReport, writeReport, writeIndex, loadResults, type ReportLang, type ReportOptions } from './report/index.js';

// CI checks
export { checkScenarios, baselineFromResults, compareWithBaseline, type CheckOptions, type CheckReport } from './check/index.js';
