/**
 * The results document (results.json), versioned: ONE zod schema per part, and every exported type
 * inferred from it. This file is the source of truth for the document: `buildResults` (build.ts) is
 * typed by it and `parseResults` (report/load.ts) validates saved files with it. docs/results.md
 * describes the fields for readers.
 *
 * Conventions: amounts are in currency units rounded to the cent (a JSON number such as 1234.56,
 * written from integer cents so it is exact); dates are ISO `YYYY-MM-DD`; probabilities in [0, 1]
 * rounded to 1e-6 where they are estimates.
 *
 * Key order: results.json is `JSON.stringify` of the object `buildResults` builds, so the bytes
 * follow the order in which build.ts writes the keys, not this schema. The schemas list the keys
 * in the same order, and tests/results/schema.test.ts checks that they agree.
 *
 * Adding a field (a new per-run figure, CONTRACTS item 2): give it its own module exporting
 * `fooSchema` and `export type Foo = z.infer<typeof fooSchema>`, then add ONE line here, optional so
 * older files still load, at the place where build.ts writes it:
 *
 *     regulatory: regulatoryPackSchema.optional(),
 *
 * A window's `lever` (CONTRACTS 1) is already here, optional: the analysis step fills it.
 *
 * Objects are not strict: a file with keys this version does not know still loads (and is
 * returned unchanged).
 */
import { z } from 'zod';
import { ISO_DATE_SHAPE } from '../dates.js';
import { ASSET_CLASSES } from '../regulatory/config.js';
import { regulatoryPackSchema, sourcesUsesHorizonSchema } from '../regulatory/types.js';
import { policyBookSchema } from '../scenario/policies.js';

import { actionSummarySchema } from './action-summary.js';

export const RESULTS_SCHEMA = 'liqsim/results';
export const RESULTS_SCHEMA_VERSION = 3;

export type IsoDate = string;

// ---------------------------------------------------------------------------------------------
// Building blocks

export const isoDateSchema = z.string().regex(ISO_DATE_SHAPE, 'an ISO date YYYY-MM-DD');
const amount = z.number();
const probability = z.number().min(0).max(1);
const interval = z.tuple([probability, probability]);

/** Why a payout was late: not enough funding, a payment-channel limit, or processing capacity. */
export const causeSchema = z.enum(['funding', 'channel', 'processing']);
export type Cause = z.infer<typeof causeSchema>;
export const CAUSES: readonly Cause[] = causeSchema.options;

export const payoutTypeSchema = z.enum(['maturity', 'surrender', 'other']);
export type PayoutType = z.infer<typeof payoutTypeSchema>;
export const PAYOUT_TYPES: readonly PayoutType[] = payoutTypeSchema.options;

const byPayoutType = z.object({ maturity: amount, surrender: amount, other: amount });

/** A proportion estimated from paths, with its standard error and 95% Wilson interval. */
export const proportionEstimateSchema = z.object({ estimate: probability, standardError: z.number(), ci95: interval });
export type ProportionEstimate = z.infer<typeof proportionEstimateSchema>;

/** A mean over paths with its Monte Carlo standard error. */
export const meanEstimateSchema = z.object({ mean: amount, standardError: amount });
export type MeanEstimate = z.infer<typeof meanEstimateSchema>;

export const quantilesSchema = z.object({ p1: amount, p5: amount, p50: amount, p95: amount, p99: amount });
export type Quantiles = z.infer<typeof quantilesSchema>;

// ---------------------------------------------------------------------------------------------
// meta

/**
 * The names of the scenario's funding sources and payment channels, in scenario order (the order
 * of `creditDrawnByLine` and of the channels), so readers of results.json (report, daily.csv,
 * check) name them without reading the scenario. Absent in files written before 0.3.
 */
export const fundingNamesSchema = z.object({
  creditLines: z.array(z.object({ bank: z.string() })),
  /** `class`: the asset's liquidity class (`funding.assets[].class`), when it has one. */
  assets: z.array(z.object({ name: z.string(), class: z.enum(ASSET_CLASSES).optional() })),
  channels: z.array(z.object({ bank: z.string() })),
});
export type FundingNames = z.infer<typeof fundingNamesSchema>;

export const resultsMetaSchema = z.object({
  /** `commit`: git commit of the build ("-dirty" with uncommitted changes), null when unknown (absent in old files). */
  tool: z.object({ name: z.literal('liqsim'), version: z.string(), commit: z.string().nullable().optional() }),
  scenario: z.object({
    name: z.string(),
    description: z.string(),
    /** As-of date of the scenario's data (scenario key `as_of`); absent when the scenario states none. */
    asOf: isoDateSchema.optional(),
    file: z.string(),
    /** SHA-256 of the canonical JSON of the resolved scenario (after `extends`, with CSV rows inlined). */
    sha256: z.string(),
    currency: z.string().min(1),
    /** The resolved scenario (after `extends`, CSV rows inlined) exactly as hashed. */
    resolved: z.unknown(),
  }),
  funding: fundingNamesSchema.optional(),
  run: z.object({
    seed: z.string(),
    paths: z.number().int().positive(),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    horizonDays: z.number().int().positive(),
    shortfallThreshold: probability,
    overdueGraceDays: z.number().int().nonnegative(),
    /** Present only when the grace days are business days (absent: calendar days). */
    overdueGraceCalendar: z.literal('business').optional(),
    generator: z.string(),
    pathStream: z.string(),
    blockSize: z.number(),
    /** A command line that reproduces this run from the scenario file. */
    reproduce: z.string(),
  }),
  statistics: z.object({ quantileMethod: z.string(), sketchRelativeAccuracy: z.number(), intervalMethod: z.string() }),
  /** With `liabilities.policies`: the files' SHA-256, rows, totals, rejects and book figures (never the rows). */
  policies: policyBookSchema.optional(),
});

// ---------------------------------------------------------------------------------------------
// summary

/** What it would take to keep P(overdue) at or below the threshold on every date of the window (CONTRACTS 1). */
export const windowLeverSchema = z.object({
  kind: z.enum(['funding', 'channel', 'processing']),
  /** funding: extra same-day cash (currency units) available by `byDate`; channel: daily amount
   *  limit (currency units per day) on `channel`; processing: payouts per day. */
  amount: z.number(),
  byDate: isoDateSchema,
  /** Bank of the channel (kind 'channel' only). */
  channel: z.string().optional(),
  /** Largest P(overdue) on a window date with the lever applied (<= threshold when found). */
  achievedProbability: probability,
  /** false when even the search's upper bound did not bring P(overdue) under the threshold. */
  found: z.boolean(),
  /** How it was found, e.g. "bisection with common random numbers, 2000 paths, tolerance 1%". */
  method: z.string(),
});
export type WindowLever = z.infer<typeof windowLeverSchema>;

export const shortfallWindowSchema = z.object({
  start: isoDateSchema,
  end: isoDateSchema,
  days: z.number().int().positive(),
  peakProbability: probability,
  peakDate: isoDateSchema,
  /** Largest expected (mean over all paths) overdue amount on a date of the window. */
  maxExpectedShortfall: amount,
  maxExpectedShortfallDate: isoDateSchema,
  dominantCause: causeSchema,
  /** Largest mean overdue amount over the paths in shortfall on a date of the window (exact: overdue is 0 on the others), and its date; absent in files written before it. */
  maxMeanOverdueOnShortfallPaths: amount.optional(),
  maxMeanOverdueOnShortfallPathsDate: isoDateSchema.optional(),
  /** Computed by the analysis step (src/analysis/); absent when not computed. */
  lever: windowLeverSchema.optional(),
});
export type ShortfallWindow = z.infer<typeof shortfallWindowSchema>;

export const resultsSummarySchema = z.object({
  pAnyShortfall: proportionEstimateSchema,
  /** Per-path peak overdue amount: mean over all paths, and tail figures. */
  shortfall: z.object({
    expectedPeak: meanEstimateSchema,
    p95Peak: amount,
    p99Peak: amount,
    /** Mean of the worst 5% of paths' peak overdue (CVaR 95%). */
    tailMean95: amount,
  }),
  firstShortfall: z.object({
    paths: z.number().int().nonnegative(),
    earliest: isoDateSchema.nullable(),
    /** Quantiles of the first shortfall date among paths that have one. */
    quantiles: z.object({ p5: isoDateSchema, p50: isoDateSchema, p95: isoDateSchema }).nullable(),
    /** Paths whose first shortfall falls on each date (only dates with any). */
    distribution: z.array(z.object({ date: isoDateSchema, paths: z.number().int(), probability })),
  }),
  windows: z.array(shortfallWindowSchema),
  /** C-ROSS II LCR1-3, the Basel-style 30-day ratio, the funding-only shortfall quantile, the regulatory path (../regulatory/types.ts). */
  regulatory: regulatoryPackSchema.optional(),
  /** NAIC LST-style sources and uses of liquidity per horizon. */
  sourcesUses: z.array(sourcesUsesHorizonSchema).optional(),
  /** Management actions, in scenario order (absent without them): ./action-summary.ts, ./actions.ts. */
  actions: z.array(actionSummarySchema).optional(),
});

// ---------------------------------------------------------------------------------------------
// daily and the worst path

export const dailyRowSchema = z.object({
  date: isoDateSchema,
  businessDay: z.boolean(),
  /** Fraction of paths with an overdue payout at the end of the date. */
  pShortfall: probability,
  pShortfallCi95: interval,
  /** Liquidity headroom quantiles over paths (see docs/results.md: cash above buffer + reachable funding - unpaid payouts). */
  headroom: quantilesSchema,
  /** Mean over all paths of the overdue amount at the end of the date. */
  expectedShortfall: amount,
  /** Monte Carlo standard error of expectedShortfall. */
  expectedShortfallSE: amount,
  /** Mean unpaid payout requests (due or not yet due) at the end of the date. */
  expectedBacklog: amount,
  /** Mean amounts of that date's new payout requests, by type. */
  requests: byPayoutType,
  /** Mean amounts paid that date, by type. */
  paid: byPayoutType,
  /** Mean payment capacity that date: cash available, channel amount limit, processing capacity in amount terms. */
  capacity: z.object({ funding: amount, channel: amount, processing: amount }),
  /** Mean credit drawn that date (funds arriving), in total and per line (scenario order, named in meta.funding). */
  creditDrawn: amount,
  creditDrawnByLine: z.array(amount),
  /** Mean asset-sale proceeds arriving that date, in total, per asset (scenario order) and per class. */
  assetsSold: amount,
  assetsSoldByAsset: z.array(amount).optional(),
  /** Keys: the classes of `funding.assets[].class` present (L1, L2A, L2B_RMBS, L2B), and `unclassified`. */
  assetsSoldByClass: z.record(z.string(), amount).optional(),
  /** Mean closing cash. */
  closingCash: amount,
  /** Share of the overdue amount by binding cause (sums to 1 when there is any overdue amount, else all 0). */
  causeShares: z.object({ funding: z.number(), channel: z.number(), processing: z.number() }),
  /** With management actions only: mean deferred surrenders owed (not yet due) and loan money arrived. */
  deferred: amount.optional(),
  actionInflows: amount.optional(),
});
export type DailyRow = z.infer<typeof dailyRowSchema>;

export const ledgerRowSchema = z.object({
  date: isoDateSchema,
  openingCash: amount,
  inflows: amount,
  assetSales: amount,
  /** Proceeds settling by asset (scenario order) and by class. */
  assetSalesByAsset: z.array(amount).optional(),
  assetSalesByClass: z.record(z.string(), amount).optional(),
  creditDraws: amount,
  payouts: byPayoutType,
  closingCash: amount,
  backlog: amount,
  overdue: amount,
  cause: causeSchema.nullable(),
  /** With management actions only: deferred surrenders owed at the day's end, loan money arrived (a cash inflow). */
  deferred: amount.optional(),
  actionInflows: amount.optional(),
});
export type LedgerRow = z.infer<typeof ledgerRowSchema>;

// ---------------------------------------------------------------------------------------------
// The document

export const resultsSchema = z.object({
  schema: z.literal(RESULTS_SCHEMA),
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  meta: resultsMetaSchema,
  summary: resultsSummarySchema,
  daily: z.array(dailyRowSchema).min(1),
  worstPath: z.object({
    path: z.number().int(),
    criterion: z.string(),
    ledger: z.array(ledgerRowSchema),
  }),
});
export type Results = z.infer<typeof resultsSchema>;
