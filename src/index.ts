/**
 * liqsim's library API: the CLI is a thin shell over these functions, and the tests call them
 * directly. Data flows one way: scenario -> model -> engine -> results -> analysis -> report / check.
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
export { ISSUE_CATALOGUE, type CatalogueEntry } from './messages/catalogue.js';

// Scenario format -> validated model
export { validateScenario, validateScenarioFiles, scenarioJsonSchema, scenarioHash, canonicalJson, type ValidScenario } from './scenario/index.js';
export { loadScenario, withOverrides, type LoadedScenario, type ModelOverrides } from './model/load.js';
export type * from './model/types.js';
export { isoDate, parseIsoDate } from './dates.js';

// Simulation
export { runScenario, resultsFromTotals, reproduceCommand, type RunOptions } from './results/run.js';
export { simulateModel, type SimulateOptions } from './engine/run.js';
export { TOOL_VERSION } from './version.js';
export { simulateInProcess, simulatePathLedger, simulateBlocks } from './engine/simulate.js';
export { PathSimulator, type PathLedger, type ConservationTotals } from './engine/kernel.js';
export { RunTotals, BLOCK_SIZE } from './engine/aggregate.js';
export { simulateParallel, simulateBlocksParallel, defaultThreads } from './engine/parallel.js';
export { runShard, simulateShard, writePartial, parseShard, type PartialResult, type ShardSpec } from './engine/shard.js';
export { mergeShards, type MergeOptions } from './results/merge.js';

// Results
export type * from './results/types.js';
export { RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION, CAUSES, PAYOUT_TYPES, resultsSchema } from './results/types.js';
export { buildResults } from './results/build.js';
export { resultsJson, dailyCsv, writeResultsFiles } from './results/write.js';
export { OutputSet, checkOutDir, outputDirName, scenarioDirName, OUTPUT_MARKER } from './io/output.js';
export { writeFileAtomic, writeFileAtomicSync } from './io/atomic.js';

// Report
export { renderCharts, renderReport, writeReport, writeIndex, loadResults, type ReportLang, type ReportOptions } from './report/index.js';

// CI checks
export { checkScenarios, baselineFromResults, compareWithBaseline, type CheckOptions, type CheckReport } from './check/index.js';
export { compareSuite, runSuiteBaseline, type SuiteBaseline } from './check/suite.js';

// Analysis with common random numbers: suites, sensitivity, reverse stress tests, window levers
export { PairedRunner, type PairedRun } from './analysis/pool.js';
export { pairedDelta, type PairedDelta, type FigureKey, type AnyFigureKey, type RatioKey } from './analysis/paired.js';
export { ratioFigures, type RatioFigure } from './analysis/ratio-figures.js';
export { readSuite, type SuiteSpec } from './analysis/suite-file.js';
export { runSuite, suiteJson, type SuiteJson } from './analysis/suite.js';
export { sensitivity, parseVary, type SensitivityResult } from './analysis/sensitivity.js';
export { reverseStress, type ReverseResult } from './analysis/reverse.js';
export { applyPreset, setLever, parseLeverKey, type Preset } from './analysis/variants.js';
export { parseTarget, checkTarget, targetFigures, type Target } from './analysis/target.js';
export { windowLever, withWindowLevers, resultsWithLevers } from './analysis/levers.js';
