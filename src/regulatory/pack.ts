/**
 * Builds `summary.regulatory` and `summary.sourcesUses` (./types.ts) from the run totals' per-path
 * statistics (../engine/path-stats.ts) and the deterministic regulatory path (../engine/regulatory-path.ts) of this
 * scenario and, for LCR1, of the base scenario named in `regulatory.cross2.base`.
 */
import type { Model } from '../model/types.js';
import { isoDate } from '../dates.js';
import { meanCents, type RunTotals } from '../engine/aggregate.js';
import { PathSimulator, type LedgerView, type PathLedger } from '../engine/kernel.js';
import { baselNetOutflows, cross2Ratio } from './formulas.js';
import { pinnedHaircut, regulatoryDraws, runRegulatoryPath } from '../engine/regulatory-path.js';
import {
  baselHqlaOf,
  baselInflows,
  classesOf,
  cross2HqlaByClass,
  PathStats,
  RATIO_CAP,
  RATIO_SCALE,
  peakWithin,
  regulatoryOf,
  shortfallHorizon,
  type Horizon,
} from '../engine/path-stats.js';
import type { BaselLcr, Cross2Ratio, HorizonCover, OutflowLines, RatioDistribution, RegulatoryPack, SourcesUsesHorizon, SourcesUsesLine } from './types.js';

/** The base scenario of LCR1, compiled, or why there is none. */
export type BaseScenario = { file: string; model: Model } | { file: string | null; missing: string };

const units = (cents: number) => Math.round(cents) / 100;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function cover(model: Model, h: Horizon): HorizonCover {
  return {
    horizonDays: h.days,
    coveredDays: h.covered,
    truncated: h.covered < h.days,
    from: isoDate(model.startDay),
    to: isoDate(model.startDay + h.covered - 1),
  };
}

function sumRow(row: ArrayLike<number>, to: number): number {
  let x = 0;
  for (let d = 0; d < to; d++) x += row[d];
  return x;
}

function outflowLines(l: LedgerView | PathLedger, covered: number): OutflowLines {
  const maturity = sumRow(l.requestMaturity, covered);
  const surrender = sumRow(l.requestSurrender, covered);
  const other = sumRow(l.requestOther, covered);
  return { maturity: units(maturity), surrender: units(surrender), other: units(other), total: units(maturity + surrender + other) };
}

/** A scaled-ratio statistic's distribution: P(indicator) and quantiles of the ratio (null without per-path statistics). */
function distribution(stats: PathStats, totals: RunTotals, ratioKey: string, belowKey: string): RatioDistribution | null {
  const n = totals.paths;
  if (n === 0 || totals.statCount === 0) return null;
  const [p5, p50] = totals.statQuantiles(stats.index(ratioKey), [0.05, 0.5]);
  const ratioOf = (x: number) => (x >= RATIO_CAP * 0.995 ? null : round6(x / RATIO_SCALE));
  return { pBelowFloor: round6(Number(totals.statSums[stats.index(belowKey)]) / n), p5: ratioOf(p5), p50: ratioOf(p50) };
}

/** The funding-only peak on the regulatory path (its funding-only run: channel and processing limits lifted), in cents. */
function fundingOnlyPeak(model: Model): number {
  const { ledger } = new PathSimulator(model).runWithDraws(regulatoryDraws(model), null, true, true);
  return peakWithin(ledger.overdue, shortfallHorizon(model).covered);
}

export function buildRegulatory(model: Model, totals: RunTotals, base: BaseScenario): { regulatory: RegulatoryPack; sourcesUses: SourcesUsesHorizon[] } {
  const r = regulatoryOf(model);
  const stats = new PathStats(model);
  const reg = runRegulatoryPath(model);
  // Per-path statistics are in the totals when the scenario asked for them (a regulatory: key);
  // otherwise every figure is on the regulatory path only and the distributions are null.
  const perPath = totals.statCount > 0;
  if (perPath && totals.statCount !== stats.size) throw new RangeError(`totals hold ${totals.statCount} path statistics, the model has ${stats.size}`);
  const withShortfall = perPath && stats.withShortfall;
  const regValues = Float64Array.from(stats.values(reg.ledger, withShortfall ? fundingOnlyPeak(model) : 0));
  const n = totals.paths;
  const statOf = (key: string) => {
    const k = stats.index(key);
    const regulatoryPath = units(regValues[k]);
    if (!perPath) return { mean: null, p5: null, p50: null, p95: null, regulatoryPath };
    const [p5, p50, p95] = n > 0 ? totals.statQuantiles(k, [0.05, 0.5, 0.95]) : [0, 0, 0];
    return { mean: units(meanCents(totals.statSums[k], n)), p5: units(p5), p50: units(p50), p95: units(p95), regulatoryPath };
  };

  // --- sources and uses
  const classes = classesOf(model);
  const sourcesUses: SourcesUsesHorizon[] = stats.suHorizons.map((h) => {
    const p = `su${h.days}.`;
    const lines: SourcesUsesLine[] = [];
    const line = (group: SourcesUsesLine['group'], key: string, stat: string) => lines.push({ group, key, ...statOf(p + stat) });
    line('sources', 'inflows', 'inflows');
    line('sources', 'assetSales', 'assetSales');
    model.funding.assets.forEach((a, i) => line('sources', `asset:${a.name}`, `asset${i}`));
    classes.forEach((c) => line('sources', `class:${c}`, `class.${c}`));
    line('sources', 'creditDraws', 'creditDraws');
    model.funding.creditLines.forEach((l, i) => line('sources', `line:${l.bank}`, `line${i}`));
    line('sources', 'sourcesUsed', 'sourcesUsed');
    line('sources', 'cashDrawn', 'cashDrawn');
    line('uses', 'paid:maturity', 'paidMaturity');
    line('uses', 'paid:surrender', 'paidSurrender');
    line('uses', 'paid:other', 'paidOther');
    line('uses', 'usesPaid', 'usesPaid');
    line('unmet', 'overdue', 'overdue');
    line('unmet', 'backlogNotDue', 'backlogNotDue');
    line('unmet', 'unmet', 'unmet');
    line('available', 'availableUnused', 'availableUnused');
    line('position', 'closingCash', 'closingCash');
    return { cover: cover(model, h), lines };
  });

  // --- C-ROSS II LCR1/LCR2/LCR3
  const hqlaByClassCents = cross2HqlaByClass(model);
  let hqlaCents = 0;
  for (const v of hqlaByClassCents.values()) hqlaCents += v;
  const baseLedger = 'model' in base ? runRegulatoryPath(base.model).ledger : null;
  const cash0 = (m: Model) => (r.cross2.countOpeningCash ? m.funding.openingCash : 0);
  const lcr: Cross2Ratio[] = [];
  stats.crossHorizons.forEach((h) => {
    const make = (variant: Cross2Ratio['variant'], m: Model, ledger: PathLedger, dist: RatioDistribution | null): Cross2Ratio => {
      // the base scenario's own horizon may differ: its covered days
      const hm = { days: h.days, covered: Math.min(h.days, m.horizonDays) };
      const inflows = sumRow(m.funding.inflows, hm.covered);
      const hqla = variant === 'lcr2' ? hqlaCents : 0;
      const outflows = outflowLines(ledger, hm.covered);
      const outflowCents = Math.round(outflows.total * 100);
      const ratio = cross2Ratio(variant, { inflows, openingCash: cash0(m), hqla, outflows: outflowCents });
      const floor = r.cross2.floors[variant];
      return {
        variant,
        horizonMonths: h.months,
        cover: cover(m, hm),
        scenario: variant === 'lcr1' ? 'base' : 'stress',
        lines: {
          inflows: units(inflows),
          openingCash: units(cash0(m)),
          hqlaByClass: variant === 'lcr2' ? Object.fromEntries([...hqlaByClassCents].map(([c, v]) => [c, units(v)])) : {},
          hqla: units(hqla),
          numerator: units(inflows + cash0(m) + hqla),
        },
        outflows,
        ratio: ratio === null ? null : round6(ratio),
        floor,
        pass: ratio === null ? null : ratio >= floor,
        distribution: dist,
      };
    };
    const p = `cross2.${h.months}m.`;
    if ('model' in base && baseLedger) lcr.push(make('lcr1', base.model, baseLedger, null));
    lcr.push(make('lcr2', model, reg.ledger, distribution(stats, totals, p + 'lcr2', p + 'lcr2Below')));
    lcr.push(make('lcr3', model, reg.ledger, distribution(stats, totals, p + 'lcr3', p + 'lcr3Below')));
  });

  // --- Basel-style LCR
  const bh = baselHqlaOf(model);
  const bOut = outflowLines(reg.ledger, stats.basel.covered);
  const bOutCents = Math.round(bOut.total * 100);
  const bIn = baselInflows(model, stats.basel.covered);
  const counted = Math.min(bIn.scheduled + bIn.facilities, r.basel.inflowCap * bOutCents);
  const net = baselNetOutflows(bOutCents, bIn.scheduled + bIn.facilities, r.basel.inflowCap);
  const bRatio = net > 0 ? bh.total / net : null;
  const level2 = bh.level2a + bh.level2b - bh.adjustment15 - bh.adjustment40;
  const basel: BaselLcr = {
    cover: cover(model, stats.basel),
    hqla: {
      cash: units(bh.cash),
      level1Assets: units(bh.assetsLevel1),
      level1: units(bh.level1),
      level2a: units(bh.level2a),
      level2b: units(bh.level2b),
      adjustment15: units(bh.adjustment15),
      adjustment40: units(bh.adjustment40),
      total: units(bh.total),
      level2Share: bh.total > 0 ? round6(level2 / bh.total) : 0,
    },
    outflows: bOut,
    inflows: { scheduled: units(bIn.scheduled), facilities: units(bIn.facilities), counted: units(counted) },
    netOutflows: units(net),
    ratio: bRatio === null ? null : round6(bRatio),
    pass: bRatio === null ? null : bRatio >= 1,
    distribution: distribution(stats, totals, 'basel.ratio', 'basel.below'),
  };

  // --- funding-only shortfall quantile
  let fundingShortfall: RegulatoryPack['fundingShortfall'] = null;
  if (withShortfall && r.shortfallQuantile !== null) {
    const k = stats.index('shortfall.peak');
    const q = r.shortfallQuantile;
    const pAny = n > 0 ? 1 - totals.stats.countZero(k) / n : 0;
    fundingShortfall = {
      quantile: q,
      amount: n > 0 ? units(totals.statQuantiles(k, [q])[0]) : 0,
      mean: units(meanCents(totals.statSums[k], n)),
      pAny: round6(pAny),
      cover: cover(model, shortfallHorizon(model)),
      method:
        'peak overdue amount per path over the horizon with payment-channel and processing limits lifted (each path replayed: its own draws ' +
        'and payout requests, cash, funding and payments re-run, so only funding binds), over one year or the scenario horizon; lower-rank quantile from a sketch (relative accuracy 0.5%) ' +
        'clamped to the exact smallest and largest peak',
    };
  }

  const assetHaircuts = model.funding.assets.map((a) => pinnedHaircut(a.haircut, r.deterministic.haircut));
  return {
    regulatory: {
      path: {
        levelQuantile: r.deterministic.levelQuantile,
        level: round6(reg.draws.level),
        shocks: r.deterministic.shocks,
        refusedLines: r.deterministic.refusedLines.map((i) => model.funding.creditLines[i].bank),
        haircut: r.deterministic.haircut,
        assetHaircuts,
        peakOverdue: units(reg.peakOverdue),
        firstShortfallDate: reg.firstShortfallDay >= 0 ? isoDate(model.startDay + reg.firstShortfallDay) : null,
      },
      cross2: {
        baseScenario: base.file,
        lcr1NotComputed: 'missing' in base ? base.missing : null,
        lcr,
      },
      basel,
      fundingShortfall,
    },
    sourcesUses,
  };
}
