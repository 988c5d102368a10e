/**
 * The regulatory figures in results.json: `summary.regulatory` (RegulatoryPack) and
 * `summary.sourcesUses` (SourcesUsesHorizon[]). Documented in docs/results.md. Amounts in currency
 * units (to the cent); ratios as fractions (1 = 100%) rounded to 1e-6; probabilities rounded to 1e-6.
 */
import type { IsoDate } from '../results/types.js';

/** A horizon as asked and as the scenario covers it: never more days than the scenario simulates. */
export interface HorizonCover {
  /** Days asked for (30, 90, 365; or EDATE days for calendar months). */
  horizonDays: number;
  /** Days the figures cover: min(horizonDays, the scenario's horizon). */
  coveredDays: number;
  /** True when coveredDays < horizonDays: the figure is over the scenario's horizon only. */
  truncated: boolean;
  /** First and last date covered. */
  from: IsoDate;
  to: IsoDate;
}

/** A ratio over the Monte Carlo paths. */
export interface RatioDistribution {
  /** Share of paths with the ratio below its floor. */
  pBelowFloor: number;
  /** 5% lower-rank quantile of the ratio over paths (sketch, relative accuracy 0.5%); null when no outflows on that many paths. */
  p5: number | null;
  p50: number | null;
}

/** Outflows due in a horizon (payout requests), by type. */
export interface OutflowLines {
  maturity: number;
  surrender: number;
  other: number;
  total: number;
}

export interface Cross2Ratio {
  variant: 'lcr1' | 'lcr2' | 'lcr3';
  horizonMonths: number;
  cover: HorizonCover;
  /** 'base' (LCR1: the base scenario's regulatory path) or 'stress' (this scenario's regulatory path). */
  scenario: 'base' | 'stress';
  lines: {
    inflows: number;
    /** 0 when `regulatory.cross2.count_opening_cash` is false. */
    openingCash: number;
    /** High-quality liquid assets after the realisation discount, by class (LCR2 only; empty otherwise). */
    hqlaByClass: Record<string, number>;
    hqla: number;
    numerator: number;
  };
  outflows: OutflowLines;
  /** numerator / outflows; null when there are no outflows. */
  ratio: number | null;
  floor: number;
  /** ratio >= floor (null when the ratio is). */
  pass: boolean | null;
  /** Over the Monte Carlo paths of this scenario (LCR2, LCR3); null for LCR1 (the base scenario is not simulated path by path). */
  distribution: RatioDistribution | null;
}

export interface Cross2Pack {
  /** The base scenario file (as given in `regulatory.cross2.base`), or null. */
  baseScenario: string | null;
  /** Why LCR1 is missing, when it is. */
  lcr1NotComputed: string | null;
  lcr: Cross2Ratio[];
}

export interface BaselLcr {
  cover: HorizonCover;
  hqla: {
    /** Cash above the buffer, counted as Level 1. */
    cash: number;
    level1Assets: number;
    /** Level 1 in total (cash + assets), Level 2A and 2B after haircuts, before the caps. */
    level1: number;
    level2a: number;
    level2b: number;
    adjustment15: number;
    adjustment40: number;
    total: number;
    /** Level 2 share of HQLA after the caps (at most the Level 2 cap). */
    level2Share: number;
  };
  outflows: OutflowLines;
  inflows: {
    scheduled: number;
    /** Committed facilities (credit lines) x `facility_inflow_rate` (0 by default). */
    facilities: number;
    /** min(scheduled + facilities, inflow cap x outflows). */
    counted: number;
  };
  netOutflows: number;
  ratio: number | null;
  pass: boolean | null;
  distribution: RatioDistribution | null;
}

export interface FundingShortfall {
  /** The quantile (0.995). */
  quantile: number;
  /** That quantile over paths of the peak funding shortfall, channel and processing limits lifted. */
  amount: number;
  /** Mean of the same peak over paths. */
  mean: number;
  /** Share of paths with any funding shortfall in that run. */
  pAny: number;
  cover: HorizonCover;
  method: string;
}

/** The deterministic regulatory-mode path: its pinned draws and outcome. */
export interface RegulatoryPathSummary {
  levelQuantile: number;
  level: number;
  shocks: 'occur' | 'none';
  refusedLines: string[];
  haircut: 'high' | 'mean' | 'low';
  /** Per asset (scenario order): the haircut taken. */
  assetHaircuts: number[];
  peakOverdue: number;
  firstShortfallDate: IsoDate | null;
}

export interface RegulatoryPack {
  path: RegulatoryPathSummary;
  cross2: Cross2Pack;
  basel: BaselLcr;
  /** Null when `regulatory.shortfall_quantile` is false. */
  fundingShortfall: FundingShortfall | null;
}

/** One line of a sources-and-uses table. */
export interface SourcesUsesLine {
  group: 'sources' | 'uses' | 'unmet' | 'available' | 'position';
  /** Stable key: inflows, assetSales, asset:<name>, class:<class>, creditDraws, line:<bank>, sourcesUsed, cashDrawn, ... */
  key: string;
  /** Over the Monte Carlo paths: mean (exact) and lower-rank quantiles (sketch, relative accuracy 0.5%). */
  mean: number;
  p5: number;
  p50: number;
  p95: number;
  /** On the deterministic regulatory path. */
  regulatoryPath: number;
}

export interface SourcesUsesHorizon {
  cover: HorizonCover;
  lines: SourcesUsesLine[];
}
