/**
 * Turns exact run totals into the versioned results document (results.json).
 */
import type { Model } from '../model/types.js';
import { isoDate } from '../dates.js';
import type { RunTotals } from '../engine/aggregate.js';
import { BLOCK_SIZE, DailyTotals, meanCents } from '../engine/aggregate.js';

export { meanCents };
import type { PathLedger } from '../engine/kernel.js';
import { actionSummaries } from './actions.js';
import { GENERATOR, PATH_STREAM } from '../engine/random.js';
import { QUANTILE_METHOD, SKETCH_RELATIVE_ACCURACY } from '../engine/sketch.js';
import type { RegulatoryPack, SourcesUsesHorizon } from '../regulatory/types.js';
import { classesOf } from '../engine/path-stats.js';
import { INTERVAL_METHOD, meanEstimate, proportionEstimate, quantileOfHistogram, shortfallWindows } from './stats.js';
import {
  CAUSES,
  RESULTS_SCHEMA,
  RESULTS_SCHEMA_VERSION,
  type Cause,
  type DailyRow,
  type FundingNames,
  type LedgerRow,
  type Results,
} from './types.js';

export interface BuildInput {
  model: Model;
  scenario: { file: string; sha256: string; resolved: unknown };
  totals: RunTotals;
  worstLedger: PathLedger | null;
  toolVersion: string;
  /** Git commit of the build, or null when unknown. */
  toolCommit?: string | null;
  reproduce: string;
  /** The regulatory figures (../regulatory/pack.ts), when computed. */
  regulatory?: { regulatory: RegulatoryPack; sourcesUses: SourcesUsesHorizon[] };
}

/** Cents (integer) to currency units: exact decimal text in JSON. */
export function units(cents: number | bigint): number {
  return Number(cents) / 100;
}


const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** How the worst path (whose ledger results.json carries) is chosen. */
export const WORST_PATH_CRITERION = 'largest peak overdue amount, then lowest minimum headroom, then lowest path index';

export function buildResults(input: BuildInput): Results {
  const { model, totals } = input;
  const H = model.horizonDays;
  const n = totals.paths;
  const dates = Array.from({ length: H }, (_, d) => isoDate(model.startDay + d));
  const day = new DailyTotals(totals, model);
  const mean = (total: bigint) => units(meanCents(total, n));
  const nLines = model.funding.creditLines.length;
  const classes = classesOf(model);
  /** Per class, the assets of the class (indices). */
  const classAssets = classes.map((c) => model.funding.assets.flatMap((a, i) => ((a.assetClass ?? 'unclassified') === c ? [i] : [])));

  const daily: DailyRow[] = [];
  const pShortfall: number[] = [];
  const expectedShortfall: number[] = [];
  const meanOverdueOnShortfallPaths: number[] = [];
  const causeAmounts: Record<Cause, number[]> = { funding: [], channel: [], processing: [] };
  for (let d = 0; d < H; d++) {
    const k = Number(day.shortfallPaths(d));
    const p = proportionEstimate(k, n);
    const overdueTotal = day.overdue(d);
    const es = meanEstimate(Number(overdueTotal), Number(totals.overdueSq[d]), n);
    const causeTotals = CAUSES.map((c) => Number(day.cause(d, c)));
    const causeSum = causeTotals.reduce((a, b) => a + b, 0);
    const causeShares = {} as Record<Cause, number>;
    CAUSES.forEach((c, i) => {
      causeShares[c] = causeSum > 0 ? round6(causeTotals[i] / causeSum) : 0;
      causeAmounts[c].push(units(meanCents(BigInt(causeTotals[i]), n)));
    });
    const [h1, h5, h50, h95, h99] = n > 0 ? totals.headroom.quantiles(d, [0.01, 0.05, 0.5, 0.95, 0.99]) : [0, 0, 0, 0, 0];
    const hq = (x: number) => units(Math.round(x));
    const row: DailyRow = {
      date: dates[d],
      businessDay: model.calendar.businessDay[d] === 1,
      pShortfall: round6(p.estimate),
      pShortfallCi95: [round6(p.ci95[0]), round6(p.ci95[1])],
      headroom: { p1: hq(h1), p5: hq(h5), p50: hq(h50), p95: hq(h95), p99: hq(h99) },
      expectedShortfall: mean(overdueTotal),
      expectedShortfallSE: units(Math.round(es.standardError)),
      expectedBacklog: mean(day.backlog(d)),
      requests: {
        maturity: mean(day.requested(d, 'maturity')),
        surrender: mean(day.requested(d, 'surrender')),
        other: mean(day.requested(d, 'other')),
      },
      paid: {
        maturity: mean(day.paid(d, 'maturity')),
        surrender: mean(day.paid(d, 'surrender')),
        other: mean(day.paid(d, 'other')),
      },
      capacity: {
        funding: mean(day.capacity(d, 'funding')),
        channel: mean(day.capacity(d, 'channel')),
        processing: mean(day.capacity(d, 'processing')),
      },
      creditDrawn: mean(day.creditDrawn(d)),
      creditDrawnByLine: Array.from({ length: nLines }, (_, l) => mean(day.creditDrawnOnLine(d, l))),
      assetsSold: mean(day.assetsSold(d)),
      assetsSoldByAsset: model.funding.assets.map((_, a) => mean(day.assetSold(d, a))),
      assetsSoldByClass: Object.fromEntries(
        classes.map((c, k) => [c, units(meanCents(classAssets[k].reduce((sum, a) => sum + day.assetSold(d, a), 0n), n))]),
      ),
      closingCash: mean(day.closingCash(d)),
      causeShares,
    };
    if (model.actions !== undefined) {
      row.deferred = mean(day.deferred(d));
      row.actionInflows = mean(day.actionInflows(d));
    }
    daily.push(row);
    pShortfall.push(row.pShortfall);
    expectedShortfall.push(row.expectedShortfall);
    // Overdue is 0 on paths not in shortfall, so the total over the k paths in shortfall is the total.
    meanOverdueOnShortfallPaths.push(units(meanCents(overdueTotal, k)));
  }

  const anyShortfall = proportionEstimate(totals.pathsWithShortfall, n);
  const peak = meanEstimate(Number(totals.peakTotal()), Number(totals.peakSq), n);
  const firstCounts = totals.firstShortfall;
  const distribution: Results['summary']['firstShortfall']['distribution'] = [];
  let earliest: string | null = null;
  for (let d = 0; d < H; d++) {
    if (firstCounts[d] > 0) {
      earliest ??= dates[d];
      distribution.push({ date: dates[d], paths: firstCounts[d], probability: round6(firstCounts[d] / n) });
    }
  }
  const quantiles =
    totals.pathsWithShortfall > 0
      ? {
          p5: dates[quantileOfHistogram(firstCounts, 0.05)],
          p50: dates[quantileOfHistogram(firstCounts, 0.5)],
          p95: dates[quantileOfHistogram(firstCounts, 0.95)],
        }
      : null;

  return {
    schema: RESULTS_SCHEMA,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    meta: {
      tool: { name: 'liqsim', version: input.toolVersion, commit: input.toolCommit ?? null },
      scenario: {
        name: model.name,
        description: model.description,
        ...(model.asOf === undefined ? {} : { asOf: model.asOf }),
        file: input.scenario.file,
        sha256: input.scenario.sha256,
        currency: model.currency,
        resolved: input.scenario.resolved,
      },
      funding: fundingNames(model),
      run: {
        seed: model.seed,
        paths: n,
        startDate: dates[0],
        endDate: dates[H - 1],
        horizonDays: H,
        shortfallThreshold: model.shortfallThreshold,
        overdueGraceDays: model.overdueGraceDays,
        ...(model.overdueGraceCalendar === 'business' ? { overdueGraceCalendar: 'business' as const } : {}),
        generator: GENERATOR,
        pathStream: PATH_STREAM,
        blockSize: BLOCK_SIZE,
        reproduce: input.reproduce,
      },
      statistics: {
        quantileMethod: QUANTILE_METHOD,
        sketchRelativeAccuracy: SKETCH_RELATIVE_ACCURACY,
        intervalMethod: INTERVAL_METHOD,
      },
    },
    summary: {
      pAnyShortfall: {
        estimate: round6(anyShortfall.estimate),
        standardError: round6(anyShortfall.standardError),
        ci95: [round6(anyShortfall.ci95[0]), round6(anyShortfall.ci95[1])],
      },
      shortfall: {
        expectedPeak: { mean: units(meanCents(totals.peakTotal(), n)), standardError: units(Math.round(peak.standardError)) },
        p95Peak: n > 0 ? units(Math.round(totals.peak.quantile(0, 0.95))) : 0,
        p99Peak: n > 0 ? units(Math.round(totals.peak.quantile(0, 0.99))) : 0,
        tailMean95: n > 0 ? units(Math.round(totals.peak.meanAbove(0, 0.95))) : 0,
      },
      firstShortfall: { paths: totals.pathsWithShortfall, earliest, quantiles, distribution },
      windows: shortfallWindows({ dates, pShortfall, expectedShortfall, causeAmounts, meanOverdueOnShortfallPaths, threshold: model.shortfallThreshold }),
      ...(input.regulatory ? { regulatory: input.regulatory.regulatory, sourcesUses: input.regulatory.sourcesUses } : {}),
      ...(model.actions === undefined ? {} : { actions: actionSummaries(model, totals) }),
    },
    daily,
    worstPath: {
      path: totals.worst?.path ?? 0,
      criterion: WORST_PATH_CRITERION,
      ledger: input.worstLedger ? ledgerRows(input.worstLedger, dates, model) : [],
    },
  };
}

/** The names of the model's credit lines, assets and payment channels, in scenario order. */
export function fundingNames(model: Model): FundingNames {
  return {
    creditLines: model.funding.creditLines.map((line) => ({ bank: line.bank })),
    assets: model.funding.assets.map((asset) => (asset.assetClass ? { name: asset.name, class: asset.assetClass } : { name: asset.name })),
    channels: model.payments.channels.map((channel) => ({ bank: channel.bank })),
  };
}

const CAUSE_BY_CODE: Cause[] = ['funding', 'channel', 'processing'];

function ledgerRows(l: PathLedger, dates: string[], model: Model): LedgerRow[] {
  const classes = classesOf(model);
  const actions = model.actions !== undefined;
  return dates.map((date, d) => ({
    date,
    openingCash: units(l.openingCash[d]),
    inflows: units(l.inflows[d]),
    assetSales: units(l.assetSales[d]),
    assetSalesByAsset: l.assetSalesByAsset.map((row) => units(row[d])),
    assetSalesByClass: Object.fromEntries(
      classes.map((c) => [c, units(model.funding.assets.reduce((sum, a, i) => ((a.assetClass ?? 'unclassified') === c ? sum + l.assetSalesByAsset[i][d] : sum), 0))]),
    ),
    creditDraws: units(l.creditDraws[d]),
    payouts: { maturity: units(l.paidMaturity[d]), surrender: units(l.paidSurrender[d]), other: units(l.paidOther[d]) },
    closingCash: units(l.closingCash[d]),
    backlog: units(l.backlog[d]),
    overdue: units(l.overdue[d]),
    cause: l.cause[d] >= 0 ? CAUSE_BY_CODE[l.cause[d]] : null,
    ...(actions ? { deferred: units(l.deferred[d]), actionInflows: units(l.actionInflows[d]) } : {}),
  }));
}
