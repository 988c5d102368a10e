/**
 * Per-path regulatory statistics: on every Monte Carlo path, from its ledger, the sources-and-uses
 * lines at each horizon, the C-ROSS LCR2/LCR3 and the Basel-style ratio with their breach indicators,
 * and the funding-only peak shortfall of the same path with channel and processing limits lifted.
 * Each statistic goes into exact integer sums (for its mean) and a quantile sketch (for P5/P50/P95)
 * in the run totals (../engine/aggregate.ts), which merge exactly across blocks, threads and shards.
 *
 * Values are whole numbers: money in cents; ratios in millionths (RATIO_SCALE), capped at RATIO_CAP
 * (a ratio with no outflows counts as the cap); indicators 0 or 1.
 */
import type { Model } from '../model/types.js';
import type { LedgerView } from './kernel.js';
import { ASSET_CLASSES, DEFAULT_REGULATORY, type AssetClass, type RegulatoryConfig } from '../regulatory/config.js';
import { addMonths, baselHqla, baselLevel, baselNetOutflows } from '../regulatory/formulas.js';
import { pinnedHaircut } from './regulatory-path.js';

export const RATIO_SCALE = 1e6;
/** Largest ratio value counted (in millionths): 10^12, a ratio of 1,000,000. */
export const RATIO_CAP = 1e12;

export type StatKind = 'money' | 'ratio' | 'indicator';

/** A horizon of the figures: requested days, days covered by the scenario (never more than its horizon). */
export interface Horizon {
  days: number;
  covered: number;
}

export function horizon(days: number, model: Model): Horizon {
  return { days, covered: Math.min(days, model.horizonDays) };
}

/** The regulatory settings of a model (defaults for models built without them, e.g. in tests). */
export function regulatoryOf(model: Model): RegulatoryConfig {
  return model.regulatory ?? DEFAULT_REGULATORY;
}

/** Classes that assets of the model have, in the classes' order, then 'unclassified' if any asset has none. */
export function classesOf(model: Model): (AssetClass | 'unclassified')[] {
  const present = new Set(model.funding.assets.map((a) => a.assetClass ?? 'unclassified'));
  return [...ASSET_CLASSES, 'unclassified' as const].filter((c) => present.has(c));
}

/** C-ROSS horizons: [start, EDATE(start, m)) in days. */
export function cross2Horizons(model: Model): (Horizon & { months: number })[] {
  return regulatoryOf(model).cross2.horizonsMonths.map((months) => ({ months, ...horizon(addMonths(model.startDay, months) - model.startDay, model) }));
}

/**
 * HQLA after the C-ROSS realisation discount, by class (cents, unrounded): each classified asset's
 * market value times (1 − d), d the class's discount from `regulatory.cross2.discounts` or else the
 * asset's haircut on the regulatory path.
 */
export function cross2HqlaByClass(model: Model): Map<AssetClass, number> {
  const r = regulatoryOf(model);
  const out = new Map<AssetClass, number>();
  for (const a of model.funding.assets) {
    if (a.assetClass == null) continue;
    const d = r.cross2.discounts[a.assetClass] ?? pinnedHaircut(a.haircut, r.deterministic.haircut);
    out.set(a.assetClass, (out.get(a.assetClass) ?? 0) + a.amount * (1 - d));
  }
  return out;
}

/** Basel HQLA (cents): cash above the buffer as Level 1, assets by level after the Basel haircuts, then the caps. */
export function baselHqlaOf(model: Model) {
  const r = regulatoryOf(model).basel;
  const levels = { level1: 0, level2a: 0, level2b: 0 };
  for (const a of model.funding.assets) if (a.assetClass != null) levels[baselLevel(a.assetClass)] += a.amount * (1 - r.haircuts[a.assetClass]);
  const cash = Math.max(0, model.funding.openingCash - model.funding.minimumCash);
  return { cash, assetsLevel1: levels.level1, ...baselHqla(cash + levels.level1, levels.level2a, levels.level2b, r.level2Cap, r.level2bCap) };
}

/** Inflows counted by the Basel-style ratio over its horizon: scheduled inflows + facilities x their inflow rate. */
export function baselInflows(model: Model, covered: number): { scheduled: number; facilities: number } {
  const r = regulatoryOf(model).basel;
  let scheduled = 0;
  for (let d = 0; d < covered; d++) scheduled += model.funding.inflows[d];
  let facilities = 0;
  for (const l of model.funding.creditLines) facilities += l.limit * r.facilityInflowRate;
  return { scheduled, facilities: Math.round(facilities) };
}

/** Days of the funding-only shortfall: one year, or the scenario's horizon when shorter. */
export function shortfallHorizon(model: Model): Horizon {
  return horizon(365, model);
}

/** The largest overdue amount on days [0, covered) of a path's ledger (cents). */
export function peakWithin(overdue: ArrayLike<number>, covered: number): number {
  let peak = 0;
  for (let d = 0; d < covered; d++) if (overdue[d] > peak) peak = overdue[d];
  return peak;
}

/** Rows of the ledger whose horizon sums the statistics use. */
const SUMMED = ['inflows', 'assetSales', 'creditDraws', 'paidMaturity', 'paidSurrender', 'paidOther', 'requestMaturity', 'requestSurrender', 'requestOther'] as const;
type Summed = (typeof SUMMED)[number];

/**
 * The regulatory ratios of a path from the outflows requested over each horizon: the C-ROSS LCR2 and
 * LCR3 (numerators fixed by the model: inflows over the horizon, opening cash, discounted HQLA) and
 * the Basel-style ratio (HQLA over net outflows). PathStats writes them into the run totals; the
 * analysis reads them per path (../analysis/ratio-figures.ts).
 */
export class PathRatios {
  readonly crossHorizons: (Horizon & { months: number })[];
  readonly basel: Horizon;
  /** In millionths, as the ratios. */
  readonly crossFloors: { lcr2: number; lcr3: number };
  private readonly crossNumerators: { lcr2: number; lcr3: number }[];
  private readonly baselHqla: number;
  private readonly baselInflows: number;
  private readonly inflowCap: number;

  constructor(model: Model) {
    const r = regulatoryOf(model);
    this.crossHorizons = cross2Horizons(model);
    this.basel = horizon(r.basel.horizonDays, model);
    const inflowsIn = (covered: number) => {
      let x = 0;
      for (let d = 0; d < covered; d++) x += model.funding.inflows[d];
      return x;
    };
    let hqla = 0;
    for (const v of cross2HqlaByClass(model).values()) hqla += v;
    const cash0 = r.cross2.countOpeningCash ? model.funding.openingCash : 0;
    this.crossNumerators = this.crossHorizons.map((h) => ({ lcr3: inflowsIn(h.covered) + cash0, lcr2: inflowsIn(h.covered) + cash0 + hqla }));
    this.crossFloors = { lcr2: r.cross2.floors.lcr2 * RATIO_SCALE, lcr3: r.cross2.floors.lcr3 * RATIO_SCALE };
    this.baselHqla = baselHqlaOf(model).total;
    const bi = baselInflows(model, this.basel.covered);
    this.baselInflows = bi.scheduled + bi.facilities;
    this.inflowCap = r.basel.inflowCap;
  }

  /** LCR2 and LCR3 at C-ROSS horizon j (millionths) for the outflows requested over it (cents). */
  cross(j: number, outflows: number): { lcr2: number; lcr3: number } {
    const n = this.crossNumerators[j];
    return { lcr2: scaledRatio(n.lcr2, outflows), lcr3: scaledRatio(n.lcr3, outflows) };
  }

  /** The Basel-style ratio (millionths) for the outflows requested over its horizon (cents). */
  baselRatio(outflows: number): number {
    return scaledRatio(this.baselHqla, baselNetOutflows(outflows, this.baselInflows, this.inflowCap));
  }
}

/** Stat keys, in the order the values come: documented in docs/results.md ("sourcesUses"). */
export class PathStats {
  readonly keys: string[] = [];
  readonly kinds: StatKind[] = [];
  readonly suHorizons: Horizon[];
  readonly crossHorizons: (Horizon & { months: number })[];
  readonly basel: Horizon;
  readonly withShortfall: boolean;
  private readonly ends: number[];
  private readonly sums: Record<Summed, Float64Array>;
  private readonly byAsset: Float64Array[];
  private readonly byLine: Float64Array[];
  private readonly classes: (AssetClass | 'unclassified')[];
  private readonly out: Float64Array;
  private readonly ratios: PathRatios;

  constructor(private readonly model: Model) {
    const r = regulatoryOf(model);
    this.suHorizons = r.sourcesUsesDays.map((d) => horizon(d, model));
    this.ratios = new PathRatios(model);
    this.crossHorizons = this.ratios.crossHorizons;
    this.basel = this.ratios.basel;
    this.withShortfall = r.shortfallQuantile !== null;
    this.classes = classesOf(model);
    this.ends = [...new Set([...this.suHorizons, ...this.crossHorizons, this.basel].map((h) => h.covered))].sort((a, b) => a - b);
    const perEnd = () => new Float64Array(this.ends.length);
    this.sums = Object.fromEntries(SUMMED.map((k) => [k, perEnd()])) as Record<Summed, Float64Array>;
    this.byAsset = model.funding.assets.map(perEnd);
    this.byLine = model.funding.creditLines.map(perEnd);
    const add = (key: string, kind: StatKind) => {
      this.keys.push(key);
      this.kinds.push(kind);
    };
    for (const h of this.suHorizons) {
      const p = `su${h.days}.`;
      for (const k of ['inflows', 'assetSales']) add(p + k, 'money');
      model.funding.assets.forEach((_, a) => add(`${p}asset${a}`, 'money'));
      this.classes.forEach((c) => add(`${p}class.${c}`, 'money'));
      add(p + 'creditDraws', 'money');
      model.funding.creditLines.forEach((_, l) => add(`${p}line${l}`, 'money'));
      for (const k of ['sourcesUsed', 'cashDrawn', 'paidMaturity', 'paidSurrender', 'paidOther', 'usesPaid', 'overdue', 'backlogNotDue', 'unmet', 'availableUnused', 'closingCash']) add(p + k, 'money');
    }
    for (const h of this.crossHorizons) {
      const p = `cross2.${h.months}m.`;
      add(p + 'outflows', 'money');
      for (const k of ['lcr2', 'lcr3']) add(p + k, 'ratio');
      for (const k of ['lcr2Below', 'lcr3Below']) add(p + k, 'indicator');
    }
    add('basel.outflows', 'money');
    add('basel.ratio', 'ratio');
    add('basel.below', 'indicator');
    if (this.withShortfall) add('shortfall.peak', 'money');
    this.out = new Float64Array(this.keys.length);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The index of a stat key (throws for an unknown key). */
  index(key: string): number {
    const i = this.keys.indexOf(key);
    if (i < 0) throw new RangeError(`no path statistic ${key}`);
    return i;
  }

  /**
   * The path's statistics from its ledger, and (when computed) its peak overdue in the funding-only
   * run. Returns a reused array (valid until the next call).
   */
  values(v: LedgerView, fundingOnlyPeak: number): Float64Array {
    const ends = this.ends;
    const sumTo = (row: ArrayLike<number>, into: Float64Array) => {
      let acc = 0;
      let e = 0;
      for (let d = 0; e < ends.length; d++) {
        while (e < ends.length && ends[e] === d) into[e++] = acc;
        if (d < row.length) acc += row[d];
      }
    };
    for (const k of SUMMED) sumTo(v[k], this.sums[k]);
    this.byAsset.forEach((into, a) => sumTo(v.assetSalesByAsset[a], into));
    this.byLine.forEach((into, l) => sumTo(v.creditDrawsByLine[l], into));
    const at = (covered: number) => ends.indexOf(covered);
    const out = this.out;
    let i = 0;
    const put = (x: number) => (out[i++] = x);
    const s = this.sums;
    const model = this.model;
    for (const h of this.suHorizons) {
      const e = at(h.covered);
      const last = h.covered - 1;
      put(s.inflows[e]);
      put(s.assetSales[e]);
      this.byAsset.forEach((x) => put(x[e]));
      for (const c of this.classes) {
        let x = 0;
        model.funding.assets.forEach((a, k) => (a.assetClass ?? 'unclassified') === c && (x += this.byAsset[k][e]));
        put(x);
      }
      put(s.creditDraws[e]);
      this.byLine.forEach((x) => put(x[e]));
      const sources = s.inflows[e] + s.assetSales[e] + s.creditDraws[e];
      put(sources);
      put(v.openingCash[0] - v.closingCash[last]);
      put(s.paidMaturity[e]);
      put(s.paidSurrender[e]);
      put(s.paidOther[e]);
      put(s.paidMaturity[e] + s.paidSurrender[e] + s.paidOther[e]);
      put(v.overdue[last]);
      put(v.backlog[last] - v.overdue[last]);
      put(v.backlog[last]);
      put(Math.round(v.reachable[last]));
      put(v.closingCash[last]);
    }
    this.crossHorizons.forEach((h, j) => {
      const e = at(h.covered);
      const outflows = s.requestMaturity[e] + s.requestSurrender[e] + s.requestOther[e];
      put(outflows);
      const { lcr2, lcr3 } = this.ratios.cross(j, outflows);
      put(lcr2);
      put(lcr3);
      put(lcr2 < this.ratios.crossFloors.lcr2 ? 1 : 0);
      put(lcr3 < this.ratios.crossFloors.lcr3 ? 1 : 0);
    });
    const e = at(this.basel.covered);
    const outflows = s.requestMaturity[e] + s.requestSurrender[e] + s.requestOther[e];
    put(outflows);
    const br = this.ratios.baselRatio(outflows);
    put(br);
    put(br < RATIO_SCALE ? 1 : 0);
    if (this.withShortfall) put(fundingOnlyPeak);
    return out;
  }
}

/** numerator / denominator in millionths, rounded, capped at RATIO_CAP (the cap when the denominator is not positive). */
export function scaledRatio(numerator: number, denominator: number): number {
  if (!(denominator > 0)) return RATIO_CAP;
  return Math.min(RATIO_CAP, Math.max(-RATIO_CAP, Math.round((numerator / denominator) * RATIO_SCALE)));
}
