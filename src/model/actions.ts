/**
 * Management actions (scenario key `management_actions`, docs/model.md "Management actions"): what
 * the compiled model holds of them (types in ./types.ts), and the path-independent formulas, which
 * ./compile.ts `deriveModel` tabulates once (`deriveActions`, `Model.derived`) for both engines to
 * read; `actionTables` lays them out with the rest of the actions for the kernel.
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
import type { ActionType, Calendar, DayIndex, DerivedTerms, IntragroupLoan, LiabilityGroup, ManagementActions, Model, ModelTerms, OutflowCancellation, OutreachCampaign, SurrenderSuspension } from './types.js';

export type { ActionType, IntragroupLoan, ManagementActions, OutflowCancellation, OutreachCampaign, SurrenderSuspension };

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
function suspensionOf(a: ManagementActions, g: number, d: DayIndex): number {
  return a.suspensions.findIndex((s) => d >= s.fromDay && d < s.untilDay && s.groups.includes(g));
}

/**
 * Reach of campaign c on day t: take_up · min(1, contacts_per_day · (business days in [from, t]) /
 * policies at the start), 0 before `from`.
 */
function outreachReach(c: OutreachCampaign, calendar: Calendar, policies: number, t: DayIndex): number {
  if (t < c.fromDay) return 0;
  const from = Math.max(0, c.fromDay);
  const businessDays = calendar.businessDaysBefore[t + 1] - calendar.businessDaysBefore[from];
  const contacted = policies > 0 ? Math.min(1, (c.contactsPerDay * businessDays) / policies) : 1;
  return c.takeUp * contacted;
}

/** Σ initial policies of all groups (the book outreach works through). */
function bookPolicies(groups: readonly LiabilityGroup[]): number {
  let n = 0;
  for (const g of groups) n += g.initialPolicies;
  return n;
}

/** The factor on the shock excess on day t: Π over campaigns, in order, of (1 − reach · damping). */
function outreachExcessScale(a: ManagementActions, calendar: Calendar, groups: readonly LiabilityGroup[], t: DayIndex): number {
  const policies = bookPolicies(groups);
  let scale = 1;
  for (const c of a.outreach) scale *= 1 - outreachReach(c, calendar, policies, t) * c.damping;
  return scale;
}

/**
 * The daily late-claim rate of group g on day t: the product's rate r, then for each campaign with a
 * late-claim rate q, in order, r ← r + reach · (q − r) (the reached share claims at q).
 */
function lateRate(a: ManagementActions, calendar: Calendar, groups: readonly LiabilityGroup[], g: number, t: DayIndex): number {
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

/** The actions' derived terms (types.ts `DerivedTerms`), computed once by ./compile.ts `deriveModel`. */
export function deriveActions(terms: ModelTerms): Pick<DerivedTerms, 'suspensionCovering' | 'outreachScale' | 'outreachLateRate'> {
  const H = terms.horizonDays;
  const G = terms.groups.length;
  const a = terms.actions;
  const suspensionCovering = new Int32Array(a !== undefined && a.suspensions.length > 0 ? H * G : 0);
  if (suspensionCovering.length > 0) for (let d = 0; d < H; d++) for (let g = 0; g < G; g++) suspensionCovering[d * G + g] = suspensionOf(a!, g, d);
  const outreachScale = new Float64Array(a !== undefined && a.outreach.length > 0 ? H : 0);
  for (let d = 0; d < outreachScale.length; d++) outreachScale[d] = outreachExcessScale(a!, terms.calendar, terms.groups, d);
  const outreachLateRate = new Float64Array(outreachChangesLateClaims(a) ? H * G : 0);
  if (outreachLateRate.length > 0) for (let d = 0; d < H; d++) for (let g = 0; g < G; g++) outreachLateRate[d * G + g] = lateRate(a!, terms.calendar, terms.groups, g, d);
  return { suspensionCovering, outreachScale, outreachLateRate };
}

// ---------------------------------------------------------------------------------------------
// the kernel's tables (../engine/kernel.ts lays them out; ../engine/abi.ts declares the slots)

/** The actions as the kernel's tables: empty tables and counts of 0 without actions. */
export function actionTables(m: Model) {
  const H = m.horizonDays;
  const G = m.groups.length;
  const a: ManagementActions = m.actions ?? { suspensions: [], loans: [], cancellations: [], outreach: [], order: [] };
  const fieldOf = (type: ActionType, index: number) => a.order.findIndex((o) => o.type === type && o.index === index);
  // the derived suspension index per day and group, and its end day (−1: none)
  const deferAction = new Int32Array(H * G).fill(-1);
  const deferUntil = new Int32Array(H * G).fill(-1);
  const covering = m.derived.suspensionCovering;
  for (let i = 0; i < covering.length; i++) {
    deferAction[i] = covering[i];
    deferUntil[i] = covering[i] < 0 ? -1 : a.suspensions[covering[i]].untilDay;
  }
  const NX = a.cancellations.length;
  const cancelAmounts = new Float64Array(NX * H);
  const cumCancel = new Float64Array(NX * (H + 1));
  a.cancellations.forEach((c, x) => {
    cancelAmounts.set(c.amounts, x * H);
    for (let d = 0; d < H; d++) cumCancel[x * (H + 1) + d + 1] = cumCancel[x * (H + 1) + d] + c.amounts[d];
  });
  const outreachLate = m.derived.outreachLateRate.length > 0;
  const outreachScale = m.derived.outreachScale;
  const lateRateByDay = m.derived.outreachLateRate;
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
export function compileActions(
  s: Scenario,
  calendar: Calendar,
  groups: readonly LiabilityGroup[],
  outflowAmounts: (items: Scenario['liabilities']['other_outflows']) => Float64Array,
): ManagementActions | undefined {
  const list = s.management_actions ?? [];
  if (list.length === 0) return undefined;
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
          amounts: outflowAmounts(items),
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
