/**
 * The regulatory figures in results.json: `summary.regulatory` (RegulatoryPack) and
 * `summary.sourcesUses` (SourcesUsesHorizon[]), as zod schemas with their types inferred; the results
 * schema (../results/types.ts) adds one optional line for each. Documented in docs/results.md.
 * Amounts in currency units (to the cent); ratios as fractions (1 = 100%) rounded to 1e-6;
 * probabilities rounded to 1e-6. Keys listed in the order pack.ts writes them.
 */
import { z } from 'zod';
import { ISO_DATE_SHAPE } from '../dates.js';

const isoDate = z.string().regex(ISO_DATE_SHAPE, 'an ISO date YYYY-MM-DD');
const amount = z.number();
const probability = z.number().min(0).max(1);

/** A horizon as asked and as the scenario covers it: never more days than the scenario simulates. */
export const horizonCoverSchema = z.object({
  /** Days asked for (30, 90, 365; or EDATE days for calendar months). */
  horizonDays: z.number().int(),
  /** Days the figures cover: min(horizonDays, the scenario's horizon). */
  coveredDays: z.number().int(),
  /** True when coveredDays < horizonDays: the figure is over the scenario's horizon only. */
  truncated: z.boolean(),
  /** First and last date covered. */
  from: isoDate,
  to: isoDate,
});
export type HorizonCover = z.infer<typeof horizonCoverSchema>;

/** A ratio over the Monte Carlo paths. */
export const ratioDistributionSchema = z.object({
  /** Share of paths with the ratio below its floor. */
  pBelowFloor: probability,
  /** 5% lower-rank quantile of the ratio over paths (sketch, relative accuracy 0.5%); null when no outflows on that many paths. */
  p5: z.number().nullable(),
  p50: z.number().nullable(),
});
export type RatioDistribution = z.infer<typeof ratioDistributionSchema>;

/** Outflows due in a horizon (payout requests), by type. */
export const outflowLinesSchema = z.object({ maturity: amount, surrender: amount, other: amount, total: amount });
export type OutflowLines = z.infer<typeof outflowLinesSchema>;

export const cross2RatioSchema = z.object({
  variant: z.enum(['lcr1', 'lcr2', 'lcr3']),
  horizonMonths: z.number().int(),
  cover: horizonCoverSchema,
  /** 'base' (LCR1: the base scenario's regulatory path) or 'stress' (this scenario's regulatory path). */
  scenario: z.enum(['base', 'stress']),
  lines: z.object({
    inflows: amount,
    /** 0 when `regulatory.cross2.count_opening_cash` is false. */
    openingCash: amount,
    /** High-quality liquid assets after the realisation discount, by class (LCR2 only; empty otherwise). */
    hqlaByClass: z.record(z.string(), amount),
    hqla: amount,
    numerator: amount,
  }),
  outflows: outflowLinesSchema,
  /** numerator / outflows; null when there are no outflows. */
  ratio: z.number().nullable(),
  floor: z.number(),
  /** ratio >= floor (null when the ratio is). */
  pass: z.boolean().nullable(),
  /** Over the Monte Carlo paths of this scenario (LCR2, LCR3); null for LCR1 (the base scenario is not simulated path by path). */
  distribution: ratioDistributionSchema.nullable(),
});
export type Cross2Ratio = z.infer<typeof cross2RatioSchema>;

export const cross2PackSchema = z.object({
  /** The base scenario file (as given in `regulatory.cross2.base`), or null. */
  baseScenario: z.string().nullable(),
  /** Why LCR1 is missing, when it is. */
  lcr1NotComputed: z.string().nullable(),
  lcr: z.array(cross2RatioSchema),
});
export type Cross2Pack = z.infer<typeof cross2PackSchema>;

export const baselLcrSchema = z.object({
  cover: horizonCoverSchema,
  hqla: z.object({
    /** Cash above the buffer, counted as Level 1. */
    cash: amount,
    level1Assets: amount,
    /** Level 1 in total (cash + assets), Level 2A and 2B after haircuts, before the caps. */
    level1: amount,
    level2a: amount,
    level2b: amount,
    adjustment15: amount,
    adjustment40: amount,
    total: amount,
    /** Level 2 share of HQLA after the caps (at most the Level 2 cap). */
    level2Share: z.number(),
  }),
  outflows: outflowLinesSchema,
  inflows: z.object({
    scheduled: amount,
    /** Committed facilities (credit lines) x `facility_inflow_rate` (0 by default). */
    facilities: amount,
    /** min(scheduled + facilities, inflow cap x outflows). */
    counted: amount,
  }),
  netOutflows: amount,
  ratio: z.number().nullable(),
  pass: z.boolean().nullable(),
  distribution: ratioDistributionSchema.nullable(),
});
export type BaselLcr = z.infer<typeof baselLcrSchema>;

export const fundingShortfallSchema = z.object({
  /** The quantile (0.995). */
  quantile: probability,
  /** That quantile over paths of the peak funding shortfall, channel and processing limits lifted. */
  amount: amount,
  /** Mean of the same peak over paths. */
  mean: amount,
  /** Share of paths with any funding shortfall in that run. */
  pAny: probability,
  cover: horizonCoverSchema,
  method: z.string(),
});
export type FundingShortfall = z.infer<typeof fundingShortfallSchema>;

/** The deterministic regulatory-mode path: its pinned draws and outcome. */
export const regulatoryPathSummarySchema = z.object({
  levelQuantile: probability,
  level: z.number(),
  shocks: z.enum(['occur', 'none']),
  refusedLines: z.array(z.string()),
  haircut: z.enum(['high', 'mean', 'low']),
  /** Per asset (scenario order): the haircut taken. */
  assetHaircuts: z.array(z.number()),
  peakOverdue: amount,
  firstShortfallDate: isoDate.nullable(),
});
export type RegulatoryPathSummary = z.infer<typeof regulatoryPathSummarySchema>;

export const regulatoryPackSchema = z.object({
  path: regulatoryPathSummarySchema,
  cross2: cross2PackSchema,
  basel: baselLcrSchema,
  /** Null when `regulatory.shortfall_quantile` is false or the scenario has no `regulatory:` key. */
  fundingShortfall: fundingShortfallSchema.nullable(),
});
export type RegulatoryPack = z.infer<typeof regulatoryPackSchema>;

/** One line of a sources-and-uses table. */
export const sourcesUsesLineSchema = z.object({
  group: z.enum(['sources', 'uses', 'unmet', 'available', 'position']),
  /** Stable key: inflows, assetSales, asset:<name>, class:<class>, creditDraws, line:<bank>, sourcesUsed, cashDrawn, ... */
  key: z.string(),
  /**
   * Over the Monte Carlo paths: mean (exact) and lower-rank quantiles (sketch, relative accuracy
   * 0.5%); null when the scenario has no `regulatory:` key (the paths were not reduced to them).
   */
  mean: amount.nullable(),
  p5: amount.nullable(),
  p50: amount.nullable(),
  p95: amount.nullable(),
  /** On the deterministic regulatory path. */
  regulatoryPath: amount,
});
export type SourcesUsesLine = z.infer<typeof sourcesUsesLineSchema>;

export const sourcesUsesHorizonSchema = z.object({
  cover: horizonCoverSchema,
  lines: z.array(sourcesUsesLineSchema),
});
export type SourcesUsesHorizon = z.infer<typeof sourcesUsesHorizonSchema>;

/** Why LCR1 is missing when no base scenario is named (`lcr1NotComputed`; the report translates this exact text). */
export const NO_BASE_SCENARIO =
  'no base scenario: set regulatory.cross2.base to the 基本情景 file; LCR1 is a base-scenario ratio, this scenario is the stress scenario';
