/** Scratch scenario files for the scenario-layer tests. */
import { expect } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LiqsimError } from '../../src/errors.js';
import type { InputIssue } from '../../src/errors.js';
import { loadScenario } from '../../src/model/load.js';

/** A new empty directory; `write` puts files in it and returns their paths. */
export function scratchDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'liqsim-scenario-'));
  return {
    dir,
    write(name: string, text: string): string {
      const file = path.join(dir, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
  };
}

/**
 * A small valid scenario: line numbers matter to the error tests, so its layout is fixed. Extra text
 * is appended at the end (top-level keys).
 */
export const MINIMAL = `name: Minimal
currency: CNY
start: 2020-01-06
horizon_days: 20
liabilities:
  products:
    savings:
      base_surrender_rate: 0.05
  cohorts:
    - { product: savings, maturity_date: 2020-01-10, value: 1000.00, count: 10, guaranteed_yield: 0.04 }
funding:
  cash: 5000
payments:
  channels:
    - { bank: Bank A, daily_limit: 10000 }
`;

/**
 * A small scenario for policy files (products savings and annuity; one channel with a 5 m
 * per-transfer limit and 2 transfers a day): `liabilities` is inserted after the products (line
 * 11 on), `counting` under `payments:`.
 */
export const POLICY_SCENARIO = (liabilities: string, counting = '') => `name: Policies
currency: CNY
start: 2020-01-06
horizon_days: 30
seed: 7
paths: 40
liabilities:
  products:
    savings: { base_surrender_rate: 0.05, account_failure: { rate: 0.01, retry_after_days: 3 } }
    annuity: { base_surrender_rate: 0.1, surrender_charge: 0.01 }
${liabilities}funding:
  cash: 10000000
payments:
${counting}  channels:
    - { bank: A, daily_limit: 100000000, per_transfer_limit: 5000000, daily_transfers: 2 }
`;

/** The issues `loadScenario` throws for a file (fails the test when it loads). */
export function issuesOf(file: string): InputIssue[] {
  try {
    loadScenario(file);
  } catch (error) {
    if (error instanceof LiqsimError) {
      expect(error.exitCode).toBe(2);
      return error.issues;
    }
    throw error;
  }
  throw new Error(`expected ${file} to be rejected`);
}
