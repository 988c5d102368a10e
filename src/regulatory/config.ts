/**
 * The `regulatory:` section of a scenario, compiled: which regulatory figures to compute and with
 * which presets (docs/scenario-format.md, "regulatory"). Every key is optional; the defaults are the
 * presets below. Presets marked [K] in the research note (../../docs/model.md, "Regulatory ratios")
 * come from knowledge of the frameworks, not from the rule texts: each is one line here, stated in the
 * docs with its provenance, and each can be changed on its own in the scenario.
 */

/** Asset classes of `funding.assets[].class`: the Basel III LCR levels of high-quality liquid assets. */
export const ASSET_CLASSES = ['L1', 'L2A', 'L2B_RMBS', 'L2B'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

/** [K] Basel III LCR haircuts by level (BCBS 238, paragraphs 49-54): L1 0%, L2A 15%, RMBS 25%, other L2B 50%. */
export const BASEL_HAIRCUTS: Readonly<Record<AssetClass, number>> = { L1: 0, L2A: 0.15, L2B_RMBS: 0.25, L2B: 0.5 };

/** How the deterministic "regulatory mode" path pins every path-level draw. */
export interface DeterministicPath {
  /** The surrender level L at this quantile of its lognormal distribution. */
  readonly levelQuantile: number;
  /** Whether every shock happens ('occur') or none does ('none'). */
  readonly shocks: 'occur' | 'none';
  /** Indices (in funding.credit_lines order) of the lines refused on the path. */
  readonly refusedLines: readonly number[];
  /** Which end of each asset's haircut: the high end (stressed), its mean or the low end. */
  readonly haircut: 'high' | 'mean' | 'low';
  /** Rollover shares at their mean. */
  readonly rollover: 'mean';
}

export interface Cross2Config {
  /** The 基本情景 (base scenario) file for LCR1, resolved against this scenario's folder, or null. */
  readonly base: string | null;
  readonly horizonsMonths: readonly number[];
  /** Whether opening cash is a numerator line (each line switchable, to match the rule text). */
  readonly countOpeningCash: boolean;
  readonly floors: { readonly lcr1: number; readonly lcr2: number; readonly lcr3: number };
  /** Realisation discounts by class; a class not given uses its assets' haircuts on the regulatory path. */
  readonly discounts: Partial<Readonly<Record<AssetClass, number>>>;
}

export interface BaselConfig {
  readonly horizonDays: number;
  readonly haircuts: Readonly<Record<AssetClass, number>>;
  /** [K] Level 2 at most this share of HQLA (0.40) and Level 2B at most `level2bCap` (0.15). */
  readonly level2Cap: number;
  readonly level2bCap: number;
  /** [V] Inflows count up to this share of outflows (0.75). */
  readonly inflowCap: number;
  /** [V] Inflow rate of committed facilities received (credit lines): 0 in Basel III. */
  readonly facilityInflowRate: number;
}

export interface RegulatoryConfig {
  readonly deterministic: DeterministicPath;
  readonly cross2: Cross2Config;
  readonly basel: BaselConfig;
  /** Sources-and-uses horizons in days (NAIC LST: 30, 90, 365). */
  readonly sourcesUsesDays: readonly number[];
  /** The funding-only shortfall quantile (FSI-6 style: 0.995), or null when not computed. */
  readonly shortfallQuantile: number | null;
  /**
   * Whether every Monte Carlo path is reduced to the per-path statistics (../engine/path-stats.ts):
   * the figures' distributions over paths (means and quantiles of sources and uses, P(below floor)
   * of the ratios). True with a `regulatory:` key; without one only the regulatory path's figures.
   */
  readonly perPathStatistics: boolean;
}

export const DEFAULT_REGULATORY: RegulatoryConfig = {
  deterministic: { levelQuantile: 0.995, shocks: 'occur', refusedLines: [], haircut: 'high', rollover: 'mean' },
  cross2: { base: null, horizonsMonths: [3, 12], countOpeningCash: true, floors: { lcr1: 1, lcr2: 1, lcr3: 0.5 }, discounts: {} },
  basel: { horizonDays: 30, haircuts: BASEL_HAIRCUTS, level2Cap: 0.4, level2bCap: 0.15, inflowCap: 0.75, facilityInflowRate: 0 },
  sourcesUsesDays: [30, 90, 365],
  shortfallQuantile: 0.995,
  perPathStatistics: true,
};

/**
 * The settings of a scenario without a `regulatory:` key: the presets on the regulatory path only,
 * no distributions over the Monte Carlo paths and no funding-only shortfall. Those reduce every path
 * to about 80 statistics and (the shortfall) re-run every path's cash, funding and payments with the
 * limits lifted, which together make a run about 1.45x as long where limits bind; a scenario asks for them with a `regulatory:` key (any, even `regulatory: {}`),
 * where `shortfall_quantile` defaults to 0.995 (docs/performance.md, "The 0.3.0 regression and its fix").
 */
export const REGULATORY_WITHOUT_KEY: RegulatoryConfig = { ...DEFAULT_REGULATORY, shortfallQuantile: null, perPathStatistics: false };
