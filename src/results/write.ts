/**
 * Writing a scenario's outputs. Everything for one scenario is assembled in a temporary directory
 * next to the target and renamed into place at the end, so an interrupted or failed run never
 * leaves a half-written results.json, daily.csv or report behind.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { CAUSES, PAYOUT_TYPES, type Results } from './types.js';
import { creditLineBanks, creditLineColumns } from './columns.js';

/** Output directory name of a scenario file: its file name without `.yaml`/`.yml`. */
export function scenarioDirName(file: string): string {
  const base = basename(file);
  const ext = extname(base);
  return ext === '.yaml' || ext === '.yml' ? base.slice(0, -ext.length) : base;
}

/** The byte-exact text of results.json. */
export function resultsJson(results: Results): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/** daily.csv: one row per date, the flat columns of `results.daily`. */
export function dailyCsv(results: Results): string {
  const lines = results.daily[0]?.creditDrawnByLine.length ?? 0;
  const header = [
    'date',
    'business_day',
    'p_shortfall',
    'p_shortfall_ci95_low',
    'p_shortfall_ci95_high',
    'headroom_p1',
    'headroom_p5',
    'headroom_p50',
    'headroom_p95',
    'headroom_p99',
    'expected_shortfall',
    'expected_shortfall_se',
    'expected_backlog',
    ...PAYOUT_TYPES.map((t) => `requests_${t}`),
    ...PAYOUT_TYPES.map((t) => `paid_${t}`),
    'capacity_funding',
    'capacity_channel',
    'capacity_processing',
    'credit_drawn',
    ...creditLineColumns(creditLineBanks(results.meta.scenario.resolved, lines)),
    'assets_sold',
    'closing_cash',
    ...CAUSES.map((c) => `cause_share_${c}`),
  ];
  const rows = results.daily.map((r) =>
    [
      r.date,
      r.businessDay ? 1 : 0,
      r.pShortfall,
      r.pShortfallCi95[0],
      r.pShortfallCi95[1],
      r.headroom.p1,
      r.headroom.p5,
      r.headroom.p50,
      r.headroom.p95,
      r.headroom.p99,
      r.expectedShortfall,
      r.expectedShortfallSE,
      r.expectedBacklog,
      ...PAYOUT_TYPES.map((t) => r.requests[t]),
      ...PAYOUT_TYPES.map((t) => r.paid[t]),
      r.capacity.funding,
      r.capacity.channel,
      r.capacity.processing,
      r.creditDrawn,
      ...r.creditDrawnByLine,
      r.assetsSold,
      r.closingCash,
      ...CAUSES.map((c) => r.causeShares[c]),
    ].join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}

/** A scenario output directory being assembled; `commit()` moves it into place. */
export interface StagedDir {
  readonly path: string;
  readonly target: string;
  commit(): void;
  discard(): void;
}

export function stageDir(target: string): StagedDir {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const path = mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
  return {
    path,
    target,
    commit() {
      if (existsSync(target)) rmSync(target, { recursive: true, force: true });
      renameSync(path, target);
    },
    discard() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** Writes results.json and daily.csv into a (staged) directory. */
export function writeResultsFiles(dir: string, results: Results): void {
  writeFileSync(join(dir, 'results.json'), resultsJson(results));
  writeFileSync(join(dir, 'daily.csv'), dailyCsv(results));
}
