/**
 * The compiled model: everything the engine needs, as plain typed data.
 *
 * The scenario layer (src/scenario) turns a validated YAML scenario into a `Model`; the engine
 * (src/engine) reads only this. Conventions:
 * - money is integer cents held in a JS number (exact up to 2^53 cents, about 90 trillion units);
 * - dates are `DayIndex` offsets from `startDay` (day 0 is the first simulated date), and
 *   `EpochDay` (days since 1970-01-01, UTC) only at the edges;
 * - per-day arrays have length `horizonDays` unless stated.
 */
import type { ManagementActions } from './actions.js';

/** Integer number of cents (hundredths of the scenario currency). */
export type Cents = number;
/** Days since 1970-01-01 (UTC). */
export type EpochDay = number;
/** Offset in days from the scenario start (0 = start date). May be negative for past events. */
export type DayIndex = number;

/** A per-path random draw of a share in [0, 1]. */
export type ShareDistribution =
  | { readonly kind: 'fixed'; readonly value: number }
  /** Beta distribution given by mean and standard deviation (sd^2 < mean (1 - mean)). */
  | { readonly kind: 'beta'; readonly mean: number; readonly sd: number; readonly alpha: number; readonly beta: number }
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number };

export interface Calendar {
  /** 1 when payments, settlements and bank operations happen on that day. Length horizonDays + calendarTail. */
  readonly businessDay: Uint8Array;
  /**
   * nextBusinessDay[d] = the first business day >= d. Length horizonDays + calendarTail; a value
   * >= horizonDays means "after the horizon".
   */
  readonly nextBusinessDay: Int32Array;
  /** prevBusinessCount[d] = number of business days in [0, d). Length horizonDays + calendarTail + 1. */
  readonly businessDaysBefore: Int32Array;
}

/** One claim-lag point: `share` of a matured amount is claimed `lagDays` after the due date. */
export interface ClaimLagPoint {
  readonly lagDays: number;
  readonly share: number;
}

/**
 * Cohorts (model points) that share a surrender hazard are grouped: the kernel's daily cost
 * depends on the number of groups, not cohorts. A group is one product (base surrender rate,
 * surrender charge, rollover, claim lag and account-failure behaviour are product terms).
 */
export interface LiabilityGroup {
  readonly product: string;
  readonly cohortCount: number;
  /** In-force account value at the start (cents) and policy count. */
  readonly initialValue: Cents;
  readonly initialPolicies: number;
  /** Daily surrender hazard before stress: annual rate converted as 1 - (1 - r)^(1/365). */
  readonly baseDailyHazard: number;
  /** The product's annual base surrender rate (the stress's annual-rate convention scales it). */
  readonly baseAnnualRate: number;
  /** Fraction of account value kept by the insurer on surrender. */
  readonly surrenderCharge: number;
  /**
   * Day d's accrual factor for the in-force book (guaranteed yield of the cohorts still in force,
   * weighted by value): inForce_d = inForce_{d-1} * growth[d] before surrenders and maturities.
   */
  readonly growth: Float64Array;
  /**
   * Fraction of the group's in-force value (after day d's accrual and surrenders) that matures on day d.
   * Because every cohort in a group shares the same survival, this is path-independent.
   */
  readonly maturingValueShare: Float64Array;
  /** Fraction of the group's in-force policy count maturing on day d. */
  readonly maturingCountShare: Float64Array;
  /**
   * Amount due on day d if nothing had been surrendered (whole cents: each maturing cohort's stated
   * maturity_value, or its value grown at the guaranteed yield rounded once). The kernel pays it
   * times the path's survival, rounded once; the lookahead counts it too.
   */
  readonly scheduledMaturities: Float64Array;
  readonly rollover: ShareDistribution;
  /** Sorted by lagDays; shares sum to at most 1; the rest stays unclaimed. */
  readonly claimLag: readonly ClaimLagPoint[];
  /** Daily probability that an unclaimed amount is claimed (from a monthly rate). */
  readonly lateClaimDailyRate: number;
  /** Share of payouts to a bad account, and the days until the corrected payout is ready again. */
  readonly accountFailureRate: number;
  readonly accountRetryDays: number;
}

export interface SurrenderShock {
  readonly name: string;
  /** Day the shock hits (may be before the start: its tail still applies). */
  readonly day: DayIndex;
  readonly probability: number;
  /** Hazard multiplier at the peak (1 = no effect). */
  readonly peakMultiplier: number;
  readonly halfLifeDays: number;
}

export interface SurrenderStress {
  /** Standard deviation of log(level); the level has mean 1. 0 = no level uncertainty. */
  readonly levelSd: number;
  /** Standard deviation of a daily lognormal noise on the hazard (mean 1). 0 = none. */
  readonly dailyNoiseSd: number;
  readonly shocks: readonly SurrenderShock[];
  /** Yesterday's excess surrender intensity raises today's hazard. */
  readonly contagion: { readonly strength: number; readonly decayDays: number } | null;
  /** Customer notification from `fromDay` scales shock excess by 1 - notifiedShare * damping. */
  readonly mitigation: { readonly fromDay: DayIndex; readonly notifiedShare: number; readonly damping: number } | null;
  /** Instantaneous mass lapse: `share` of every group's in-force value surrenders on `day`. */
  readonly massLapse: { readonly day: DayIndex; readonly share: number } | null;
  /**
   * What the path's multiplier M scales. 'daily_hazard': h = min(1, base daily hazard x M).
   * 'annual_rate': h = 1 - (1 - min(1, annual rate x M))^(1/365), the cap applied day by day
   * (Solvency II lapse-up, C-ROSS surrender stress).
   */
  readonly multiplierAppliesTo: 'daily_hazard' | 'annual_rate';
}

export interface LiquidAsset {
  readonly name: string;
  /** Market value available for sale (cents). */
  readonly amount: Cents;
  /** Haircut drawn per path from this distribution (fixed, or uniform over the stressed range). */
  readonly haircut: ShareDistribution;
  /** Proceeds arrive this many business days after the sale (T+n). */
  readonly settlementDays: number;
  /** Market value that can be sold per business day (cents). */
  readonly dailyCapacity: Cents;
}

export interface CreditLine {
  readonly bank: string;
  readonly limit: Cents;
  /** Funds may arrive on days in [fromDay, untilDay]. */
  readonly fromDay: DayIndex;
  readonly untilDay: DayIndex;
  /** Business days between the drawdown request and the funds arriving. */
  readonly noticeDays: number;
  readonly dailyDrawCap: Cents;
  /** Probability (per path) that the bank does not honour the line at all. */
  readonly failProbability: number;
}

export type FundingSource = 'credit' | 'assets';

export interface Funding {
  readonly openingCash: Cents;
  /** Operating buffer that payouts may not draw cash below. */
  readonly minimumCash: Cents;
  readonly assets: readonly LiquidAsset[];
  readonly creditLines: readonly CreditLine[];
  /** Scheduled cash inflows by day (premiums, coupons, asset maturities), already rolled to business days. */
  readonly inflows: Float64Array;
  /** Order in which external sources are used once cash is not enough. */
  readonly waterfall: readonly FundingSource[];
  /** Known payouts due within this many days are pre-funded (credit notice and settlement lags). */
  readonly lookaheadDays: number;
  /** Pre-fund a run-rate of expected surrenders (docs/model.md, "Rules in detail"); false: funded as they arrive. */
  readonly prefundSurrenders: boolean;
}

export interface PaymentChannel {
  readonly bank: string;
  readonly dailyLimit: Cents;
  readonly perTransferLimit: Cents;
  readonly dailyTransfers: number;
}

/** New limits for one channel (omitted fields keep their value). */
export interface ChannelLimits {
  readonly dailyLimit?: Cents;
  readonly perTransferLimit?: Cents;
  readonly dailyTransfers?: number;
}

export type LimitChange =
  | {
      readonly kind: 'dated';
      readonly day: DayIndex;
      /** Index into payments.channels, or -1 for the processing capacity. */
      readonly channel: number;
      readonly limits: ChannelLimits;
      readonly processingCapacity?: number;
    }
  | {
      readonly kind: 'triggered';
      /** Fires the first day the end-of-day backlog exceeds this amount. */
      readonly backlogAbove: Cents;
      readonly afterDays: number;
      /** Probability (per path, drawn when it fires) that the bank agrees. */
      readonly probability: number;
      readonly channel: number;
      readonly limits: ChannelLimits;
      readonly processingCapacity?: number;
    };

export interface Payments {
  readonly channels: readonly PaymentChannel[];
  /** Payouts the operations team can process per business day. */
  readonly processingCapacity: number;
  readonly changes: readonly LimitChange[];
}

export interface Model {
  readonly name: string;
  readonly description: string;
  readonly currency: string;
  readonly startDay: EpochDay;
  readonly horizonDays: number;
  /** Days after the horizon kept in the calendar, so late dates can be rolled. */
  readonly calendarTail: number;
  readonly seed: string;
  readonly paths: number;
  readonly shortfallThreshold: number;
  /** A payout is overdue when unpaid after due day + graceDays. */
  readonly overdueGraceDays: number;
  /**
   * 'calendar': overdue at the end of day due + graceDays. 'business': at the end of the graceDays-th
   * business day after the due date (due dates are business days).
   */
  readonly overdueGraceCalendar: 'calendar' | 'business';
  readonly calendar: Calendar;
  readonly groups: readonly LiabilityGroup[];
  /** Other dated outflows (expenses, loan repayments, claims) by day, cents. Not limited by payment channels. */
  readonly otherOutflows: Float64Array;
  readonly stress: SurrenderStress;
  readonly funding: Funding;
  readonly payments: Payments;
  /** Management actions (./actions.ts); absent when the scenario has none. */
  readonly actions?: ManagementActions;
}
