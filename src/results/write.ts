/**
 * Writing a scenario's outputs: the file contents. Where they go, staged and renamed in as one set
 * of a run, is io/output.ts; the atomic file writes are io/atomic.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAUSES, PAYOUT_TYPES, type Results } from './types.js';
import { creditLineBanks, creditLineColumns } from './columns.js';

/** The byte-exact text of results.json. */
export function resultsJson(results: Results): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/** daily.csv: one row per date, the flat columns of `results.daily`. */
export function dailyCsv(results: Results): string {
  const lines = results.daily[0]?.creditDrawnByLine.length ?? 0;
  // management actions' columns, last, only when the run has actions
  const actions = results.daily[0]?.deferred !== undefined;
  const banks = creditLineBanks(results.meta);
  // asset classes are fixed names (L1, L2A, L2B_RMBS, L2B, unclassified): safe as column names
  const classes = Object.keys(results.daily[0]?.assetsSoldByClass ?? {});
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
    ...creditLineColumns(creditLineBanks(results.meta, lines)),
    'assets_sold',
    ...classes.map((c) => `assets_sold_${c.toLowerCase()}`),
    'closing_cash',
    ...CAUSES.map((c) => `cause_share_${c}`),
    ...(actions ? ['deferred', 'action_inflows'] : []),
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
      ...classes.map((c) => r.assetsSoldByClass?.[c] ?? 0),
      r.closingCash,
      ...CAUSES.map((c) => r.causeShares[c]),
      ...(actions ? [r.deferred ?? 0, r.actionInflows ?? 0] : []),
    ].join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}

/** Writes results.json and daily.csv into a (staged) directory. */
export function writeResultsFiles(dir: string, results: Results): void {
  writeFileSync(join(dir, 'results.json'), resultsJson(results));
  writeFileSync(join(dir, 'daily.csv'), dailyCsv(results));
}
