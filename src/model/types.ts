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
import type { EpochDay } from '../dates.js';
import type { Cents } from '../scenario/amounts.js';
import type { AssetClass, RegulatoryConfig } from '../regulatory/config.js';

/** Integer number of cents (hundredths of the scenario currency): declared where amounts are read. */
export type { Cents };
/** Days since 1970-01-01 (UTC): declared with the date helpers. */
export type { EpochDay };
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
  /**
   * Per-band transfer counting (`Payments.bandLimits` not null): transfers one payout of the group
   * needs under each per-transfer limit value, `bandLimits[v]`, for maturity and surrender payouts.
   * Whole numbers: a group's cohorts share one payout-size band (docs/model.md, "Payout-size bands").
   */
  readonly transfersPerPayout?: { readonly maturity: readonly number[]; readonly surrender: readonly number[] };
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
  /** Liquidity class for the regulatory ratios (Basel HQLA level), or null when unclassified. */
  readonly assetClass: AssetClass | null;
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
  /**
   * null: transfers per payout by the average rule (ceil(average payout / per-transfer limit) for a
   * day's request). Otherwise per-band counting: every per-transfer limit value a channel can have
   * (at the start or after a change), ascending, distinct; each group gives its transfers per payout
   * under each (`LiabilityGroup.transfersPerPayout`).
   */
  readonly bandLimits: readonly Cents[] | null;
}

// Management actions (scenario key management_actions): the compiled form; ./actions.ts holds the
// formulas both engines read and compiles them.

export type ActionType = 'suspend_surrenders' | 'intragroup_loan' | 'cancel_outflow' | 'outreach';

export interface SurrenderSuspension {
  readonly name: string;
  /** Requests filed on days in [fromDay, untilDay) are deferred to untilDay (may lie after the horizon). */
  readonly fromDay: DayIndex;
  readonly untilDay: DayIndex;
  /** Liability group indices covered (all groups when the scenario names no products). */
  readonly groups: readonly number[];
}

export interface IntragroupLoan {
  readonly name: string;
  readonly amount: Cents;
  /** Dated loan: the day it is requested (>= 0); null for a triggered loan. */
  readonly requestDay: DayIndex | null;
  /** Triggered loan: requested the day after the end-of-day backlog first exceeds this; null when dated. */
  readonly backlogAbove: Cents | null;
  /** Business days from the request to the money arriving. */
  readonly noticeDays: number;
  /** Probability (per path) that the parent agrees. */
  readonly probability: number;
}

export interface OutflowCancellation {
  readonly name: string;
  /** Name of the other outflow (liabilities.other_outflows) cancelled. */
  readonly outflow: string;
  /** That outflow's amounts by day (cents, rolled to business days like `Model.otherOutflows`). */
  readonly amounts: Float64Array;
  /** Dated cancellation: first day not requested (>= 0); null for a triggered one. */
  readonly fromDay: DayIndex | null;
  /** Triggered: takes effect the day after the end-of-day headroom first falls below this; null when dated. */
  readonly headroomBelow: Cents | null;
}

export interface OutreachCampaign {
  readonly name: string;
  readonly fromDay: DayIndex;
  /** Policyholders contacted per business day. */
  readonly contactsPerDay: number;
  /** Share of the contacted who act on it. */
  readonly takeUp: number;
  /** Share of the shock excess removed for those reached. */
  readonly damping: number;
  /** Daily late-claim rate (from the monthly one) of unclaimed money of those reached; null: unchanged. */
  readonly lateClaimDailyRate: number | null;
}

export interface ManagementActions {
  readonly suspensions: readonly SurrenderSuspension[];
  readonly loans: readonly IntragroupLoan[];
  readonly cancellations: readonly OutflowCancellation[];
  readonly outreach: readonly OutreachCampaign[];
  /** Every action in scenario order: its type and index in its own list (summary.actions follows it). */
  readonly order: readonly { readonly name: string; readonly type: ActionType; readonly index: number }[];
}

/**
 * The model's terms as the scenario states them (compiled to days and cents). `Model` adds the
 * quantities docs/model.md derives from them (`DerivedTerms`); compile.ts's `deriveModel` is the
 * one place that computes those, for compiled scenarios and hand-built test models alike.
 */
export interface ModelTerms {
  readonly name: string;
  readonly description: string;
  /** As-of date of the scenario's data (ISO), when the scenario states one (`as_of`). */
  readonly asOf?: string;
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
  /** What the regulatory figures use (defaults when the scenario has no `regulatory:` key). */
  readonly regulatory: RegulatoryConfig;
  /** Management actions (./actions.ts); absent when the scenario has none. */
  readonly actions?: ManagementActions;
}

/**
 * Quantities docs/model.md derives from the terms that do not depend on the path: computed once, in
 * ../model/compile.ts (`deriveModel`), and read as they are by the reference model
 * (../engine/reference) and laid out unchanged in the kernel's memory (../engine/kernel.ts). Changing
 * one of these formulas means editing `deriveModel` only.
 */
export interface DerivedTerms {
  /**
   * Per group g, per day d < horizonDays: the group's book at the end of day d had nothing been
   * surrendered, initial · Π_{t ≤ d} growth(t) · (1 − maturingValueShare(t)), multiplied in day order
   * and not rounded. The funding need scales scheduled maturities by in force / this; on a maturity
   * day the book left is cents(this · survival).
   */
  readonly noSurrenderBook: readonly Float64Array[];
  /** Per group: 1 − Σ claim-lag shares (added in lag order), the share of a matured amount never claimed on schedule. */
  readonly unclaimedShare: readonly number[];
  /**
   * Per shock s, per day d < horizonDays: its excess hazard S_s(d) = (peak − 1) · exp(ln 0.5 · (d −
   * day) / half_life) on the days d ≥ its day (0 before), when the shock happens on the path.
   */
  readonly shockExcess: readonly Float64Array[];
  /** 1 − notified_share · damping: what mitigation scales the shocks' excess by from its date (1 without mitigation). */
  readonly mitigationScale: number;
  /** Contagion's daily weight w = exp(−1 / decay_days) of yesterday's state (0 without contagion). */
  readonly contagionWeight: number;
  /**
   * Per day d < horizonDays: days until money raised on d from the slowest source could arrive,
   * afterBusinessDays(d, max(notice, settlement) + 1) − d (weekends and holidays in between count;
   * all lines and assets, whatever the path draws). The surrender run-rate is pre-funded for these days.
   */
  readonly runRateDays: Float64Array;
  /**
   * Per credit line: the last business day a draw can be requested whose funds still arrive (after the
   * notice) inside the line's window and the calendar, or −1. After it the undrawn limit is no longer headroom.
   */
  readonly lastDrawDay: readonly number[];
  /**
   * Per day d < horizonDays: the latest due day whose unpaid payouts are overdue at d's end: d − grace
   * days, or with business-day grace the business day `grace` business days before the last business
   * day on or before d (−1 when there is none). Negative: nothing is overdue yet.
   */
  readonly lastOverdueDue: Int32Array;
  /** Initial book value over initial policy count, all groups (0 with no policies): the payout size assumed when no payout is ready. */
  readonly bookAveragePolicy: number;
  /**
   * Management actions (./actions.ts): per [d · G + g], d < horizonDays, the suspension covering group
   * g's surrender requests filed on day d (the first in scenario order with from <= d < until), or −1.
   * Empty without suspensions.
   */
  readonly suspensionCovering: Int32Array;
  /**
   * Per day d < horizonDays: the outreach campaigns' factor on the shock excess, Π over campaigns in
   * order of (1 − reach(d) · damping), reach(d) = take_up · min(1, contacts_per_day · business days in
   * [from, d] / initial policies), 0 before from. Empty without campaigns.
   */
  readonly outreachScale: Float64Array;
  /**
   * Per [d · G + g]: group g's daily late-claim rate on day d with outreach, the product's rate r then
   * r ← r + reach(d) · (q − r) per campaign with a late-claim rate q, in order. Empty when no campaign
   * sets one (the products' rates apply).
   */
  readonly outreachLateRate: Float64Array;
}

/** The compiled model the engine runs: the terms and what docs/model.md derives from them. */
export interface Model extends ModelTerms {
  readonly derived: DerivedTerms;
}
