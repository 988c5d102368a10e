/**
 * Management actions (scenario key `management_actions`, docs/model.md "Management actions"): what
 * the compiled model holds of them, and the path-independent formulas both engines read (the
 * reference model calls these functions; the kernel's TypeScript side tabulates them once).
 *
 * - surrender suspension (moratorium): surrender requests of the covered products filed on a day in
 *   [from, until) are deferred: owed, never overdue, outside the backlog until day `until`, when they
 *   join that day's surrender request (due the next business day);
 * - intra-group loan: `amount` arrives as cash `notice_days` business days after it is requested
 *   (on `from`, or the day after the backlog first exceeds a threshold), if the parent agrees on the
 *   path (drawn with `probability`);
 * - outflow cancellation: a named other outflow is not requested on or after the day the
 *   cancellation takes effect (`from`, or the day after headroom first falls below a threshold);
 * - outreach campaign: contacts per business day from `from`; the share of the book reached scales
 *   the shock excess down and raises the late-claim rate of unclaimed money.
 */
import type { Scenario } from '../scenario/schema.js';
import type { Calendar, Cents, DayIndex, LiabilityGroup, Model } from './types.js';
import { scheduleAmounts } from './compile.js';

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

/** A day index no day reaches: a triggered action not (yet) fired. */
export const NEVER_DAY = 1 << 30;

/** True when the model has any management action. */
export function hasActions(a: ManagementActions | undefined): a is ManagementActions {
  return a !== undefined && a.order.length > 0;
}

// ---------------------------------------------------------------------------------------------
// path-independent formulas

/**
 * The suspension covering group g on day d: the first in scenario order with g among its groups and
 * from <= d < until, or -1.
 */
export function suspensionOf(a: ManagementActions, g: number, d: DayIndex): number {
  return a.suspensions.findIndex((s) => d >= s.fromDay && d < s.untilDay && s.groups.includes(g));
}

/**
 * Reach of campaign c on day t: take_up · min(1, contacts_per_day · (business days in [from, t]) /
 * policies at the start), 0 before `from`.
 */
export function outreachReach(c: OutreachCampaign, calendar: Calendar, policies: number, t: DayIndex): number {
  if (t < c.fromDay) return 0;
  const from = Math.max(0, c.fromDay);
  const businessDays = calendar.businessDaysBefore[t + 1] - calendar.businessDaysBefore[from];
  const contacted = policies > 0 ? Math.min(1, (c.contactsPerDay * businessDays) / policies) : 1;
  return c.takeUp * contacted;
}

/** Σ initial policies of all groups (the book outreach works through). */
export function bookPolicies(groups: readonly LiabilityGroup[]): number {
  let n = 0;
  for (const g of groups) n += g.initialPolicies;
  return n;
}

/** The factor on the shock excess on day t: Π over campaigns, in order, of (1 − reach · damping). */
export function outreachExcessScale(a: ManagementActions, calendar: Calendar, groups: readonly LiabilityGroup[], t: DayIndex): number {
  const policies = bookPolicies(groups);
  let scale = 1;
  for (const c of a.outreach) scale *= 1 - outreachReach(c, calendar, policies, t) * c.damping;
  return scale;
}

/**
 * The daily late-claim rate of group g on day t: the product's rate r, then for each campaign with a
 * late-claim rate q, in order, r ← r + reach · (q − r) (the reached share claims at q).
 */
export function outreachLateRate(a: ManagementActions, calendar: Calendar, groups: readonly LiabilityGroup[], g: number, t: DayIndex): number {
  const policies = bookPolicies(groups);
  let rate = groups[g].lateClaimDailyRate;
  for (const c of a.outreach) {
    if (c.lateClaimDailyRate === null) continue;
    rate += outreachReach(c, calendar, policies, t) * (c.lateClaimDailyRate - rate);
  }
  return rate;
}

/** True when a campaign changes late claims. */
export function outreachChangesLateClaims(a: ManagementActions | undefined): boolean {
  return a !== undefined && a.outreach.some((c) => c.lateClaimDailyRate !== null);
}

// ---------------------------------------------------------------------------------------------
// the kernel's tables (../engine/kernel.ts lays them out; ../engine/abi.ts declares the slots)

/** The actions as the kernel's tables: empty tables and counts of 0 without actions. */
export function actionTables(m: Model) {
  const H = m.horizonDays;
  const G = m.groups.length;
  const a: ManagementActions = m.actions ?? { suspensions: [], loans: [], cancellations: [], outreach: [], order: [] };
  const fieldOf = (type: ActionType, index: number) => a.order.findIndex((o) => o.type === type && o.index === index);
  const deferAction = new Int32Array(H * G).fill(-1);
  const deferUntil = new Int32Array(H * G).fill(-1);
  if (a.suspensions.length > 0) {
    for (let d = 0; d < H; d++) {
      for (let g = 0; g < G; g++) {
        const k = suspensionOf(a, g, d);
        deferAction[d * G + g] = k;
        deferUntil[d * G + g] = k < 0 ? -1 : a.suspensions[k].untilDay;
      }
    }
  }
  const NX = a.cancellations.length;
  const cancelAmounts = new Float64Array(NX * H);
  const cumCancel = new Float64Array(NX * (H + 1));
  a.cancellations.forEach((c, x) => {
    cancelAmounts.set(c.amounts, x * H);
    for (let d = 0; d < H; d++) cumCancel[x * (H + 1) + d + 1] = cumCancel[x * (H + 1) + d] + c.amounts[d];
  });
  const outreachLate = outreachChangesLateClaims(a);
  const outreachScale = new Float64Array(a.outreach.length > 0 ? H : 0);
  for (let d = 0; d < outreachScale.length; d++) outreachScale[d] = outreachExcessScale(a, m.calendar, m.groups, d);
  const lateRateByDay = new Float64Array(outreachLate ? H * G : 0);
  if (outreachLate) for (let d = 0; d < H; d++) for (let g = 0; g < G; g++) lateRateByDay[d * G + g] = outreachLateRate(a, m.calendar, m.groups, g, d);
  return {
    NACT: a.order.length,
    NS: a.suspensions.length,
    deferAction,
    deferUntil,
    suspensionFrom: Int32Array.from(a.suspensions, (s) => Math.max(0, s.fromDay)),
    suspensionField: Int32Array.from(a.suspensions, (_, i) => fieldOf('suspend_surrenders', i)),
    NLN: a.loans.length,
    loanAmount: Float64Array.from(a.loans, (l) => l.amount),
    loanDay: Int32Array.from(a.loans, (l) => l.requestDay ?? NEVER_DAY),
    loanBacklogAbove: Float64Array.from(a.loans, (l) => l.backlogAbove ?? Infinity),
    loanNotice: Int32Array.from(a.loans, (l) => l.noticeDays),
    loanField: Int32Array.from(a.loans, (_, i) => fieldOf('intragroup_loan', i)),
    NX,
    cancelAmounts,
    cumCancel,
    cancelFrom: Int32Array.from(a.cancellations, (c) => c.fromDay ?? NEVER_DAY),
    cancelHeadroomBelow: Float64Array.from(a.cancellations, (c) => c.headroomBelow ?? -Infinity),
    cancelField: Int32Array.from(a.cancellations, (_, i) => fieldOf('cancel_outflow', i)),
    NO: a.outreach.length,
    outreachScale,
    outreachLate: outreachLate ? 1 : 0,
    lateRateByDay,
    outreachFrom: Int32Array.from(a.outreach, (c) => Math.max(0, c.fromDay)),
    outreachField: Int32Array.from(a.outreach, (_, i) => fieldOf('outreach', i)),
  };
}

// ---------------------------------------------------------------------------------------------
// compiling

type ActionInput = NonNullable<Scenario['management_actions']>[number];

/** The monthly rate's daily rate, as products' late-claim rates are converted: 1 − (1 − m)^(1/30). */
function dailyFromMonthly(m: number): number {
  return 1 - Math.pow(1 - m, 1 / 30);
}

/**
 * The compiled actions of a validated scenario (dates as day indices, products as group indices, the
 * named outflow's amounts by day), or undefined when it has none.
 */
export function compileActions(s: Scenario, calendar: Calendar, groups: readonly LiabilityGroup[]): ManagementActions | undefined {
  const list = s.management_actions ?? [];
  if (list.length === 0) return undefined;
  const H = s.horizon_days;
  const suspensions: SurrenderSuspension[] = [];
  const loans: IntragroupLoan[] = [];
  const cancellations: OutflowCancellation[] = [];
  const outreach: OutreachCampaign[] = [];
  const order: { name: string; type: ActionType; index: number }[] = [];
  for (const a of list as readonly ActionInput[]) {
    switch (a.type) {
      case 'suspend_surrenders': {
        const fromDay = a.from - s.start;
        const untilDay = a.until !== undefined ? a.until - s.start : fromDay + a.days!;
        const covered = groups.map((g, i) => (a.products === undefined || a.products.includes(g.product) ? i : -1)).filter((i) => i >= 0);
        order.push({ name: a.name, type: a.type, index: suspensions.length });
        suspensions.push({ name: a.name, fromDay, untilDay, groups: covered });
        break;
      }
      case 'intragroup_loan':
        order.push({ name: a.name, type: a.type, index: loans.length });
        loans.push({
          name: a.name,
          amount: a.amount,
          requestDay: a.from !== undefined ? Math.max(0, a.from - s.start) : null,
          backlogAbove: a.from !== undefined ? null : a.when_backlog_above!,
          noticeDays: a.notice_days,
          probability: a.probability,
        });
        break;
      case 'cancel_outflow': {
        const items = s.liabilities.other_outflows.filter((o) => o.name === a.outflow);
        order.push({ name: a.name, type: a.type, index: cancellations.length });
        cancellations.push({
          name: a.name,
          outflow: a.outflow,
          amounts: scheduleAmounts(items, s.start, H, calendar),
          fromDay: a.from !== undefined ? Math.max(0, a.from - s.start) : null,
          headroomBelow: a.from !== undefined ? null : a.when_headroom_below!,
        });
        break;
      }
      case 'outreach':
        order.push({ name: a.name, type: a.type, index: outreach.length });
        outreach.push({
          name: a.name,
          fromDay: a.from - s.start,
          contactsPerDay: a.contacts_per_day,
          takeUp: a.take_up,
          damping: a.surrender_damping,
          lateClaimDailyRate: a.late_claim_rate === undefined ? null : dailyFromMonthly(a.late_claim_rate),
        });
        break;
    }
  }
  return { suspensions, loans, cancellations, outreach, order };
}
