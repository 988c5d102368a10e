/**
 * Regulatory ratios as per-path figures for the analysis: the C-ROSS LCR2 and LCR3 at each of the
 * scenario's horizons (`lcr2_3m`, `lcr3_12m`) and the Basel-style ratio (`basel30d`), read on every
 * path from the engine's regulatory statistics (../engine/path-stats.ts: ratios in millionths,
 * capped at RATIO_CAP when a path has no outflows in the horizon). Each ratio gives two figures: its
 * mean over paths, and `pBelowFloor(KEY)`, the share of paths with the ratio below its floor (the
 * scenario's `regulatory.cross2.floors`; 1 for the Basel-style ratio), the same indicator as the
 * ratio's `distribution.pBelowFloor` in results.json.
 */
import type { Model } from '../model/types.js';
import { FIELD } from '../engine/kernel.js';
import { PathRatios, RATIO_SCALE, cross2Horizons, horizon, regulatoryOf, type PathStats } from '../engine/path-stats.js';

export interface RatioFigure {
  /** `lcr2_3m`, `lcr3_3m`, `basel30d`, ... */
  key: string;
  label: string;
  /** The floor below which a path counts in `pBelowFloor(key)`, in millionths (as the path values). */
  floorScaled: number;
  floor: number;
  /** The path statistic's key in PathStats. */
  stat: string;
  /** Index of its C-ROSS horizon, or null for the Basel-style ratio. */
  crossHorizon: number | null;
  variant: 'lcr2' | 'lcr3' | 'basel';
}

/** The ratio figures of a model, in the order: LCR2 and LCR3 per C-ROSS horizon, then the Basel-style ratio. */
export function ratioFigures(model: Model): RatioFigure[] {
  const r = regulatoryOf(model);
  const out: RatioFigure[] = [];
  cross2Horizons(model).forEach((h, j) => {
    for (const v of ['lcr2', 'lcr3'] as const) {
      const floor = r.cross2.floors[v];
      out.push({ key: `${v}_${h.months}m`, label: `${v.toUpperCase()} ${h.months}m`, floor, floorScaled: floor * RATIO_SCALE, stat: `cross2.${h.months}m.${v}`, crossHorizon: j, variant: v });
    }
  });
  const days = horizon(r.basel.horizonDays, model).days;
  out.push({ key: `basel${days}d`, label: `Basel-style ${days}-day ratio`, floor: 1, floorScaled: RATIO_SCALE, stat: 'basel.ratio', crossHorizon: null, variant: 'basel' });
  return out;
}

/** Indices of the ratio figures' statistics among a PathStats' values. */
export function ratioStatIndices(stats: PathStats, ratios: readonly RatioFigure[]): number[] {
  return ratios.map((f) => stats.index(f.stat));
}

/**
 * Reads a path's ratios from its own per-day sums (a one-path sink: FIELD values per day), without
 * the path's ledger: only the outflows requested over each horizon are needed. The outflows are
 * summed as PathStats sums them (each kind over the days in order, then the three kinds), so the
 * values are the same bits as the run's path statistics.
 */
export class RatioReader {
  private readonly ratios: PathRatios;
  /** Distinct horizon ends (days covered), ascending, and each figure's end. */
  private readonly ends: number[];
  private readonly endOf: number[];
  private readonly outflows: Float64Array;

  constructor(
    model: Model,
    private readonly figures: readonly RatioFigure[],
  ) {
    this.ratios = new PathRatios(model);
    const coveredOf = (f: RatioFigure) => (f.crossHorizon === null ? this.ratios.basel.covered : this.ratios.crossHorizons[f.crossHorizon].covered);
    this.ends = [...new Set(figures.map(coveredOf))].sort((a, b) => a - b);
    this.endOf = figures.map((f) => this.ends.indexOf(coveredOf(f)));
    this.outflows = new Float64Array(this.ends.length);
  }

  /** Writes the path's ratios (millionths) into `into` from index `at`; `acc` holds its per-day sums, F fields a day. */
  read(acc: Float64Array, F: number, into: Float64Array, at: number): void {
    const { ends, outflows } = this;
    let m = 0;
    let s = 0;
    let o = 0;
    let e = 0;
    for (let d = 0; e < ends.length; d++) {
      while (e < ends.length && ends[e] === d) outflows[e++] = m + s + o;
      if (e === ends.length) break;
      m += acc[d * F + FIELD.requestMaturity];
      s += acc[d * F + FIELD.requestSurrender];
      o += acc[d * F + FIELD.requestOther];
    }
    this.figures.forEach((f, r) => {
      const out = outflows[this.endOf[r]];
      into[at + r] = f.crossHorizon === null ? this.ratios.baselRatio(out) : this.ratios.cross(f.crossHorizon, out)[f.variant as 'lcr2' | 'lcr3'];
    });
  }
}
