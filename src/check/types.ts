/**
 * The types of a `liqsim check` run: its options and its report, read by the renderers
 * (render.ts) and made by the orchestration (index.ts).
 */
import type { Results } from '../results/types.js';
import type { Baseline } from './baseline.js';
import type { SuiteBaseline } from './suite.js';
import type { Comparison } from './compare.js';

/** Runs one scenario; the engine by default, synthetic results in tests. */
export type ScenarioRunner = (file: string, options: { threads?: number; seed?: string; paths?: number }) => Promise<Results>;

export interface CheckOptions {
  baselinesDir: string;
  update: boolean;
  k: number;
  windowDays: number;
  relTolerance?: number;
  threads?: number;
  run?: ScenarioRunner;
}

export interface ScenarioCheck {
  file: string;
  baselineFile: string;
  /** pass / fail against the baseline; error when it could not be checked (exit 2). */
  status: 'pass' | 'fail' | 'error';
  /** Null when there was nothing to compare with. */
  comparison: Comparison | null;
  error?: { message: string; hint?: string };
  /** A suite file, checked against its suite baseline (counted as a suite in the summary line). */
  suite?: true;
  /** With `update`: what happened to the baseline file, and the baseline now in it. */
  update?: { outcome: 'created' | 'updated' | 'unchanged'; note?: string; baseline: Baseline | SuiteBaseline };
}

export interface CheckReport {
  scenarios: ScenarioCheck[];
  baselinesDir: string;
  update: boolean;
  k: number;
  windowDays: number;
  relTolerance: number;
  /** 0 all passed, 1 a regression, 2 invalid input or a missing baseline. */
  exitCode: 0 | 1 | 2;
}
