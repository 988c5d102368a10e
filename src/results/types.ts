/**
 * The results schema (results.json), versioned. Documented in the README ("Results schema").
 *
 * Conventions: amounts are in currency units rounded to the cent (a JSON number such as 1234.56,
 * written from integer cents so it is exact); dates are ISO `YYYY-MM-DD`; probabilities in [0, 1]
 * rounded to 1e-6 where they are estimates. Object keys are written in a fixed order, so the same
 * scenario and seed give byte-identical files.
 */

import type { ActionSummary } from './actions.js';

export const RESULTS_SCHEMA = 'liqsim/results';
export const RESULTS_SCHEMA_VERSION = 1;

export type IsoDate = string;

/** Why a payout was late: not enough funding, a payment-channel limit, or processing capacity. */
export type Cause = 'funding' | 'channel' | 'processing';
export const CAUSES: readonly Cause[] = ['funding', 'channel', 'processing'];

export type PayoutType = 'maturity' | 'surrender' | 'other';
export const PAYOUT_TYPES: readonly PayoutType[] = ['maturity', 'surrender', 'other'];

/** A proportion estimated from paths, with its standard error and 95% Wilson interval. */
export interface ProportionEstimate {
  estimate: number;
  standardError: number;
  ci95: [number, number];
}

/** A mean over paths with its Monte Carlo standard error. */
export interface MeanEstimate {
  mean: number;
  standardError: number;
}

export interface Quantiles {
  p1: number;
  p5: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface ShortfallWindow {
  start: IsoDate;
  end: IsoDate;
  days: number;
  peakProbability: number;
  peakDate: IsoDate;
  /** Largest expected (mean over all paths) overdue amount on a date of the window. */
  maxExpectedShortfall: number;
  maxExpectedShortfallDate: IsoDate;
  dominantCause: Cause;
}

export interface CoverageRatio {
  /** Requested horizon (30, 90, 365) and the days actually covered (capped at the scenario horizon). */
  horizonDays: number;
  coveredDays: number;
  /** Liquidity sources after stressed haircuts reachable within the horizon. */
  sources: number;
  /** Mean stressed payout requests within the horizon (maturity + surrender + other). */
  needs: number;
  /** sources / needs; null when needs are zero. */
  ratio: number | null;
  sourcesBreakdown: { cash: number; inflows: number; credit: number; assets: number };
}

export interface DailyRow {
  date: IsoDate;
  businessDay: boolean;
  /** Fraction of paths with an overdue payout at the end of the date. */
  pShortfall: number;
  pShortfallCi95: [number, number];
  /** Liquidity headroom quantiles over paths (see README: cash above buffer + reachable funding - unpaid payouts). */
  headroom: Quantiles;
  /** Mean over all paths of the overdue amount at the end of the date. */
  expectedShortfall: number;
  /** Monte Carlo standard error of expectedShortfall. */
  expectedShortfallSE: number;
  /** Mean unpaid payout requests (due or not yet due) at the end of the date. */
  expectedBacklog: number;
  /** Mean amounts of that date's new payout requests, by type. */
  requests: Record<PayoutType, number>;
  /** Mean amounts paid that date, by type. */
  paid: Record<PayoutType, number>;
  /** Mean payment capacity that date: cash available, channel amount limit, processing capacity in amount terms. */
  capacity: { funding: number; channel: number; processing: number };
  /** Mean credit drawn that date (funds arriving), in total and per line (scenario order). */
  creditDrawn: number;
  creditDrawnByLine: number[];
  /** Mean asset-sale proceeds arriving that date. */
  assetsSold: number;
  /** Mean closing cash. */
  closingCash: number;
  /** Share of the overdue amount by binding cause (sums to 1 when there is any overdue amount, else all 0). */
  causeShares: Record<Cause, number>;
  /** With management actions only: mean deferred surrenders owed (not yet due) and loan money arrived. */
  deferred?: number;
  actionInflows?: number;
}

export interface LedgerRow {
  date: IsoDate;
  openingCash: number;
  inflows: number;
  assetSales: number;
  creditDraws: number;
  payouts: Record<PayoutType, number>;
  closingCash: number;
  backlog: number;
  overdue: number;
  cause: Cause | null;
  /** With management actions only: deferred surrenders owed at the day's end, loan money arrived (a cash inflow). */
  deferred?: number;
  actionInflows?: number;
}

export interface Results {
  schema: typeof RESULTS_SCHEMA;
  schemaVersion: number;
  meta: {
    /** `commit`: git commit of the build ("-dirty" with uncommitted changes), null when unknown. */
    tool: { name: 'liqsim'; version: string; commit: string | null };
    scenario: {
      name: string;
      description: string;
      file: string;
      /** SHA-256 of the canonical JSON of the resolved scenario (after `extends`, with CSV rows inlined). */
      sha256: string;
      currency: string;
      /** The resolved scenario (after `extends`, CSV rows inlined) exactly as hashed. */
      resolved: unknown;
    };
    run: {
      seed: string;
      paths: number;
      startDate: IsoDate;
      endDate: IsoDate;
      horizonDays: number;
      shortfallThreshold: number;
      overdueGraceDays: number;
      /** Present only when the grace days are business days (absent: calendar days). */
      overdueGraceCalendar?: 'business';
      generator: string;
      pathStream: string;
      blockSize: number;
      /** A command line that reproduces this run from the scenario file. */
      reproduce: string;
    };
    statistics: {
      quantileMethod: string;
      sketchRelativeAccuracy: number;
      intervalMethod: string;
    };
  };
  summary: {
    pAnyShortfall: ProportionEstimate;
    /** Per-path peak overdue amount: mean over all paths, and tail figures. */
    shortfall: {
      expectedPeak: MeanEstimate;
      p95Peak: number;
      p99Peak: number;
      /** Mean of the worst 5% of paths' peak overdue (CVaR 95%). */
      tailMean95: number;
    };
    firstShortfall: {
      paths: number;
      earliest: IsoDate | null;
      /** Quantiles of the first shortfall date among paths that have one. */
      quantiles: { p5: IsoDate; p50: IsoDate; p95: IsoDate } | null;
      /** Paths whose first shortfall falls on each date (only dates with any). */
      distribution: { date: IsoDate; paths: number; probability: number }[];
    };
    windows: ShortfallWindow[];
    coverage: CoverageRatio[];
    /** Management actions, in scenario order (absent without them): ./actions.ts. */
    actions?: ActionSummary[];
  };
  daily: DailyRow[];
  worstPath: {
    path: number;
    criterion: string;
    ledger: LedgerRow[];
  };
}
