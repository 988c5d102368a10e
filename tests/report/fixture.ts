/**
 * A synthetic but realistic `Results` for report tests, built without the engine.
 *
 * Default: 120 days from 2020-01-02 (the Q1-2020 maturity peak in DOMAIN.md), 20,000 paths, two
 * shortfall windows (a channel-bound one after the Spring Festival, a funding-bound one in March),
 * all three causes, two credit lines (Bank A, Bank B) and a worst-path ledger built in integer
 * cents so it reconciles exactly. Windows, first-shortfall distribution and P(any shortfall) are
 * derived from the daily series the same way the engine defines them, so they agree.
 *
 * Variants: `shortfall: 'none'` (no path ever short), `'below-threshold'` (short paths but no
 * window), `horizonDays: 1`, and `name` to inject hostile strings.
 */
import type { Cause, DailyRow, LedgerRow, Results, ShortfallWindow } from '../../src/results/types.js';
import { CAUSES } from '../../src/results/types.js';
import { NO_BASE_SCENARIO } from '../../src/regulatory/types.js';

export interface FixtureOptions {
  name?: string;
  description?: string;
  horizonDays?: number;
  shortfall?: 'windows' | 'below-threshold' | 'none';
  /** Bank name of the first credit line (to test escaping inside charts). */
  firstBank?: string;
  /** Give each window a lever (`window.lever`, CONTRACTS item 1), as the analysis module would. */
  levers?: boolean;
  /** As-of date of the data (meta.scenario.asOf). */
  asOf?: string;
}

/**
 * The levers of the default fixture's two windows (hand-written, not computed): W1 is channel-bound
 * around the Spring Festival, W2 funding-bound in March.
 */
export const FIXTURE_LEVERS = [
  { kind: 'channel', amount: 7_500_000_000, byDate: '2020-01-23', channel: 'Bank A', achievedProbability: 0.0093, found: true, method: 'bisection with common random numbers, 2000 paths, tolerance 1%' },
  { kind: 'funding', amount: 2_350_000_000, byDate: '2020-03-06', achievedProbability: 0.0098, found: true, method: 'bisection with common random numbers, 2000 paths, tolerance 1%' },
] as const;

const PATHS = 20_000;
const THRESHOLD = 0.01;
const START = '2020-01-02';
const DAY_MS = 86_400_000;

function isoAt(day: number): string {
  return new Date(Date.parse(`${START}T00:00:00Z`) + day * DAY_MS).toISOString().slice(0, 10);
}

/** Cents -> the JSON number results.json would hold (exact to the cent in shortest form). */
function units(cents: number): number {
  return Math.round(cents) / 100;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Wilson 95% interval for k successes out of n. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [round6(Math.max(0, centre - half)), round6(Math.min(1, centre + half))];
}

/** Deterministic wiggle in [-1, 1] so series are not perfectly smooth. */
function wiggle(day: number, salt: number): number {
  return Math.sin(day * 12.9898 + salt * 78.233) * 0.5 + Math.sin(day * 0.7 + salt) * 0.5;
}

function isBusinessDay(iso: string): boolean {
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
  const holiday = iso >= '2020-01-24' && iso <= '2020-02-02';
  return weekday !== 0 && weekday !== 6 && !holiday;
}

function causeSharesFor(day: number, hasOverdue: boolean): Record<Cause, number> {
  if (!hasOverdue) return { funding: 0, channel: 0, processing: 0 };
  // Around the Spring Festival channel limits bind; in March funding does.
  if (day < 55) return { funding: 0.24, channel: 0.61, processing: 0.15 };
  return { funding: 0.66, channel: 0.1, processing: 0.24 };
}

export function makeResults(options: FixtureOptions = {}): Results {
  const horizonDays = options.horizonDays ?? 120;
  const shortfall = options.shortfall ?? 'windows';
  const scale = shortfall === 'windows' ? 1 : shortfall === 'below-threshold' ? 0.025 : 0;
  const daily: DailyRow[] = [];
  const ledger: LedgerRow[] = [];
  const firstPaths: number[] = [];
  let previousShortPaths = 0;
  let cashCents = 18_000_000_000_00;
  let backlogCents = 0;
  for (let day = 0; day < horizonDays; day++) {
    const date = isoAt(day);
    const business = isBusinessDay(date);
    const hump = 0.32 * Math.exp(-(((day - 33) / 5) ** 2)) + 0.06 * Math.exp(-(((day - 71) / 3.5) ** 2));
    const shortPaths = Math.round(PATHS * scale * hump);
    const p = shortPaths / PATHS;
    firstPaths.push(Math.max(0, Math.round((shortPaths - previousShortPaths) * 1.15)));
    previousShortPaths = shortPaths;
    const expectedShortfallCents = Math.round(scale * hump * 2_400_000_000_00 * (1 + 0.1 * wiggle(day, 1)));
    const maturityCents = Math.round((350_000_000 + 900_000_000 * Math.exp(-(((day - 30) / 9) ** 2)) + 600_000_000 * Math.exp(-(((day - 70) / 6) ** 2))) * (1 + 0.15 * wiggle(day, 2)) * 100);
    const surrenderCents = Math.round((day >= 18 ? 120_000_000 + 500_000_000 * Math.exp(-(day - 18) / 12) : 60_000_000) * (1 + 0.2 * wiggle(day, 3)) * 100);
    const otherCents = 10_000_000_00;
    const channelCents = business ? (date >= '2020-02-17' ? 12_000_000_000_00 : 6_000_000_000_00) : 0;
    const processingCents = business ? 8_000_000_000_00 : 0;
    const lineA = day >= 24 && day <= 40 && business ? 2_500_000_000_00 : 0;
    const lineB = day >= 64 && day <= 74 && business ? 1_500_000_000_00 : 0;
    const assetsCents = day >= 60 && day <= 80 && business ? 750_000_000_00 : 0;
    const inflowCents = date.endsWith('-15') ? 800_000_000_00 : 0;

    // Worst path: payouts paid only on business days, up to the channel limit; the rest is backlog.
    const requested = maturityCents + surrenderCents + otherCents;
    const openingCents = cashCents;
    backlogCents += requested;
    const fundsCents = openingCents + inflowCents + assetsCents + lineA + lineB - 1_000_000_000_00;
    const payable = business ? Math.max(0, Math.min(backlogCents, channelCents, fundsCents)) : 0;
    const paidMaturity = Math.min(payable, Math.round(payable * (maturityCents / requested)));
    const paidOther = Math.min(payable - paidMaturity, otherCents);
    const paidSurrender = payable - paidMaturity - paidOther;
    backlogCents -= payable;
    cashCents = openingCents + inflowCents + assetsCents + lineA + lineB - payable;
    const overdueCents = shortfall === 'none' ? 0 : Math.max(0, backlogCents - 2 * requested);
    const shares = causeSharesFor(day, expectedShortfallCents > 0);
    ledger.push({
      date,
      openingCash: units(openingCents),
      inflows: units(inflowCents),
      assetSales: units(assetsCents),
      creditDraws: units(lineA + lineB),
      payouts: { maturity: units(paidMaturity), surrender: units(paidSurrender), other: units(paidOther) },
      closingCash: units(cashCents),
      backlog: units(backlogCents),
      overdue: units(overdueCents),
      cause: overdueCents > 0 ? (day < 55 ? 'channel' : 'funding') : null,
    });

    const headroomMid = 21_000_000_000 - 14_000_000_000 * hump / 0.32 - 3_000_000_000 * (day / horizonDays);
    const spread = 2_500_000_000 + 6_000_000_000 * hump;
    daily.push({
      date,
      businessDay: business,
      pShortfall: round6(p),
      pShortfallCi95: wilson(shortPaths, PATHS),
      headroom: {
        p1: units(Math.round((headroomMid - 2.3 * spread) * 100)),
        p5: units(Math.round((headroomMid - 1.6 * spread) * 100)),
        p50: units(Math.round(headroomMid * 100)),
        p95: units(Math.round((headroomMid + 1.4 * spread) * 100)),
        p99: units(Math.round((headroomMid + 2 * spread) * 100)),
      },
      expectedShortfall: units(expectedShortfallCents),
      expectedShortfallSE: units(Math.round(expectedShortfallCents * 0.03)),
      expectedBacklog: units(Math.round(expectedShortfallCents * 2.5 + (business ? 400_000_000_00 : requested * 1.5))),
      requests: { maturity: units(maturityCents), surrender: units(surrenderCents), other: units(otherCents) },
      paid: { maturity: units(paidMaturity), surrender: units(paidSurrender), other: units(paidOther) },
      capacity: { funding: units(Math.max(0, fundsCents)), channel: units(channelCents), processing: units(processingCents) },
      creditDrawn: units(lineA + lineB),
      creditDrawnByLine: [units(lineA), units(lineB)],
      assetsSold: units(assetsCents),
      closingCash: units(cashCents),
      causeShares: shares,
    });
  }

  const windows = findWindows(daily, THRESHOLD);
  if (options.levers) windows.forEach((w, i) => Object.assign(w, { lever: { ...FIXTURE_LEVERS[i % FIXTURE_LEVERS.length] } }));
  const distribution = daily
    .map((d, i) => ({ date: d.date, paths: firstPaths[i], probability: round6(firstPaths[i] / PATHS) }))
    .filter((d) => d.paths > 0);
  const pathsShort = distribution.reduce((s, d) => s + d.paths, 0);
  const quantileDate = (q: number) => {
    let cumulative = 0;
    for (const d of distribution) {
      cumulative += d.paths;
      if (cumulative >= q * pathsShort) return d.date;
    }
    return distribution[distribution.length - 1].date;
  };
  const pAny = pathsShort / PATHS;
  const peakMean = shortfall === 'none' ? 0 : shortfall === 'below-threshold' ? 35_000_000 : 1_650_000_000.37;
  const name = options.name ?? 'Maturity peak, Q1 2020';
  const endDate = isoAt(horizonDays - 1);

  return {
    schema: 'liqsim/results',
    schemaVersion: 3,
    meta: {
      tool: { name: 'liqsim', version: '0.1.0', commit: null },
      scenario: {
        name,
        description: options.description ?? 'Guaranteed-yield maturities across the Spring Festival, surrender wave after the announcement.',
        ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
        file: 'scenarios/q1-2020-maturity-peak.yaml',
        sha256: '3f1c9a5e0b7d2c4f6e8a1b3d5f7092c4e6a8b0d2f4a6c8e0b2d4f6a8c0e2b4d6',
        currency: 'CNY',
        resolved: {
          name,
          currency: 'CNY',
          start: START,
          horizon_days: horizonDays,
          seed: 20200225,
          paths: PATHS,
          shortfall_threshold: THRESHOLD,
          overdue_grace_days: 0,
          calendar: { weekends: true, holidays: ['2020-01-24..2020-02-02'] },
          funding: {
            cash: '18000000000',
            minimum_cash: '1000000000',
            credit_lines: [
              { bank: options.firstBank ?? 'Bank A', limit: '30000000000', from: '2020-01-10', notice_days: 2, daily_draw_cap: '5000000000', fail_probability: 0.05 },
              { bank: 'Bank B', limit: '20000000000', from: '2020-02-01', notice_days: 3, daily_draw_cap: '3000000000', fail_probability: 0.1 },
            ],
          },
          payments: {
            channels: [
              { bank: 'Bank A', daily_limit: '4000000000', per_transfer_limit: '5000000', daily_transfers: 60000 },
              { bank: 'Bank C', daily_limit: '2000000000', per_transfer_limit: '1000000', daily_transfers: 30000 },
            ],
            processing_capacity: 80000,
          },
        },
      },
      run: {
        seed: '20200225',
        paths: PATHS,
        startDate: START,
        endDate,
        horizonDays,
        shortfallThreshold: THRESHOLD,
        overdueGraceDays: 0,
        generator: 'seedrandom/alea',
        pathStream: 'per-path alea streams seeded from (seed, path index)',
        blockSize: 1000,
        reproduce: 'liqsim run scenarios/q1-2020-maturity-peak.yaml --seed 20200225 --paths 20000',
      },
      statistics: {
        quantileMethod: 'lower rank, read from a DDSketch-style log-bucket sketch with relative accuracy 0.005',
        sketchRelativeAccuracy: 0.005,
        intervalMethod: 'Wilson score interval without continuity correction, 95%',
      },
    },
    summary: {
      pAnyShortfall: {
        estimate: round6(pAny),
        standardError: round6(Math.sqrt((pAny * (1 - pAny)) / PATHS)),
        ci95: wilson(pathsShort, PATHS),
      },
      shortfall: {
        expectedPeak: { mean: peakMean, standardError: units(Math.round(peakMean * 100 * 0.02)) },
        p95Peak: units(Math.round(peakMean * 100 * 4.2)),
        p99Peak: units(Math.round(peakMean * 100 * 7.9)),
        tailMean95: units(Math.round(peakMean * 100 * 6.1)),
      },
      firstShortfall: {
        paths: pathsShort,
        earliest: distribution[0]?.date ?? null,
        quantiles: pathsShort > 0 ? { p5: quantileDate(0.05), p50: quantileDate(0.5), p95: quantileDate(0.95) } : null,
        distribution,
      },
      windows,
      ...regulatoryFixture(horizonDays),
    },
    daily,
    worstPath: { path: 13_577, criterion: 'largest peak overdue amount', ledger },
  };
}

/**
 * A regulatory pack in the shape ../../src/regulatory/pack.ts writes, with round figures: LCR2/LCR3
 * over 3 and 12 months (the 12 months cut to the fixture's horizon), no base scenario, the
 * Basel-style ratio and one sources-and-uses horizon.
 */
function regulatoryFixture(horizonDays: number): Pick<Results['summary'], 'regulatory' | 'sourcesUses'> {
  const cover = (days: number) => ({ horizonDays: days, coveredDays: Math.min(days, horizonDays), truncated: horizonDays < days, from: '2020-01-02', to: '2020-01-31' });
  const outflows = { maturity: 50e9, surrender: 20e9, other: 1e9, total: 71e9 };
  const lcr = ([3, 12] as const).flatMap((months) =>
    (['lcr2', 'lcr3'] as const).map((variant) => ({
      variant,
      horizonMonths: months,
      cover: cover(months === 3 ? 91 : 366),
      scenario: 'stress' as const,
      lines: { inflows: 6e9, openingCash: 8e9, hqlaByClass: variant === 'lcr2' ? { L1: 9.7e9 } : {}, hqla: variant === 'lcr2' ? 9.7e9 : 0, numerator: variant === 'lcr2' ? 23.7e9 : 14e9 },
      outflows,
      ratio: variant === 'lcr2' ? 23.7 / 71 : 14 / 71,
      floor: variant === 'lcr2' ? 1 : 0.5,
      pass: false,
      distribution: { pBelowFloor: 1, p5: 0.2, p50: 0.25 },
    })),
  );
  return {
    regulatory: {
      path: { levelQuantile: 0.995, level: 2.317, shocks: 'occur', refusedLines: [], haircut: 'high', assetHaircuts: [0.03], peakOverdue: 4e9, firstShortfallDate: '2020-02-03' },
      cross2: { baseScenario: null, lcr1NotComputed: NO_BASE_SCENARIO, lcr },
      basel: {
        cover: cover(30),
        hqla: { cash: 7e9, level1Assets: 10e9, level1: 17e9, level2a: 3.4e9, level2b: 8e9, adjustment15: 4.4e9, adjustment40: 0, total: 24e9, level2Share: 0.291667 },
        outflows: { maturity: 8e9, surrender: 10e9, other: 1e9, total: 19e9 },
        inflows: { scheduled: 2e9, facilities: 0, counted: 2e9 },
        netOutflows: 17e9,
        ratio: 24 / 17,
        pass: true,
        distribution: { pBelowFloor: 0, p5: 1.7, p50: 2 },
      },
      fundingShortfall: { quantile: 0.995, amount: 28.7e9, mean: 0.7e9, pAny: 0.089, cover: cover(365), method: 'second run' },
    },
    sourcesUses: [
      {
        cover: cover(365),
        lines: [
          { group: 'sources', key: 'inflows', mean: 2e9, p5: 2e9, p50: 2e9, p95: 2e9, regulatoryPath: 2e9 },
          { group: 'sources', key: 'asset:government bonds', mean: 1e9, p5: 0, p50: 1e9, p95: 2e9, regulatoryPath: 1.5e9 },
          { group: 'sources', key: 'sourcesUsed', mean: 3e9, p5: 2e9, p50: 3e9, p95: 4e9, regulatoryPath: 3.5e9 },
        ],
      },
    ],
  };
}

/** Contiguous runs of dates with pShortfall >= threshold, as the results module defines windows. */
export function findWindows(daily: DailyRow[], threshold: number): ShortfallWindow[] {
  const windows: ShortfallWindow[] = [];
  let i = 0;
  while (i < daily.length) {
    if (daily[i].pShortfall < threshold) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < daily.length && daily[j + 1].pShortfall >= threshold) j++;
    const run = daily.slice(i, j + 1);
    const peak = run.reduce((a, b) => (b.pShortfall > a.pShortfall ? b : a));
    const worst = run.reduce((a, b) => (b.expectedShortfall > a.expectedShortfall ? b : a));
    // Mean overdue on the paths in shortfall: the all-path mean over P(shortfall), to the cent.
    const conditional = (d: DailyRow) => (d.pShortfall > 0 ? Math.round((d.expectedShortfall / d.pShortfall) * 100) / 100 : 0);
    const tail = run.reduce((a, b) => (conditional(b) > conditional(a) ? b : a));
    const causeTotals = CAUSES.map((c) => run.reduce((s, d) => s + d.expectedShortfall * d.causeShares[c], 0));
    const dominant = CAUSES[causeTotals.indexOf(Math.max(...causeTotals))];
    windows.push({
      start: run[0].date,
      end: run[run.length - 1].date,
      days: run.length,
      peakProbability: peak.pShortfall,
      peakDate: peak.date,
      maxExpectedShortfall: worst.expectedShortfall,
      maxExpectedShortfallDate: worst.date,
      dominantCause: dominant,
      maxMeanOverdueOnShortfallPaths: conditional(tail),
      maxMeanOverdueOnShortfallPathsDate: tail.date,
    });
    i = j + 1;
  }
  return windows;
}
