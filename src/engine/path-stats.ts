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
import { horizonRecordSize, type LedgerView } from './kernel.js';
import { HORIZON_ORDER, HORIZON_SUMMED } from './abi.js';
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

/**
 * How many per-path statistics every Monte Carlo path gives: those of `PathStats` when the model
 * asks for them (`regulatory.perPathStatistics`: a scenario with a `regulatory:` key), else 0.
 */
export function pathStatCount(model: Model): number {
  return regulatoryOf(model).perPathStatistics ? new PathStats(model).size : 0;
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

const [inflows, assetSales, creditDraws, paidMaturity, paidSurrender, paidOther, requestMaturity, requestSurrender, requestOther, closingCash, overdue, backlog, reachable] =
  HORIZON_ORDER.map((_, k) => k);

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
  /**
   * The distinct covered days of every horizon, ascending: where a path's horizon records are taken
   * (the kernel writes them on every Monte Carlo path: `PathSimulator` option `horizonEnds`).
   */
  readonly ends: readonly number[];
  /** Doubles per horizon record (HORIZON_ORDER, then by asset, then by line). */
  private readonly recordSize: number;
  /** Offset of each horizon's record (sources and uses, C-ROSS, Basel) in the records. */
  private readonly recordAt: number[];
  /** Per asset, the classes' index in `classes`. */
  private readonly assetClassIndex: number[];
  private readonly classSums: Float64Array;
  /** Horizon records built from a ledger (`horizonRecords`). */
  private readonly fromLedger: Float64Array;
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
    this.recordSize = horizonRecordSize(model);
    // where each horizon's record starts: sources and uses, then C-ROSS, then Basel
    this.recordAt = [...this.suHorizons, ...this.crossHorizons, this.basel].map((h) => this.ends.indexOf(h.covered) * this.recordSize);
    this.fromLedger = new Float64Array(this.ends.length * this.recordSize);
    this.assetClassIndex = model.funding.assets.map((a) => this.classes.indexOf(a.assetClass ?? 'unclassified'));
    this.classSums = new Float64Array(this.classes.length);
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
   * A path's horizon records from its ledger, as the kernel writes them on every Monte Carlo path
   * (the same additions in the same order, so the same bits): at each end c of `ends`, the sums of
   * the summed rows over days [0, c), the other rows' values on day c - 1, then the sums by asset and
   * by line. Returns a reused array (valid until the next call).
   */
  horizonRecords(v: LedgerView): Float64Array {
    const out = this.fromLedger;
    const size = this.recordSize;
    const ends = this.ends;
    const sumRow = (row: ArrayLike<number>, at: number) => {
      let acc = 0;
      let d = 0;
      for (let e = 0; e < ends.length; e++) {
        for (; d < ends[e]; d++) acc += row[d];
        out[e * size + at] = acc;
      }
    };
    HORIZON_ORDER.forEach((key, i) => {
      if (i < HORIZON_SUMMED) sumRow(v[key], i);
      else ends.forEach((c, e) => (out[e * size + i] = v[key][c - 1]));
    });
    v.assetSalesByAsset.forEach((row, a) => sumRow(row, HORIZON_ORDER.length + a));
    v.creditDrawsByLine.forEach((row, l) => sumRow(row, HORIZON_ORDER.length + v.assetSalesByAsset.length + l));
    return out;
  }

  /** The path's statistics from its ledger (`horizonRecords`, then `fromRecords`); see there. */
  values(v: LedgerView, fundingOnlyPeak: number): Float64Array {
    return this.fromRecords(this.horizonRecords(v), v.openingCash[0], fundingOnlyPeak);
  }

  /**
   * The path's statistics from its horizon records (the kernel's `PathSimulator.horizonRecords()`
   * or `horizonRecords` of a ledger), its opening cash and (when computed) its peak overdue in the
   * funding-only run. Returns a reused array (valid until the next call).
   */
  fromRecords(records: Float64Array, openingCash: number, fundingOnlyPeak: number): Float64Array {
    const A = this.model.funding.assets.length;
    const L = this.model.funding.creditLines.length;
    const out = this.out;
    let i = 0;
    const put = (x: number) => (out[i++] = x);
    const at = this.recordAt;
    const byAsset = HORIZON_ORDER.length;
    const byLine = byAsset + A;
    for (let j = 0; j < this.suHorizons.length; j++) {
      const r = at[j];
      put(records[r + inflows]);
      put(records[r + assetSales]);
      for (let a = 0; a < A; a++) put(records[r + byAsset + a]);
      // by class: the assets' sums in scenario order, from +0 as before
      this.classSums.fill(0);
      for (let a = 0; a < A; a++) this.classSums[this.assetClassIndex[a]] += records[r + byAsset + a];
      for (let c = 0; c < this.classes.length; c++) put(this.classSums[c]);
      put(records[r + creditDraws]);
      for (let l = 0; l < L; l++) put(records[r + byLine + l]);
      put(records[r + inflows] + records[r + assetSales] + records[r + creditDraws]);
      put(openingCash - records[r + closingCash]);
      put(records[r + paidMaturity]);
      put(records[r + paidSurrender]);
      put(records[r + paidOther]);
      put(records[r + paidMaturity] + records[r + paidSurrender] + records[r + paidOther]);
      put(records[r + overdue]);
      put(records[r + backlog] - records[r + overdue]);
      put(records[r + backlog]);
      put(Math.round(records[r + reachable]));
      put(records[r + closingCash]);
    }
    const outflowsAt = (r: number) => records[r + requestMaturity] + records[r + requestSurrender] + records[r + requestOther];
    const su = this.suHorizons.length;
    this.crossHorizons.forEach((_, j) => {
      const outflows = outflowsAt(at[su + j]);
      put(outflows);
      const { lcr2, lcr3 } = this.ratios.cross(j, outflows);
      put(lcr2);
      put(lcr3);
      put(lcr2 < this.ratios.crossFloors.lcr2 ? 1 : 0);
      put(lcr3 < this.ratios.crossFloors.lcr3 ? 1 : 0);
    });
    const outflows = outflowsAt(at[su + this.crossHorizons.length]);
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
